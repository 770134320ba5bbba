using System.Diagnostics;

namespace GanWorkbench.Bench.Measure;

/// <summary>Resident memory of this process: current and peak (the kernel's high-water mark), in MiB.
/// Native tensor memory counts here, which the .NET heap statistics do not see.</summary>
public static class ProcessMemory
{
    const double MiB = 1024 * 1024;

    /// <summary>Current resident set size (VmRSS on Linux).</summary>
    public static double ResidentMib()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64 / MiB;
    }

    /// <summary>Peak resident set size since the process started (VmHWM on Linux).</summary>
    public static double PeakResidentMib()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / MiB;
    }
}
