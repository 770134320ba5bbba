namespace GanWorkbench;

/// <summary>
/// Where the workbench's folders are. The root is <c>GWB_ROOT</c>, else the nearest folder above the
/// current directory (or above the library's own location) holding <c>experiments.yaml</c>; notebooks
/// run in <c>notebooks/</c> and so find it too. Data is <c>GWB_DATA</c>, else <c>ROOT/data</c>; runs
/// are <c>GWB_RUNS</c>, else <c>ROOT/runs</c>.
/// </summary>
public static class WorkbenchPaths
{
    /// <summary>The repository root.</summary>
    public static string Root => Environment.GetEnvironmentVariable("GWB_ROOT") is { Length: > 0 } r
        ? Path.GetFullPath(r)
        : FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory)
          ?? FindRoot(Path.GetDirectoryName(typeof(WorkbenchPaths).Assembly.Location) ?? ".")
          ?? Directory.GetCurrentDirectory();

    /// <summary>The dataset and classifier cache.</summary>
    public static string Data => Environment.GetEnvironmentVariable("GWB_DATA") is { Length: > 0 } d
        ? Path.GetFullPath(d) : Path.Combine(Root, "data");

    /// <summary>The folder run directories go to.</summary>
    public static string Runs => Environment.GetEnvironmentVariable("GWB_RUNS") is { Length: > 0 } d
        ? Path.GetFullPath(d) : Path.Combine(Root, "runs");

    /// <summary>The experiments file at the root.</summary>
    public static string ExperimentsFile => Path.Combine(Root, "experiments.yaml");

    static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "experiments.yaml")) && Directory.Exists(Path.Combine(dir.FullName, "lib")))
                return dir.FullName;
        return null;
    }
}
