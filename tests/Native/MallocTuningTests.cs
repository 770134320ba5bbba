using System.Runtime.InteropServices;
using GanWorkbench.Native;

namespace GanWorkbench.Tests.Native;

/// <summary>malloc's thresholds (<see cref="MallocTuning"/>): set once when the library loads, so that a
/// buffer of a few MiB freed and allocated again (libtorch's pattern, step after step) reuses its pages.</summary>
public class MallocTuningTests
{
    static long ThreadMinorFaults() => long.Parse(File.ReadAllText("/proc/thread-self/stat").Split(')')[1].Split(' ')[8]);

    [Fact]
    public void Is_on_where_glibc_runs_and_nothing_overrides_it()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("GWB_MALLOC_TUNING") == "0") return;
        Assert.True(MallocTuning.Apply());
        Assert.Equal("on", MallocTuning.State);
        Assert.True(MallocTuning.Apply());                                          // idempotent
    }

    [Fact]
    public void A_freed_4_mib_buffer_comes_back_without_new_page_faults()
    {
        if (!OperatingSystem.IsLinux() || !MallocTuning.Apply()) return;
        const int size = 4 << 20, pages = size / 4096, cycles = 20;
        var ones = Enumerable.Repeat((byte)1, size).ToArray();
        void Cycle()
        {
            var block = Marshal.AllocHGlobal(size);                                 // malloc on Unix
            Marshal.Copy(ones, 0, block, size);                                     // touch every page
            Marshal.FreeHGlobal(block);
        }
        Cycle(); Cycle();                                                           // the heap grows once
        long before = ThreadMinorFaults();
        for (int i = 0; i < cycles; i++) Cycle();
        long faults = ThreadMinorFaults() - before;
        // Below the mmap threshold and the trim threshold the block is reused: no page is faulted again.
        // With glibc's 128 KiB thresholds every cycle would fault all 1,024 pages (20,480 in all).
        Assert.True(faults < pages, $"{faults} minor page faults in {cycles} cycles of a {size >> 20} MiB buffer");
    }
}
