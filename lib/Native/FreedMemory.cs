using System.Runtime.InteropServices;

namespace GanWorkbench.Native;

/// <summary>
/// Gives memory that a training run has freed back to the kernel, so that resident memory stays
/// flat over a long run. The run loop calls <see cref="Release"/> after every logging window.
/// Two things made a 5,000-step DCGAN run on 2 cores grow by about 140 MiB before levelling off
/// (measured with the bench's memory trace, which splits resident memory into malloc's and the
/// managed heap's; BENCHMARKS.md, "Memory"):
/// <list type="bullet">
/// <item>The managed heap: TorchSharp allocates a few small objects per tensor operation (about
/// 45 KB per DCGAN step), and the first gen-0 collection came only after some 1,800 steps, the budget
/// of a gen-0 heap being sized from the CPU's (large) cache. Until then every allocation touched fresh
/// pages. A gen-0 collection per window (a few MiB of garbage, few survivors) lets the same pages be reused.</item>
/// <item>glibc's malloc: libtorch frees and reallocates every activation each step, in sizes that vary,
/// and glibc keeps the holes left in its heaps (over 2,000 steps the "free" part of <c>mallinfo2</c> grew
/// from about 60 to 170 MiB while the part in use stayed between 263 and 288 MiB). <c>malloc_trim(0)</c> returns the free pages inside every
/// arena with <c>madvise</c>; they are faulted in again when reused.</item>
/// </list>
/// Neither changes any number a run computes. <c>GWB_RELEASE_MEMORY=0</c> turns it off (to measure
/// its effect). <c>malloc_trim</c> is skipped where the C library has none (macOS, Windows, musl).
/// </summary>
public static class FreedMemory
{
    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);

    static readonly bool Disabled = Environment.GetEnvironmentVariable("GWB_RELEASE_MEMORY") == "0";
    static bool noMallocTrim = !OperatingSystem.IsLinux();

    /// <summary>Collects generation 0 of the managed heap and returns malloc's free pages to the kernel.
    /// Returns whether malloc gave any memory back (false also where it cannot, or when turned off).</summary>
    public static bool Release()
    {
        if (Disabled) return false;
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        if (noMallocTrim) return false;
        try { return MallocTrim(0) == 1; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { noMallocTrim = true; return false; }
    }
}
