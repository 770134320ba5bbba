using System.Globalization;
using System.Text;
using GanWorkbench.Bench.Loops;

namespace GanWorkbench.Bench.Report;

/// <summary>Console summaries: one line per model as it finishes, a comparison table at the end,
/// and the issue's targets checked against the numbers.</summary>
public static class BenchSummary
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One line for one model × batch.</summary>
    public static string Line(ModelResult r)
    {
        var text = new StringBuilder($"{r.Model} b{r.Batch}:");
        if (r.Error is not null) return text.Append(" FAILED: ").Append(r.Error).ToString();
        if (r.Speed is { } s)
        {
            foreach (var (name, t) in s.Loops)
                text.Append(Inv, $" {name} {t.ImagesPerSecond:F0} img/s ({t.StepSeconds.Median * 1000:F1} ms ±{t.StepSeconds.RelativeIqr * 50:F1}%, {t.PercentOfSgemm.Median:F0}% of SGEMM);");
            if (s.Ratios.TryGetValue(RatioNames.WorkbenchOverBare, out var o)) text.Append(Inv, $" overhead {Percent(o.Median - 1)};");
            if (s.Ratios.TryGetValue(RatioNames.WorkbenchEmaOverBare, out var e)) text.Append(Inv, $" with EMA {Percent(e.Median - 1)};");
            if (s.Ratios.TryGetValue(RatioNames.PyTorchOverWorkbench, out var p)) text.Append(Inv, $" workbench = {p.Median:F2}× PyTorch's speed;");
        }
        if (r.Epoch is { } ep)
            text.Append(Inv, $" {(ep.EpochSeconds is { } sec ? $"epoch {sec:F1} s, " : "")}{ep.Steps} steps: peak {ep.PeakResidentMib:F0} MiB, growth {ep.GrowthMib:+0.0;-0.0} MiB");
        foreach (var (loop, why) in r.Missing) text.Append(Inv, $" [{loop}: {why}]");
        return text.ToString();
    }

    /// <summary>The side-by-side table: images/s of each loop and the paired ratios.</summary>
    public static string Table(BenchResult result)
    {
        var rows = new List<string[]> { new[] { "model", "batch", "bare img/s", "workbench img/s", "PyTorch img/s", "workbench vs bare", "workbench ÷ PyTorch (speed)" } };
        foreach (var r in result.Models.Where(m => m.Speed is not null))
        {
            var s = r.Speed!;
            string Img(string loop) => s.Loops.TryGetValue(loop, out var t) ? t.ImagesPerSecond.ToString("F0", Inv) : "—";
            string Ratio(string name, Func<double, string> format) => s.Ratios.TryGetValue(name, out var q) ? format(q.Median) : "—";
            rows.Add([r.Model, r.Batch.ToString(Inv), Img(LoopNames.Bare), Img(LoopNames.Workbench), Img(LoopNames.PyTorch),
                Ratio(RatioNames.WorkbenchOverBare, v => Percent(v - 1)), Ratio(RatioNames.PyTorchOverWorkbench, v => v.ToString("F2", Inv) + "×")]);
        }
        int[] width = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        return string.Join(Environment.NewLine, rows.Select(row => string.Join("  ", row.Select((cell, c) => c < 2 ? cell.PadRight(width[c]) : cell.PadLeft(width[c])))));
    }

    /// <summary>The issue's three CPU targets for DCGAN at batch 64, or nothing when not measured.</summary>
    public static IReadOnlyList<string> Targets(BenchResult result)
    {
        var lines = new List<string>();
        var dcgan = result.Models.FirstOrDefault(m => m.Model == "dcgan-ns" && m.Batch == 64 && m.Error is null);
        if (dcgan is null || result.Device != "cpu") return lines;
        if (dcgan.Speed?.Ratios.TryGetValue(RatioNames.WorkbenchOverBare, out var o) == true)
            lines.Add($"trainer overhead vs the bare loop, DCGAN b64: {Percent(o.Median - 1)} (IQR {Percent(o.Q1 - 1)} … {Percent(o.Q3 - 1)}) — target ≤ +5%: {(o.Median <= 1.05 ? "met" : "NOT met")}");
        if (dcgan.Speed?.Loops.TryGetValue(LoopNames.Workbench, out var w) == true)
            lines.Add(string.Format(Inv, "DCGAN b64 through the workbench: {0:F0}% of the SGEMM rate (median of per-round ratios, IQR {1:F0}–{2:F0}%) — target ≥ 50%: {3}",
                w.PercentOfSgemm.Median, w.PercentOfSgemm.Q1, w.PercentOfSgemm.Q3, w.PercentOfSgemm.Median >= 50 ? "met" : "NOT met"));
        if (dcgan.Epoch is { } e)
            lines.Add(string.Format(Inv, "resident memory growth over {0} DCGAN steps ({1}; median of the last tenth of the trace minus median of the first tenth after {2} warm-up steps): {3:+0.0;-0.0} MiB — target < 20 MB (19.1 MiB): {4}",
                e.Steps, e.Loop, e.WarmupSteps, e.GrowthMib, e.Steps >= 5000 ? (e.GrowthMib < 20e6 / 1048576 ? "met" : "NOT met") : "not checked (fewer than 5,000 steps)"));
        return lines;
    }

    /// <summary>A signed percentage, e.g. +2.3% or −0.4%.</summary>
    public static string Percent(double fraction) => (fraction >= 0 ? "+" : "−") + Math.Abs(fraction * 100).ToString("F1", Inv) + "%";
}
