using GanWorkbench.Bench.Report;

namespace GanWorkbench.Bench.Runner;

/// <summary>
/// The wall time of the notebook series at each asked-for budget (<c>quick</c>, <c>lesson</c>, <c>full</c>): every
/// <c>notebooks/*.ipynb</c> except templates (names starting with '_'), in name order, each through
/// <c>./gwb nb run PATH --param BUDGET=…</c> into a scratch folder (the committed notebooks stay clean), with the
/// load average at its start (the machine may be shared). Reports plainly when there are no notebooks or no runner yet.
/// </summary>
internal static class NotebookBench
{
    /// <summary>Runs every notebook at every budget of <paramref name="budgets"/>.</summary>
    public static NotebookResult Measure(SelfLauncher gwb, string root, string scratch, IReadOnlyList<string> budgets, Action<string> log)
    {
        string folder = Path.Combine(root, "notebooks");
        var found = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb").Where(p => !Path.GetFileName(p).StartsWith('_'))
                .Order(StringComparer.Ordinal).Select(p => Path.GetRelativePath(root, p)).ToList()
            : [];
        if (found.Count == 0)
            return new NotebookResult(found, null, [], "no notebooks/*.ipynb (other than templates) in this checkout yet; nothing to time");

        var (helpCode, _, helpText) = gwb.Run(["nb", "run", "--help"], capture: true);
        if (helpCode != 0)
            return new NotebookResult(found, null, [],
                $"{found.Count} notebooks found, but this build has no `./gwb nb run` yet ({FirstLine(helpText)})");

        var timings = new List<NotebookTiming>();
        string output = Path.Combine(scratch, "notebooks");
        Directory.CreateDirectory(output);
        foreach (var budget in budgets)
            foreach (var notebook in found)
            {
                double? load = LoadAverage();
                log($"notebook {notebook} ({budget}, load {load?.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})");
                var (code, seconds, _) = gwb.Run(["nb", "run", Path.Combine(root, notebook), "--param", $"BUDGET={budget}", "--output", Path.Combine(output, budget)]);
                timings.Add(new NotebookTiming(notebook, seconds, code, budget, load));
            }
        int failed = timings.Count(t => t.ExitCode != 0);
        string ran = $"{found.Count} notebooks at {string.Join(", ", budgets)}";
        return new NotebookResult(found, timings.Sum(t => t.Seconds), timings,
            failed == 0 ? $"all {ran} ran" : $"{failed} of {timings.Count} runs ({ran}) failed (exit code ≠ 0); their times are included");
    }

    static double? LoadAverage()
    {
        try { return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
}
