namespace GanWorkbench;

/// <summary>Writes files whole or not at all: the content goes to a temporary file beside the target, which is
/// renamed over it once complete. When the write fails (a full disk, a lost permission) the temporary file is
/// removed before the error is passed on, so no empty or partial file is left for a later command to find.</summary>
public static class AtomicFile
{
    /// <summary>The temporary file of a write by this process.</summary>
    public static string TempPath(string target) => $"{target}.{Environment.ProcessId}.tmp";

    /// <summary>Writes <paramref name="content"/> (UTF-8) to <paramref name="target"/> atomically.</summary>
    public static void WriteAllText(string target, string content) =>
        Write(target, temp => File.WriteAllText(temp, content));

    /// <summary>Writes <paramref name="content"/> to <paramref name="target"/> atomically.</summary>
    public static void WriteAllBytes(string target, byte[] content) =>
        Write(target, temp => File.WriteAllBytes(temp, content));

    /// <summary>Lets <paramref name="write"/> fill the temporary file, then renames it over <paramref name="target"/>.</summary>
    public static void Write(string target, Action<string> write)
    {
        string temp = TempPath(target);
        try
        {
            write(temp);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
