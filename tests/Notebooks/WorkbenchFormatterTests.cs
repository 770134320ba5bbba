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
        Assert.Contains($"{PlotlyHtml.ScriptMarker}=\"2.28.0\"", first, StringComparison.Ordinal);     // plotly.js once per notebook…
        Assert.DoesNotContain(PlotlyHtml.ScriptMarker, second, StringComparison.Ordinal);                // …not per chart
        Assert.True(first.Length > 3_000_000 && second.Length < 20_000, $"{first.Length} / {second.Length}");
        Assert.Contains("Plotly.newPlot", second, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn", second, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Training_progress_is_one_display_updated_in_place()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code(NotebookBuilder.Header)
            .Code("var progress = new TrainingProgress(\"quickstart\");\nvar view = display(progress);\nvar log = progress.Follow(view.Update);\n" +
                  "log(new GanWorkbench.Training.StepMetrics(50, 1.25, 0.5, 0.75, 2.5, 0.75, 0.25, 500, 1), 200);\n" +
                  "log(new GanWorkbench.Training.StepMetrics(100, 1.0, 0.5, 0.5, 2.0, 0.625, 0.375, 600, 2), 200);")
            .Run(temp);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var output = Assert.Single(Outputs(CodeCells(result)[1]));
        Assert.Matches(@"^quickstart: step 100/200 \(50%\) · D 1 · G 2 · D\(x\) 0\.62 · D\(G\(z\)\) 0\.38 · 600 img/s · \d+ s$", MimeData(output, "text/plain"));
        Assert.StartsWith("<div class=\"gwb-progress\"><div><b>quickstart</b> <progress max=\"100\" value=\"50.0\"", MimeData(output, "text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_tables_can_be_built_from_records()
    {
        var table = MetricTable.From(new[] { new StepMetrics(10, 1.5, 0.5, 1, 2.25, 0.5, 0.5, 100, 1) }, "log");
        Assert.Equal(["Step", "d_loss", "d_loss_real", "d_loss_fake", "g_loss", "d_real", "d_fake", "ImagesPerSecond", "Seconds"], table.Columns);
        Assert.Equal(["10", "1.5", "0.5", "1", "2.25", "0.5", "0.5", "100", "1"], table.Rows[0].Select(MetricTable.Cell));
    }
}
