using System.Runtime.InteropServices;

namespace GanWorkbench.Native;

/// <summary>
/// Keeps glibc's malloc from handing libtorch's activation buffers back to the kernel between
/// training steps. libtorch allocates every activation and gradient afresh each step (a DCGAN step at
/// batch 64 frees and reallocates tens of MiB, in tensors of up to a few MiB). glibc serves blocks above
/// its mmap threshold with a fresh <c>mmap</c> and trims the top of a heap once more than the trim
/// threshold is free there; both thresholds start at 128 KiB and only grow as large blocks are freed, and
/// with this allocation pattern many buffers still came back as new pages. Measured on 2 Sapphire Rapids cores, 80 workbench DCGAN steps
/// at batch 64 in separate processes, five each (bench/probes/malloc-faults.fsx): with glibc's defaults
/// 6,100–11,900 minor page faults and 14.5–27.8 ms of kernel CPU time per step; with the mmap threshold at
/// glibc's maximum (32 MiB) and a trim threshold of 128 MiB 26–150 faults and 0.2–1.1 ms. Resident memory over a long run is kept
/// flat by <see cref="FreedMemory.Release"/>, which trims explicitly after every logging window.
/// <para>Applied once, before libtorch allocates (the library's module initializer). It changes no
/// number a run computes. <c>GWB_MALLOC_TUNING=0</c> turns it off (to measure its effect); it is
/// also left off when the user tunes malloc through the environment (<c>MALLOC_*_</c> or
/// <c>GLIBC_TUNABLES</c>), and where the C library is not glibc.</para>
/// </summary>
public static class MallocTuning
{
    const int M_TRIM_THRESHOLD = -1;
    const int M_MMAP_THRESHOLD = -3;

    /// <summary>Blocks up to this size come from malloc's heaps instead of their own <c>mmap</c>
    /// (32 MiB is the largest value glibc accepts on 64-bit).</summary>
    public const int MmapThresholdBytes = 32 << 20;
    /// <summary>Free memory at the top of a heap that glibc keeps instead of returning it.</summary>
    public const int TrimThresholdBytes = 128 << 20;

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int Mallopt(int parameter, int value);

    static readonly object Gate = new();

    /// <summary>What <see cref="Apply"/> did: "on" (thresholds set), "off (GWB_MALLOC_TUNING=0)",
    /// "off (MALLOC_… in the environment)", "off (mallopt refused)", "off (no glibc)", or "" before it ran.</summary>
    public static string State { get; private set; } = "";

    /// <summary>Whether the thresholds are set.</summary>
    public static bool IsOn { get; private set; }

    const string On = "on";

    /// <summary>Sets the thresholds once per process (idempotent); returns whether they are set.</summary>
    public static bool Apply()
    {
        lock (Gate)
        {
            if (State.Length == 0)
            {
                State = Decide();
                IsOn = State == On;
            }
            return IsOn;
        }
    }

    static string Decide()
    {
        if (Environment.GetEnvironmentVariable("GWB_MALLOC_TUNING") == "0") return "off (GWB_MALLOC_TUNING=0)";
        var userTuned = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .FirstOrDefault(k => k == "GLIBC_TUNABLES" || (k.StartsWith("MALLOC_", StringComparison.Ordinal) && k.EndsWith('_')));
        if (userTuned is not null) return $"off ({userTuned} in the environment)";
        if (!OperatingSystem.IsLinux()) return "off (no glibc)";
        try
        {
            // Setting either threshold ends glibc's dynamic adjustment of both, so both are set.
            bool ok = Mallopt(M_MMAP_THRESHOLD, MmapThresholdBytes) == 1 && Mallopt(M_TRIM_THRESHOLD, TrimThresholdBytes) == 1;
            return ok ? On : "off (mallopt refused)";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return "off (no glibc)";
        }
    }
}
