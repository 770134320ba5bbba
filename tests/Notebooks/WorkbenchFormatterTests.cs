using GanWorkbench.Cli.Notebooks;
using GanWorkbench.Interactive;
using GanWorkbench.Plotting;
using GanWorkbench.Training;
using static GanWorkbench.Tests.Notebooks.Executed;

namespace GanWorkbench.Tests.Notebooks;

/// <summary>lib/Interactive's formatters, as a notebook shows them.</summary>
public class WorkbenchFormatterTests
{
    const string Chart = "Plotly.NET.GenericChart Line(double[] y) { var t = new Plotly.NET.Trace2D(\"scatter\"); t.SetProperty(\"y\", y); return Plotly.NET.GenericChart.ofTraceObject(true, t); }";

    [Fact]
    public void Workbench_values_display_with_their_own_mime_types()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code(NotebookBuilder.Header + "\n" + Chart)
            .Code("TorchSharp.torch.arange(6).reshape(2, 3)")
            .Code("TorchSharp.torch.zeros(4, 1, 28, 28)")
            .Code("GanWorkbench.Plotting.ImageGrid.FromBatch(TorchSharp.torch.zeros(6, 1, 28, 28), 3)")
            .Code("new MetricTable(\"Scores\", new[] { \"model\", \"FID\" }, new[] { new object[] { \"dcgan\", 12.3456 } })")
            .Code("Line(new double[] { 1, 2 })")
            .Code("Line(new double[] { 3, 4 })")
            .Run(temp);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var cells = CodeCells(result);
        Assert.Equal("Tensor (2, 3) Int64 cpu · [0, 1, 2, 3, 4, 5]", MimeData(Assert.Single(Outputs(cells[1])), "text/plain"));
        Assert.Equal("Tensor (4, 1, 28, 28) Float32 cpu · min 0 · max 0 · mean 0 · std 0", MimeData(Assert.Single(Outputs(cells[2])), "text/plain"));

        var grid = Assert.Single(Outputs(cells[3]));
        Assert.Equal(["image/png", "text/plain"], grid["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal((3 * 28 + 4 * 2, 2 * 28 + 3 * 2), ImageGrid.PngSize(Convert.FromBase64String(MimeData(grid, "image/png"))));
        Assert.Equal("ImageGrid 2×3 (92×62 px PNG)", MimeData(grid, "text/plain"));

        var table = Assert.Single(Outputs(cells[4]));
        Assert.Equal("<table class=\"gwb-metrics\"><caption>Scores</caption><thead><tr><th>model</th><th>FID</th></tr></thead><tbody><tr><td>dcgan</td><td style=\"text-align: right\">12.35</td></tr></tbody></table>", MimeData(table, "text/html"));
        Assert.Equal("Scores\nmodel  FID\n-----  -----\ndcgan  12.35", MimeData(table, "text/plain"));

        string first = MimeData(Assert.Single(Outputs(cells[5])), "text/html"), second = MimeData(Assert.Single(Outputs(cells[6])), "text/html");
        Assert.Contains($"{PlotlyHtml.ScriptMarker}=\"2.28.0\"", first, StringComparison.Ordinal);     // every chart carries plotly.js…
        Assert.Contains($"{PlotlyHtml.ScriptMarker}=\"2.28.0\"", second, StringComparison.Ordinal);
        Assert.True(first.Length is > 1_000_000 and < 1_600_000, $"…gzip-compressed: {first.Length} characters");
        Assert.Contains("plotly.newPlot(box", second, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", second, StringComparison.Ordinal);                       // nothing from a CDN
    }

    [Fact]
    public void After_the_setup_cell_the_kernel_prints_no_compiler_warnings()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code("string? before = null;")
            .Code(NotebookBuilder.Header)
            .Code("string? after = null;")
            .Run(temp);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var cells = CodeCells(result);
        var warning = Assert.Single(Outputs(cells[0]));
        Assert.Equal("(1,7): warning CS8632: The annotation for nullable reference types should only be used in code within a '#nullable' annotations context.\n",
            NotebookFile.Text(warning["text"]));
        Assert.Empty(Outputs(cells[2]));
    }

    [Fact]
    public void Training_progress_follows_the_run_and_hands_itself_to_the_update_callback()
    {
        var progress = new TrainingProgress("quickstart");
        var shown = new List<string>();
        var log = progress.Follow(value => shown.Add(((TrainingProgress)value).ToPlainText()));
        log(new StepMetrics(50, 1.25, 0.5, 0.75, 2.5, 0.75, 0.25, 500, 1), 200);
        log(new StepMetrics(100, 1.0, 0.5, 0.5, 2.0, 0.625, 0.375, 600, 2), 200);
        Assert.Equal(2, shown.Count);
        Assert.Matches(@"^quickstart: step 100/200 \(50%\) · D 1 · G 2 · D\(x\) 0\.62 · D\(G\(z\)\) 0\.38 · 600 img/s · \d+ s$", shown[1]);
        Assert.StartsWith("<div class=\"gwb-progress\"><div><b>quickstart</b> <progress max=\"100\" value=\"50.0\"", progress.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_tables_can_be_built_from_records()
    {
        var table = MetricTable.From(new[] { new StepMetrics(10, 1.5, 0.5, 1, 2.25, 0.5, 0.5, 100, 1) }, "log");
        Assert.Equal(["Step", "d_loss", "d_loss_real", "d_loss_fake", "g_loss", "d_real", "d_fake", "ImagesPerSecond", "Seconds"], table.Columns);
        Assert.Equal(["10", "1.5", "0.5", "1", "2.25", "0.5", "0.5", "100", "1"], table.Rows[0].Select(MetricTable.Cell));
    }
}
