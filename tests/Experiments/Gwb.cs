using System.Diagnostics;

namespace GanWorkbench.Tests.Experiments;

/// <summary>Runs the built command line (<c>dotnet gwb.dll …</c>) as a separate process.</summary>
public static class Gwb
{
    /// <summary>gwb.dll of the same configuration as the test assembly.</summary>
    public static string Dll
    {
        get
        {
            string testDir = AppContext.BaseDirectory;                   // …/artifacts/bin/GanWorkbench.Tests/<config>/
            string config = new DirectoryInfo(testDir.TrimEnd(Path.DirectorySeparatorChar)).Name;
            string dll = Path.GetFullPath(Path.Combine(testDir, "..", "..", "GanWorkbench.Cli", config, "gwb.dll"));
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"the CLI is not built: {dll}");
        }
    }

    /// <summary>Starts gwb with <paramref name="args"/>; runs go to <paramref name="runsRoot"/>.</summary>
    public static Process Start(string runsRoot, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["GWB_RUNS"] = runsRoot;
        info.Environment["GWB_DEVICE"] = "cpu";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info)!;
    }

    /// <summary>Runs gwb to the end: exit code, stdout, stderr.</summary>
    public static (int Code, string Out, string Err) Run(string runsRoot, params string[] args)
    {
        using var p = Start(runsRoot, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000)) { p.Kill(entireProcessTree: true); throw new TimeoutException($"gwb {string.Join(' ', args)} did not finish"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
