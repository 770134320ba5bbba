using System.Runtime.InteropServices;

namespace GanWorkbench.Bench.Measure;

/// <summary>Where resident memory sits: glibc's malloc heap (in use vs free but kept) and the .NET
/// managed heap (committed). Splits a growing resident set into "the allocator keeps freed blocks"
/// and "something is still referenced". Values are MiB; NaN where the platform has no such call.</summary>
public static class NativeHeap
{
    const double MiB = 1024 * 1024;

    [StructLayout(LayoutKind.Sequential)]
    struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    static extern MallInfo2 mallinfo2();

    /// <summary>glibc malloc: bytes handed out (in use, including mmapped blocks) and bytes free inside its arenas.</summary>
    public static (double InUseMib, double FreeMib) Malloc()
    {
        if (!OperatingSystem.IsLinux()) return (double.NaN, double.NaN);
        try
        {
            var info = mallinfo2();
            return ((info.Uordblks + info.Hblkhd) / MiB, info.Fordblks / MiB);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return (double.NaN, double.NaN); }
    }

    /// <summary>The managed heap's committed memory as of the last garbage collection.</summary>
    public static double ManagedCommittedMib() => GC.GetGCMemoryInfo().TotalCommittedBytes / MiB;
}
