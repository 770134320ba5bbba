using System.Globalization;
using System.Text.RegularExpressions;
using GanWorkbench.Plotting;

namespace GanWorkbench.Experiments;

/// <summary>
/// <c>report.html</c> of one run: status, loss curves, D(x) and D(G(z)), every other numeric column of
/// metrics.jsonl over training, sample grids over time, and the resolved config. Self-contained and
/// offline (see <see cref="ReportPage"/>); the charts are <see cref="RunCharts"/>, as in the notebooks.
/// </summary>
public static partial class RunReport
{
    /// <summary>Sample grids shown at most (evenly spaced over the run, the last one always).</summary>
    public const int MaxSampleGrids = 8;

    /// <summary>Builds the page for a run directory.</summary>
    public static ReportPage Build(RunDirectory run)
    {
        var status = run.ReadStatus();
        Checkpoints.VerifyAll(run.Path);                                        // a damaged checkpoint is refused, not reported on
        string experiment = Path.GetFileName(Path.GetDirectoryName(run.Path)) ?? "";
        var page = new ReportPage($"{experiment} — {Path.GetFileName(run.Path)}");

        page.Heading("Status");
        page.Table(["state", "step", "reason", "started (UTC)", "last update (UTC)", "host", "pid"],
            [[status is null ? "unknown (no status.json)" : YamlNames.Of(status.State), status is null ? "" : $"{status.Step} / {status.TotalSteps}", status?.Reason ?? "",
              status?.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
              status?.UpdatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "", status?.Host ?? "",
              status?.Pid.ToString(CultureInfo.InvariantCulture) ?? ""]]);

        var history = MetricHistory.FromJsonl(run.File("metrics.jsonl"));
        page.Heading("Training");
        if (history.RowCount == 0) page.Paragraph("metrics.jsonl has no rows yet.");
        page.Chart(RunCharts.Losses(history)).Chart(RunCharts.DiscriminatorOutputs(history));
        var others = RunCharts.OtherMetrics(history);
        if (others.Count > 0)
        {
            page.Heading("Metrics over training");
            foreach (var chart in others) page.Chart(chart);
        }

        var grids = SampleGrids(run.File("samples"));
        page.Heading("Samples over training (fixed noise)");
        if (grids.Count == 0) page.Paragraph("No sample grids yet.");
        else page.Images(grids.Select(g => ($"step {g.Step}", File.ReadAllBytes(g.Path))));

        page.Heading("Configuration (config.yaml)");
        page.Preformatted(File.Exists(run.File("config.yaml")) ? File.ReadAllText(run.File("config.yaml")) : "(missing)");
        return page;
    }

    /// <summary>Writes <c>report.html</c> into the run directory and returns its path.</summary>
    public static string Write(RunDirectory run)
    {
        string path = run.File("report.html");
        Build(run).Save(path);
        return path;
    }

    /// <summary>Up to <see cref="MaxSampleGrids"/> sample grids, evenly spaced, ending with the last.</summary>
    public static IReadOnlyList<(long Step, string Path)> SampleGrids(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var all = Directory.GetFiles(folder, "step-*.png")
            .Select(p => (Match: SampleName().Match(Path.GetFileName(p)), Path: p)).Where(x => x.Match.Success)
            .Select(x => (Step: long.Parse(x.Match.Groups[1].Value, CultureInfo.InvariantCulture), x.Path)).OrderBy(x => x.Step).ToList();
        if (all.Count <= MaxSampleGrids) return all;
        return Enumerable.Range(0, MaxSampleGrids).Select(i => all[(int)Math.Round(i * (all.Count - 1) / (double)(MaxSampleGrids - 1))]).ToList();
    }

    [GeneratedRegex(@"^step-(\d+)\.png$")]
    private static partial Regex SampleName();
}
