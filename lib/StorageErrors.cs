using System.Runtime.InteropServices;

namespace GanWorkbench;

/// <summary>Tells the errors of a filesystem that refused a write (full, over quota, read-only, or not ours to
/// write) from other errors, and words them as one line with the fix.</summary>
public static class StorageErrors
{
    /// <summary>What refused the write.</summary>
    enum Refusal { None, Full, ReadOnly, NotWritable }

    // errno values .NET reports in the low bits of an IOException's HResult on Linux; the Windows codes for a disk
    // found full (ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL); COR_E_IO, which a refused preallocation carries with
    // "disk was full" in its message.
    const int NoSpace = 28, ReadOnlyFs = 30, QuotaExceeded = 122, GenericIo = 0x1620;
    const int WindowsHandleDiskFull = unchecked((int)0x80070027), WindowsDiskFull = unchecked((int)0x80070070);

    /// <summary>True when <paramref name="e"/>, or an exception inside it, says the disk is full or the quota exceeded.</summary>
    public static bool IsDiskFull(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (Classify(e) == Refusal.Full) return true;
        return false;
    }

    /// <summary>The one-line message for the first storage refusal in <paramref name="e"/>'s chain, with what to do;
    /// null when the chain holds none.</summary>
    public static string? Describe(Exception e)
    {
        const string again = "then run the command again; a run continues with ./gwb resume RUN_DIR (a checkpoint left unfinished is never read).";
        for (var x = e; x is not null; x = x.InnerException)
        {
            string what = x.Message.TrimEnd('.');
            switch (Classify(x))
            {
                case Refusal.NotWritable: return $"{what}: the place is not writable. Make it writable or point GWB_RUNS elsewhere, {again}";
                case Refusal.Full: return $"{what}: the disk is full. Free space on it, {again}";
                case Refusal.ReadOnly: return $"{what}: the filesystem is read-only. Remount it writable or point GWB_RUNS elsewhere, {again}";
            }
        }
        return null;
    }

    static Refusal Classify(Exception e)
    {
        if (e is UnauthorizedAccessException) return Refusal.NotWritable;
        if (e is not IOException io) return Refusal.None;
        bool linux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
        int errno = io.HResult & 0xFFFF;
        if (io.HResult is WindowsHandleDiskFull or WindowsDiskFull || linux && errno is NoSpace or QuotaExceeded ||
            errno == GenericIo && io.Message.Contains("disk was full", StringComparison.Ordinal) ||
            io.Message.Contains("No space left on device", StringComparison.Ordinal) ||
            io.Message.Contains("Disk quota exceeded", StringComparison.Ordinal))
            return Refusal.Full;
        return linux && errno == ReadOnlyFs ? Refusal.ReadOnly : Refusal.None;
    }
}
