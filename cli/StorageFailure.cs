using System.Runtime.InteropServices;

namespace GanWorkbench.Cli;

/// <summary>A write that the filesystem refused — full, read-only, or not ours to write — told as one
/// line with what to do instead of a stack trace.</summary>
public static class StorageFailure
{
    // errno values .NET reports in the low bits of an IOException's HResult on Linux.
    const int NoSpace = 28, ReadOnly = 30, QuotaExceeded = 122;

    /// <summary>The message for a storage failure anywhere in <paramref name="e"/>'s chain, or null when it is something else.</summary>
    public static string? Describe(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            string next = "Nothing half-written is used later: a run's unfinished checkpoint is deleted on resume and its last complete one verified. " +
                          "Then continue the run: ./gwb resume RUN_DIR (or point GWB_RUNS at a writable disk for new runs).";
            if (x is UnauthorizedAccessException)
                return $"{x.Message} (the folder is not writable). Make it writable or choose another place. {next}";
            if (x is IOException io && RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                switch (io.HResult & 0xFFFF)
                {
                    case NoSpace or QuotaExceeded: return $"{io.Message} (the disk is full). Free space on it. {next}";
                    case ReadOnly: return $"{io.Message} (the filesystem is read-only). Remount it writable or choose another place. {next}";
                }
        }
        return null;
    }
}
