using System.Runtime.InteropServices;

namespace GanWorkbench.Cli;

/// <summary>A write that the filesystem refused — full, read-only, or not ours to write — told as one
/// line with what to do instead of a stack trace.</summary>
public static class StorageFailure
{
    // errno values .NET reports in the low bits of an IOException's HResult on Linux, and the Windows
    // codes it uses for a disk found full while preallocating a file (ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL, or
    // COR_E_IO with the message saying so).
    const int NoSpace = 28, ReadOnly = 30, QuotaExceeded = 122, HandleDiskFull = 39, DiskFull = 112, GenericIo = 0x1620;

    /// <summary>The message for a storage failure anywhere in <paramref name="e"/>'s chain, or null when it is something else.</summary>
    public static string? Describe(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            const string again = "then run the command again; a run continues with ./gwb resume RUN_DIR (a checkpoint left unfinished is never read).";
            if (x is UnauthorizedAccessException)
                return $"{x.Message.TrimEnd('.')}: the place is not writable. Make it writable or point GWB_RUNS elsewhere, {again}";
            if (x is IOException io && RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                switch (io.HResult & 0xFFFF)
                {
                    case NoSpace or QuotaExceeded or HandleDiskFull or DiskFull:
                    case GenericIo when io.Message.Contains("disk was full", StringComparison.Ordinal):   // a file's preallocation refused
                        return $"{io.Message.TrimEnd('.')}: the disk is full. Free space on it, {again}";
                    case ReadOnly:
                        return $"{io.Message.TrimEnd('.')}: the filesystem is read-only. Remount it writable or point GWB_RUNS elsewhere, {again}";
                }
        }
        return null;
    }
}
