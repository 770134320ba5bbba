namespace GanWorkbench;

/// <summary>Tells the I/O errors of a full disk (or an exceeded quota) from other I/O errors.</summary>
public static class DiskErrors
{
    const int Enospc = 28, Edquot = 122;
    const int WindowsDiskFull = unchecked((int)0x80070070), WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>True when <paramref name="e"/>, or an exception inside it, says the disk is full.</summary>
    public static bool IsDiskFull(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is IOException io && (io.HResult is Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull ||
                                        io.Message.Contains("No space left on device", StringComparison.Ordinal) ||
                                        io.Message.Contains("Disk quota exceeded", StringComparison.Ordinal)))
                return true;
        return false;
    }
}
