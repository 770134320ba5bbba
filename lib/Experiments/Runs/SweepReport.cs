using System.Globalization;
using GanWorkbench.Plotting;

namespace GanWorkbench.Experiments;

/// <summary>
/// <c>report.html</c> of a sweep: a table of its members (their values, seed, state and final
/// metrics, each linking to the member's own report) and a box plot of the chosen metric per group —
/// the shape of the figures in Lucic et al. 2018, "Are GANs Created Equal?". Member reports are
/// (re)written too, so the links work.
/// </summary>
public static class SweepReport
{
    /// <summary>Builds the page from a sweep folder (<c>runs/sweeps/&lt;name&gt;</c>).</summary>
    public static ReportPage Build(string root, bool writeMemberReports = true)
    {
        var manifest = SweepRunner.ReadManifest(root);
        var page = new ReportPage($"sweep {manifest.Sweep}");
        page.Paragraph($"{(manifest.Description.Length > 0 ? manifest.Description + " " : "")}Base experiment: {manifest.Experiment}" +
                       $"{(manifest.Quick ? " (--quick)" : "")}{(manifest.Overrides.Count > 0 ? $", --set {string.Join(" --set ", manifest.Overrides)}" : "")}. " +
                       $"Compared: final {manifest.Metric}, grouped by {manifest.GroupBy}.");

        var rows = new List<IReadOnlyList<string>>();
        var groups = new List<(string Label, List<double> Values)>();
        var curves = new List<MetricSeries>();
        int finished = 0;
        foreach (var m in manifest.Members)
        {
            string dir = Path.Combine(root, m.Directory);
            string state = "not run", final = "", dLoss = "", gLoss = "", link = "";
            if (Directory.Exists(dir))
            {
                using var run = RunDirectory.Open(dir);
                var status = run.ReadStatus();
                Checkpoints.VerifyAll(run.Path);                                // a member's damaged checkpoint is refused, not compared
                state = status is null ? "no status" : YamlNames.Of(status.State) + (status.Reason is { } r ? $" ({r})" : "");
                var history = MetricHistory.FromJsonl(run.File("metrics.jsonl"));
                string column = history.Column(manifest.Metric);
                double? value = history.Final(column);
                final = Show(value); dLoss = Show(history.Final("d_loss")); gLoss = Show(history.Final("g_loss"));
                if (status?.State == RunState.Completed)
                {
                    finished++;
                    if (value is double v)
                    {
                        var group = groups.FirstOrDefault(g => g.Label == m.Group);
                        if (group.Values is null) groups.Add(group = (m.Group, []));
                        group.Values.Add(v);
                    }
                }
                var series = history.Series(column);
                curves.Add(series with { Name = m.Label });
                if (writeMemberReports) RunReport.Write(run);
                link = ReportPage.Link("report", $"{m.Directory}/report.html");
            }
            rows.Add([m.Index.ToString(CultureInfo.InvariantCulture), .. manifest.Members[0].Values.Keys.Select(k => m.Values.TryGetValue(k, out var x) ? x : ""),
                      state, final, dLoss, gLoss, link]);
        }
        page.Heading($"{manifest.Metric} by {manifest.GroupBy} ({finished} of {manifest.Members.Count} members completed)");
        if (groups.Count == 0)
            page.Paragraph($"No completed member has logged {manifest.Metric} yet: nothing to compare.");
        else
        {
            page.Chart(RunCharts.SweepBoxes(groups.Select(g => new MetricGroup(g.Label, g.Values)).ToList(), manifest.Metric, manifest.GroupBy));
            page.Chart(RunCharts.MetricAcrossRuns(curves, manifest.Metric));
        }
        page.Heading("Members");
        string[] headers = ["#", .. manifest.Members.Count > 0 ? manifest.Members[0].Values.Keys : [], "state", $"final {manifest.Metric}", "final d_loss", "final g_loss", "run"];
        page.Table(headers, rows);
        return page;
    }

    /// <summary>Writes <c>report.html</c> into the sweep folder and returns its path.</summary>
    public static string Write(string root)
    {
        string path = Path.Combine(root, "report.html");
        Build(root).Save(path);
        return path;
    }

    static string Show(double? v) => v?.ToString("G5", CultureInfo.InvariantCulture) ?? "";
}
