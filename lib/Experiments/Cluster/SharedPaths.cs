namespace GanWorkbench.Experiments;

/// <summary>
/// Refuses folders a cluster's compute nodes cannot see before anything is submitted: a path under
/// <c>/tmp</c>, <c>/var/tmp</c>, <c>/dev/shm</c> or <c>/run</c>, or on a tmpfs, is local to the machine it is on.
/// (Whether a network filesystem is mounted on every node cannot be seen from here; docs/cluster.md says what to check.)
/// </summary>
public static class SharedPaths
{
    static readonly string[] LocalPrefixes = ["/tmp", "/var/tmp", "/dev/shm", "/run"];

    /// <summary>Throws <see cref="InputException"/> when <paramref name="path"/> (what: "runs folder", …) is node-local.</summary>
    public static void Require(string what, string path, string fix, string mounts = "/proc/mounts")
    {
        string full = Path.GetFullPath(path);
        string? local = LocalPrefixes.FirstOrDefault(p => full == p || full.StartsWith(p + "/", StringComparison.Ordinal));
        string? type = local is null ? FileSystemType(full, mounts) : null;
        if (local is null && type is not "tmpfs" and not "ramfs") return;
        throw new InputException($"{what} {full} is {(local is not null ? $"under {local}" : $"on a {type}")}, which is local to this machine: " +
                                 $"the compute nodes cannot see it. {fix} Check with `srun ls {full}` that a node sees the folder. Nothing was submitted.");
    }

    /// <summary>The filesystem type of the mount holding <paramref name="path"/>, from a mounts table, or null.</summary>
    public static string? FileSystemType(string path, string mounts = "/proc/mounts")
    {
        if (!File.Exists(mounts)) return null;
        string? best = null, type = null;
        foreach (var line in File.ReadLines(mounts))
        {
            var f = line.Split(' ');
            if (f.Length < 3) continue;
            string point = f[1].Replace("\\040", " ");
            bool holds = point == "/" || path == point || path.StartsWith(point.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (holds && (best is null || point.Length >= best.Length)) (best, type) = (point, f[2]);
        }
        return type;
    }
}
