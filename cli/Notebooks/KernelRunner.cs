using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// Runs a notebook in the .NET Interactive C# kernel itself — the kernel VS Code's Polyglot Notebooks
/// runs — through <c>dotnet-repl</c> (<c>--run … --exit-after-run --output-path …</c>), instead of in gwb's
/// own runner. It is the check that a notebook still works where its readers open it: that kernel
/// restores the setup cell's packages from NuGet, loads TorchSharp's natives from the NuGet cache and
/// brings its own FSharp.Core, none of which gwb's runner exercises. Parameters are injected as
/// <see cref="NotebookRunner"/> does; the kernel's working directory is the notebook's folder. The kernel
/// has no per-cell limit, so the whole notebook gets the cell limit times its number of code cells.
/// </summary>
public static class KernelRunner
{
    /// <summary>Refuses a <c>--kernel</c> path that is not there, saying how to install dotnet-repl.</summary>
    public static void RequireRepl(string repl)
    {
        if (!File.Exists(repl))
            throw new InputException($"--kernel {repl}: no such file. Install dotnet-repl (make notebook-kernel-tests does: " +
                "dotnet tool install dotnet-repl --version 0.3.259 --tool-path build/tools) and give its path.");
    }

    /// <summary>Runs <paramref name="notebook"/> with <paramref name="repl"/> (the dotnet-repl executable).</summary>
    public static NotebookRunResult Run(NotebookFile notebook, NotebookRunOptions options, string repl)
    {
        RequireRepl(repl);
        var (root, positions) = NotebookRunner.Prepare(notebook, options.Parameters);
        string work = Directory.CreateTempSubdirectory("gwb-kernel-").FullName;
        try
        {
            string input = Path.Combine(work, notebook.Name), output = Path.Combine(work, "executed-" + notebook.Name);
            NotebookFile.Save(root, input);
            int codeCells = ((JsonArray)root["cells"]!).Count(c => NotebookFile.CellType((JsonObject)c!) == "code");
            TimeSpan? limit = options.CellTimeout * Math.Max(1, codeCells);
            string directory = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;

            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var (exitCode, timedOut, log) = RunRepl(repl, input, output, directory, limit);
            clock.Stop();

            var failures = new List<CellFailure>();
            JsonObject executed;
            if (File.Exists(output))
            {
                executed = NotebookFile.Load(output).Root;
                failures.AddRange(CellErrors(executed, positions));
            }
            else executed = root;
            if (timedOut)
            {
                string seconds = limit!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                failures.Add(new CellFailure(0, null, "TimeoutError", $"the kernel did not finish the notebook within {seconds} s ({codeCells} code cells × --timeout)"));
            }
            else if (failures.Count == 0 && (exitCode != 0 || !File.Exists(output)))
                failures.Add(new CellFailure(0, null, "KernelError", $"dotnet-repl exited with {exitCode} and reported no failing cell; its last output:\n{Tail(log, 20)}"));
            options.Log?.Invoke($"{notebook.Name}: {(failures.Count == 0 ? "ok" : "failed")} in the .NET Interactive kernel ({clock.Elapsed.TotalSeconds:F1} s)");
            NotebookRunner.RecordRun(executed, "dotnet-repl (.NET Interactive kernel)", options.Parameters, started, clock.Elapsed,
                failures.Count == 0 ? "ok" : timedOut ? "timeout" : "error");
            return new NotebookRunResult(executed, failures, timedOut, clock.Elapsed);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The error outputs of an executed notebook, one failure per failing code cell, numbered as in the source.</summary>
    public static IEnumerable<CellFailure> CellErrors(JsonObject executed, IReadOnlyList<int?> positions)
    {
        var cells = (JsonArray)executed["cells"]!;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = (JsonObject)cells[i]!;
            var error = (cell["outputs"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(o => o["output_type"]?.GetValue<string>() == "error");
            if (error is null) continue;
            string message = error["evalue"]?.GetValue<string>() ?? "";
            int cut = message.IndexOf('\n');
            yield return new CellFailure(i < positions.Count ? positions[i] ?? 0 : 0, null,
                error["ename"]?.GetValue<string>() ?? "Error", cut < 0 ? message : message[..cut]);
        }
    }

    static (int ExitCode, bool TimedOut, string Log) RunRepl(string repl, string input, string output, string directory, TimeSpan? limit)
    {
        var start = new ProcessStartInfo(repl)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory,
        };
        foreach (var a in new[] { "--run", input, "--working-dir", directory, "--exit-after-run", "--output-path", output })
            start.ArgumentList.Add(a);
        var log = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool finished = limit is not { } l || process.WaitForExit(l);
        if (!finished) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        lock (log) return (finished ? process.ExitCode : -1, !finished, log.ToString());
    }

    static string Tail(string text, int lines) =>
        string.Join("\n", text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(lines));
}
