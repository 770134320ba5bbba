using GanWorkbench.Bench.Report;

namespace GanWorkbench.Bench.Runner;

/// <summary>
/// The wall time of the notebook series in QUICK mode: every <c>notebooks/*.ipynb</c> except
/// templates (names starting with '_'), in name order, each through <c>./gwb nb run PATH --param QUICK=true</c> into a scratch folder (the
/// committed notebooks stay clean). Reports plainly when there are no notebooks or no runner yet.
/// </summary>
internal static class NotebookBench
{
    public static NotebookResult Measure(SelfLauncher gwb, string root, string scratch, Action<string> log)
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
        foreach (var notebook in found)
        {
            log($"notebook {notebook} (QUICK)");
            var (code, seconds, _) = gwb.Run(["nb", "run", Path.Combine(root, notebook), "--param", "QUICK=true", "--output", output]);
            timings.Add(new NotebookTiming(notebook, seconds, code));
        }
        int failed = timings.Count(t => t.ExitCode != 0);
        return new NotebookResult(found, timings.Sum(t => t.Seconds), timings,
            failed == 0 ? $"all {found.Count} notebooks ran in QUICK mode" : $"{failed} of {found.Count} notebooks failed (exit code ≠ 0); their times are included");
    }

    static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
}
