using System.Text.Json;
using GanWorkbench.Plotting;
using Plotly.NET;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Plotting;

/// <summary>The general chart builders put the given numbers and labels where plotly reads them.</summary>
public class ChartsTests
{
    static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();

    [Fact]
    public void Lines_carry_values_error_bars_gaps_and_a_log_axis()
    {
        var chart = Charts.Lines([new XYSeries("a", [1, 10, 100], [0.5, double.NaN, 2], [0.1, 0.2, 0.3]), new XYSeries("b", [1, 2], [3, 4])],
            "title", "examples", "bound", logX: true);
        var figure = Figure(chart);
        var data = figure.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("a", data[0].GetProperty("name").GetString());
        Assert.Equal(new[] { 0.5, double.NaN, 2 }, Numbers(data[0].GetProperty("y")));
        Assert.Equal(new[] { 0.1, 0.2, 0.3 }, Numbers(data[0].GetProperty("error_y").GetProperty("array")));
        Assert.Equal("log", figure.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Throws<ArgumentException>(() => Charts.Lines([new XYSeries("bad", [1, 2], [1])], "", "", ""));
    }

    [Fact]
    public void Bars_are_grouped_with_error_bars_and_an_optional_range()
    {
        var chart = Charts.Bars(["10", "100"], [new BarSeries("real", [0.7, 0.9], [0.02, 0.01]), new BarSeries("real + generated", [0.8, 0.93])],
            "accuracy", "labels per class", "test accuracy", yMin: 0.5, yMax: 1);
        var figure = Figure(chart);
        var data = figure.GetProperty("data");
        Assert.Equal("bar", data[0].GetProperty("type").GetString());
        Assert.Equal(new[] { "10", "100" }, data[1].GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { 0.02, 0.01 }, Numbers(data[0].GetProperty("error_y").GetProperty("array")));
        Assert.False(data[1].TryGetProperty("error_y", out _));
        var layout = figure.GetProperty("layout");
        Assert.Equal("group", layout.GetProperty("barmode").GetString());
        Assert.Equal(new[] { 0.5, 1.0 }, Numbers(layout.GetProperty("yaxis").GetProperty("range")));
        Assert.Throws<ArgumentException>(() => Charts.Bars(["a"], [new BarSeries("x", [1, 2])], "", "", ""));
    }

    [Fact]
    public void Heatmap_rows_run_top_to_bottom_with_values_written_in()
    {
        var chart = Charts.Heatmap([[1, 2, 3], [4, 5, 6]], ["c0", "c1"], ["0", "1", "2"], "table", "class", "cluster");
        var figure = Figure(chart);
        var trace = figure.GetProperty("data")[0];
        Assert.Equal(new[] { 4.0, 5, 6 }, Numbers(trace.GetProperty("z")[1]));
        Assert.Equal("%{z}", trace.GetProperty("texttemplate").GetString());
        Assert.Equal("reversed", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Throws<ArgumentException>(() => Charts.Heatmap([[1, 2]], ["a"], ["x", "y", "z"], "", "", ""));
    }

    [Fact]
    public void Labelled_grid_puts_a_tick_at_every_tile_centre()
    {
        using var images = zeros(6, 1, 28, 28);
        var grid = ImageGrid.FromBatch(images, columns: 3, padding: 2);         // 2 rows × 3 columns, 92 × 62 px
        var chart = Charts.LabelledGrid(grid, 28, 2, ["T-shirt/top", "Trouser"], ["−1", "0", "1"], "grid");
        var figure = Figure(chart);
        var trace = figure.GetProperty("data")[0];
        Assert.Equal("image", trace.GetProperty("type").GetString());
        Assert.StartsWith("data:image/png;base64,", trace.GetProperty("source").GetString());
        var layout = figure.GetProperty("layout");
        Assert.Equal(new[] { 15.5, 45.5 }, Numbers(layout.GetProperty("yaxis").GetProperty("tickvals")));
        Assert.Equal(new[] { "T-shirt/top", "Trouser" }, layout.GetProperty("yaxis").GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { 15.5, 45.5, 75.5 }, Numbers(layout.GetProperty("xaxis").GetProperty("tickvals")));
        Assert.Throws<ArgumentException>(() => Charts.LabelledGrid(grid, 28, 2, ["one row"]));
    }

    [Fact]
    public void Scatter_draws_markers_only()
    {
        var figure = Figure(Charts.Scatter([new XYSeries("0", [0.1, 0.2], [1, 2])], "codes", "z1", "z2"));
        Assert.Equal("markers", figure.GetProperty("data")[0].GetProperty("mode").GetString());
    }
}
