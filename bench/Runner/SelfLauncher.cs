using System.Diagnostics;

namespace GanWorkbench.Bench.Runner;

/// <summary>How to start the command line again as a child process (workers, <c>nb run</c>):
/// the executable and the arguments that come before the subcommand.</summary>
/// <param name="FileName">The executable (the dotnet host or an app host).</param>
/// <param name="PrefixArguments">Arguments before the subcommand (the CLI's dll under the dotnet host).</param>
public sealed record SelfLauncher(string FileName, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>The launcher of the running CLI: <c>dotnet gwb.dll</c> or the app host itself.</summary>
    public static SelfLauncher Current(string entryAssemblyPath)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new SelfLauncher(host, [entryAssemblyPath])
            : new SelfLauncher(host, []);
    }

    /// <summary>Start info for <c>gwb ARGS…</c>, output inherited unless redirected.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments, bool redirect = false)
    {
        var info = new ProcessStartInfo(FileName) { UseShellExecute = false, RedirectStandardOutput = redirect, RedirectStandardError = redirect };
        foreach (var a in PrefixArguments.Concat(arguments)) info.ArgumentList.Add(a);
        return info;
    }

    /// <summary>Runs <c>gwb ARGS…</c> to the end and returns its exit code and wall seconds; with
    /// <paramref name="capture"/> its stdout and stderr are collected instead of shown.</summary>
    public (int ExitCode, double Seconds, string Output) Run(IEnumerable<string> arguments, bool capture = false)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(arguments, capture)) ?? throw new InvalidOperationException($"could not start {FileName}");
        string output = "";
        if (capture)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd() + stderr.Result;
        }
        process.WaitForExit();
        return (process.ExitCode, clock.Elapsed.TotalSeconds, output);
    }
}
