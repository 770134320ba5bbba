using System.Runtime.InteropServices;
using System.Text;

namespace GanWorkbench;

/// <summary>
/// Reads the files a user hands the workbench (datasets, experiments files, run configs, notebooks,
/// classifier records) so that a bad one is an <see cref="InputException"/> naming the file and the fix:
/// a FIFO, device or socket in place of the file is refused before it is opened (reading one would block
/// or never end), a file the user may not read says so with the chmod that fixes it, and a size limit,
/// where given, is checked before anything is read.
/// </summary>
public static class InputFiles
{
    /// <summary>Throws unless <paramref name="path"/> is a regular file (after symbolic links) of at most
    /// <paramref name="maxBytes"/> bytes; <paramref name="tooLarge"/> is the fix quoted when it is larger.</summary>
    public static void RequireRegular(string path, long maxBytes = long.MaxValue, string? tooLarge = null)
    {
        string? kind = Kind(path);
        if (kind == "a folder")
            throw new InputException($"{path}: is a folder, not a file; give the path of the file itself.");
        if (kind is not null && kind != "a regular file")
            throw new InputException($"{path}: is {kind}, not a regular file; reading it would wait for a writer or never end. " +
                                     "Replace it with the file itself.");
        long size = new FileInfo(path).Length;
        if (size > maxBytes)
            throw new InputException($"{path}: {size:N0} bytes, more than the {maxBytes:N0} ({Megabytes(maxBytes)}) gwb reads for this kind of file. " +
                                     (tooLarge ?? "Give the right file."));
    }

    /// <summary>The file's bytes, after <see cref="RequireRegular"/>.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes = long.MaxValue, string? tooLarge = null)
    {
        RequireRegular(path, maxBytes, tooLarge);
        return Guarded(path, () => File.ReadAllBytes(path));
    }

    /// <summary>The file's text (UTF-8), after <see cref="RequireRegular"/>.</summary>
    public static string ReadAllText(string path, long maxBytes = long.MaxValue, string? tooLarge = null)
    {
        RequireRegular(path, maxBytes, tooLarge);
        return Guarded(path, () => File.ReadAllText(path, Encoding.UTF8));
    }

    /// <summary>Runs a read of <paramref name="path"/>, turning "permission denied" into an error with the fix.</summary>
    public static T Guarded<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException($"{path}: permission denied: this user may not read the file. Give it read access (chmod u+r {path}) " +
                                     "or run as the file's owner.", e);
        }
    }

    /// <summary>"a FIFO", "a regular file", … for a path that exists, or null where the file type cannot be told.</summary>
    public static string? Kind(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256];                                             // struct statx is 256 bytes on every architecture
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return null;
        }
        catch (EntryPointNotFoundException) { return null; }                   // a C library older than glibc 2.28
        ushort mode = BitConverter.ToUInt16(buffer, 28);                        // stx_mode
        return (mode & 0xF000) switch
        {
            0x8000 => "a regular file",
            0x4000 => "a folder",
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => null,
        };
    }

    static string Megabytes(long bytes) => bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.#} MB" : $"{bytes} bytes";

    const int AtFdCwd = -100;
    const uint StatxType = 1;

    // CharSet.Ansi is UTF-8 on Unix, the only systems this is called on.
    [DllImport("libc", EntryPoint = "statx", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    static extern int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);
}
