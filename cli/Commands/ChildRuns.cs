using System.Diagnostics;
using System.Globalization;

namespace GanWorkbench.Cli.Commands;

/// <summary>
/// Runs members of a study (sweep members, reproduction members) as child processes of this CLI: the
/// same command line minus <c>--parallel N</c>, plus <c>--member I</c>, at most N at once, each with its
/// share of the CPU threads (<c>GWB_THREADS</c>, unless the caller set it); their output is prefixed
/// with the member's index.
/// </summary>
internal static class ChildRuns
{
    /// <summary>Runs <paramref name="members"/> (index, label) and calls <paramref name="done"/>(index, exit code) as each ends.</summary>
    public static void Run(IReadOnlyList<(int Index, string Label)> members, int parallel, IReadOnlyList<string> tokens, Action<int, int> done)
    {
        var args = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] == "--parallel") { i++; continue; }
            if (tokens[i].StartsWith("--parallel=", StringComparison.Ordinal)) continue;
            args.Add(tokens[i]);
        }
        int threads = Math.Max(1, Environment.ProcessorCount / parallel);
        var queue = new Queue<(int Index, string Label)>(members);
        var running = new List<(int Index, Process Process)>();
        var consoleLock = new object();
        while (queue.Count > 0 || running.Count > 0)
        {
            while (running.Count < parallel && queue.Count > 0)
            {
                var (index, label) = queue.Dequeue();
                var process = Start(args, index, threads, line => { lock (consoleLock) Console.WriteLine($"  [{index}] {line}"); });
                lock (consoleLock) Console.WriteLine($"  [{index}] {label}: started (pid {process.Id})");
                running.Add((index, process));
            }
            var finished = running.FirstOrDefault(x => x.Process.WaitForExit(200));
            if (finished.Process is null) continue;
            finished.Process.WaitForExit();
            running.Remove(finished);
            done(finished.Index, finished.Process.ExitCode);
            finished.Process.Dispose();
        }
    }

    static Process Start(List<string> args, int member, int threads, Action<string> output)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") info.ArgumentList.Add(typeof(ChildRuns).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--member");
        info.ArgumentList.Add(member.ToString(CultureInfo.InvariantCulture));
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GWB_THREADS")))
            info.Environment["GWB_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) output(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) output(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
