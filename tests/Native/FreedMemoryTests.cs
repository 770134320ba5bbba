using System.Runtime.InteropServices;
using GanWorkbench.Native;

namespace GanWorkbench.Tests.Native;

/// <summary>What the run loop's memory release after each logging window does (<see cref="FreedMemory"/>):
/// a gen-0 collection of the managed heap, and malloc's free pages back to the kernel.</summary>
public class FreedMemoryTests
{
    [Fact]
    public void Collects_generation_zero()
    {
        int before = GC.CollectionCount(0);
        FreedMemory.Release();
        Assert.True(GC.CollectionCount(0) > before);
    }

    [Fact]
    public void Gives_freed_malloc_blocks_back_to_the_kernel()
    {
        if (!OperatingSystem.IsLinux()) return;                        // malloc_trim is glibc's
        // 64 MiB of 16 KiB blocks (below malloc's mmap threshold, so they live in an arena), written to,
        // then freed with a block allocated after them still in use: the hole is free but resident.
        var ones = Enumerable.Repeat((byte)1, 16 * 1024).ToArray();
        var blocks = new List<nint>();
        for (int i = 0; i < 4096; i++)
        {
            var block = Marshal.AllocHGlobal(ones.Length);              // malloc on Unix
            Marshal.Copy(ones, 0, block, ones.Length);
            blocks.Add(block);
        }
        var pin = Marshal.AllocHGlobal(64);
        foreach (var block in blocks) Marshal.FreeHGlobal(block);
        try { Assert.True(FreedMemory.Release(), "malloc_trim(0) reported that it gave nothing back"); }
        finally { Marshal.FreeHGlobal(pin); }
    }
}
