using System.Text.RegularExpressions;
using GanWorkbench.Experiments;
using GanWorkbench.Plotting;
using SkiaSharp;

namespace GanWorkbench.Tests.Experiments;

/// <summary>report.html of a real (tiny) run: self-contained, and its charts render in headless
/// Chromium with the network closed.</summary>
public class ReportTests
{
    [Fact]
    public void A_run_report_is_self_contained_and_renders_its_charts_offline()
    {
        using var temp = new TempFolder();
        // The notebook API, on the same code path as ./gwb run.
        var seen = new List<long>();
        var run = ExperimentFile.Load().Experiment("quickstart")
            .With(quick: true, overrides: ["log_every=2", "sample_every=2", "data.batch_size=16", "sample_count=16"], device: "cpu", steps: 6)
            .Run(onStep: m => seen.Add(m.Step), runsRoot: temp.Path);
        Assert.True(run.Completed);
        Assert.Equal([2L, 4L, 6L], seen);
        Assert.Equal(seen, run.History.Select(m => m.Step));
        Assert.Equal(run.History[^1].DLoss, run.FinalMetrics["d_loss"], 12);
        Assert.Equal(6L, run.Spec.Budget.Steps);
        File.AppendAllText(run.Directory.File("metrics.jsonl"), "{\"step\": 6, \"fid\": 123.5}\n");   // an evaluation column, charted generically
        string html = run.WriteReport();
        string text = File.ReadAllText(html);

        // Offline: plotly.js inlined exactly once, one newPlot per chart, nothing fetched from anywhere.
        Assert.Single(Regex.Matches(text, @"plotly\.js v2\.28\.0"));
        Assert.Equal(4, Regex.Count(text, @"var renderPlotly_[0-9a-f]+ = function"));   // losses, D outputs, images_per_sec, fid
        Assert.Empty(Regex.Matches(text, @"<(script|img|link|iframe)[^>]+(src|href)=""(https?:)?//", RegexOptions.IgnoreCase));
        Assert.Equal(3, Regex.Count(text, @"<img alt=""step \d+"" src=""data:image/png;base64,"));     // samples at steps 2, 4, 6
        foreach (var title in new[] { "Losses", "D(x) and D(G(z))", "fid", "images_per_sec", "Configuration (config.yaml)" })
            Assert.Contains(title, text, StringComparison.Ordinal);

        string dom = Chromium.DumpDom(html, temp.File("profile"));
        Assert.Equal(4, Regex.Count(dom, @"class=""plot-container plotly""")); // every chart was drawn by plotly.js
        Assert.Equal(3 * 4, Regex.Count(dom, @"<svg class=""main-svg"""));
        // Every line chart has its traces drawn as paths with real coordinates.
        Assert.True(Regex.Count(dom, @"<path class=""js-line"" [^>]*d=""M[\d.]+,[\d.]+L") >= 7, "line traces missing");

        var png = Chromium.Screenshot(html, temp.File("report.png"), temp.File("profile"));
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((1400, 2400), (bitmap.Width, bitmap.Height));
        // Not blank: the chart area holds plotly's blue-grey plot background and coloured traces.
        int plotBackground = 0, colourful = 0;
        for (int y = 0; y < 900; y += 2)
            for (int x = 0; x < 1400; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red == 229 && c.Green == 236 && c.Blue == 246) plotBackground++;
                if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80) colourful++;
            }
        Assert.True(plotBackground > 20_000, $"plot background pixels: {plotBackground}");
        Assert.True(colourful > 200, $"coloured trace pixels: {colourful}");
    }

    [Fact]
    public void Metric_histories_read_every_numeric_column_and_survive_a_torn_last_line()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("m.jsonl"),
            "{\"step\": 10, \"d_loss\": 1.5, \"g_loss\": \"NaN\", \"time\": \"2026-01-01\"}\n" +
            "{\"step\": 20, \"d_loss\": 1.0, \"fid\": 80.25}\n{\"step\": 30, \"d_lo");
        var h = MetricHistory.FromJsonl(temp.File("m.jsonl"));
        Assert.Equal(["d_loss", "g_loss", "fid"], h.Columns);
        Assert.Equal([10L, 20L], h.Series("d_loss").Steps);
        Assert.Equal((1.0, 80.25), (h.Final("d_loss")!.Value, h.Final("fid")!.Value));
        Assert.Null(h.Final("g_loss"));
        Assert.True(double.IsNaN(h.Series("g_loss").Values[0]));
    }

    [Fact]
    public void Run_with_report_writes_report_html_and_prints_its_path()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = Gwb.Run(temp.Path, "run", "quickstart", "--quick", "--set", "budget={steps: 2}", "--set", "log_every=1", "--report");
        Assert.True(code == 0, stderr);
        var line = stdout.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("report: ", StringComparison.Ordinal));
        string path = line["report: ".Length..];
        Assert.EndsWith("report.html", path);
        Assert.True(File.Exists(path), path);
        Assert.StartsWith(Path.Combine(temp.Path, "quickstart"), Path.GetFullPath(path));
        Assert.Contains("Losses", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
