using Plotly.NET;

namespace GanWorkbench.Plotting;

/// <summary>A named line or point set: x and y values, optionally ± an error per point.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">x values.</param>
/// <param name="Y">y values (same length; non-finite values leave a gap).</param>
/// <param name="ErrorY">Half-length of an error bar per point (e.g. a standard deviation), or null.</param>
public sealed record XYSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double>? ErrorY = null);

/// <summary>One bar per category with an optional error bar, for grouped bar charts.</summary>
/// <param name="Name">Legend entry (e.g. "real only").</param>
/// <param name="Values">Bar heights, one per category.</param>
/// <param name="Errors">Error-bar half-lengths (e.g. standard deviations over seeds), or null.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null);

/// <summary>
/// General chart builders for notebooks (data in, Plotly.NET chart out, nothing else touched), next to
/// the run-specific ones of <see cref="RunCharts"/>: lines (optionally with error bars and a log x axis),
/// point clouds, grouped bars with error bars, an annotated heatmap (contingency tables, confusion
/// matrices), and an image — a sample grid — with row and column labels (class names along a
/// class-conditional grid, code values along a traversal). Every chart is 640 px wide unless said
/// otherwise. Notebooks: 07–10.
/// </summary>
public static class Charts
{
    /// <summary>A line per series; <paramref name="logX"/> for quantities such as "examples seen".</summary>
    public static GenericChart Lines(IReadOnlyList<XYSeries> series, string title, string xTitle, string yTitle,
        bool logX = false, bool markers = false)
    {
        var traces = series.Select(s => Trace("scatter", XY(s, markers || s.X.Count < 30 ? "lines+markers" : "lines"))).ToList();
        return Styled(traces, title, xTitle, yTitle, xType: logX ? "log" : null);
    }

    /// <summary>Points, a colour per series (e.g. 2-D latent codes coloured by their class).</summary>
    public static GenericChart Scatter(IReadOnlyList<XYSeries> series, string title, string xTitle, string yTitle, double markerSize = 4)
    {
        var traces = series.Select(s =>
        {
            var p = XY(s, "markers");
            p["marker"] = new Dictionary<string, object> { ["size"] = markerSize, ["opacity"] = 0.7 };
            return Trace("scatter", p);
        }).ToList();
        return Styled(traces, title, xTitle, yTitle, width: 640, height: 560);
    }

    /// <summary>Grouped bars: one group per category, one bar per series, with error bars where given.</summary>
    public static GenericChart Bars(IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, string title, string xTitle, string yTitle,
        double? yMin = null, double? yMax = null)
    {
        foreach (var s in series)
            if (s.Values.Count != categories.Count || (s.Errors is { } e && e.Count != categories.Count))
                throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories");
        var traces = series.Select(s =>
        {
            var p = new Dictionary<string, object> { ["x"] = categories.ToArray(), ["y"] = s.Values.Select(Json).ToArray(), ["name"] = s.Name };
            if (s.Errors is { } errors)
                p["error_y"] = new Dictionary<string, object> { ["type"] = "data", ["array"] = errors.Select(Json).ToArray(), ["visible"] = true };
            return Trace("bar", p);
        }).ToList();
        var chart = Styled(traces, title, xTitle, yTitle, xType: "category");
        var layout = new Layout();
        layout.SetProperty("barmode", "group");
        if (yMin is not null || yMax is not null)
            layout.SetProperty("yaxis", new Dictionary<string, object>
            {
                ["title"] = new Dictionary<string, object> { ["text"] = yTitle },
                ["range"] = new object?[] { yMin, yMax },
            });
        return GenericChart.addLayout(layout, chart);
    }

    /// <summary>A heatmap of <paramref name="rows"/> (row i is drawn top to bottom) with every cell's value written in it.
    /// The default colour scale, Viridis, runs from dark (low) to bright (high); plotly's named scales such as
    /// "Blues" run the other way (their low end is the dark one), so large counts would look empty.</summary>
    public static GenericChart Heatmap(IReadOnlyList<IReadOnlyList<double>> rows, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels,
        string title, string xTitle, string yTitle, string colorScale = "Viridis")
    {
        if (rows.Count != rowLabels.Count || rows.Any(r => r.Count != columnLabels.Count))
            throw new ArgumentException($"a {rowLabels.Count} × {columnLabels.Count} heatmap needs {rowLabels.Count} rows of {columnLabels.Count} values");
        var trace = Trace("heatmap", new()
        {
            ["z"] = rows.Select(r => r.Select(Json).ToArray()).ToArray(),
            ["x"] = columnLabels.ToArray(), ["y"] = rowLabels.ToArray(),
            ["colorscale"] = colorScale, ["texttemplate"] = "%{z}", ["hoverongaps"] = false,
        });
        var chart = Styled([trace], title, xTitle, yTitle, xType: "category", showLegend: false, width: 640, height: 560);
        var layout = new Layout();
        layout.SetProperty("yaxis", new Dictionary<string, object>
        {
            ["title"] = new Dictionary<string, object> { ["text"] = yTitle }, ["type"] = "category", ["autorange"] = "reversed",
        });
        return GenericChart.addLayout(layout, chart);
    }

    /// <summary>
    /// A sample grid as a chart, its rows and columns labelled: <paramref name="rowLabels"/> (one per grid row,
    /// e.g. class names) on the y axis and optional <paramref name="columnLabels"/> on the x axis. The PNG is
    /// embedded as a data URI, drawn <paramref name="scale"/> screen pixels per image pixel.
    /// </summary>
    public static GenericChart LabelledGrid(ImageGrid grid, int tileSize, int padding, IReadOnlyList<string> rowLabels,
        IReadOnlyList<string>? columnLabels = null, string title = "", double scale = 1.5, string xTitle = "", string yTitle = "")
    {
        if (rowLabels.Count != grid.Rows) throw new ArgumentException($"{rowLabels.Count} row labels for a grid of {grid.Rows} rows");
        if (columnLabels is not null && columnLabels.Count != grid.Columns)
            throw new ArgumentException($"{columnLabels.Count} column labels for a grid of {grid.Columns} columns");
        double Centre(int i) => padding + i * (tileSize + padding) + tileSize / 2.0 - 0.5;   // pixel coordinates of tile i's centre
        var trace = Trace("image", new()
        {
            ["source"] = "data:image/png;base64," + Convert.ToBase64String(grid.Png), ["hoverinfo"] = "skip",
        });
        var chart = GenericChart.ofTraceObject(true, trace);
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        var xaxis = new Dictionary<string, object>
        {
            ["showgrid"] = false, ["zeroline"] = false, ["range"] = new[] { -0.5, grid.Width - 0.5 },
            ["title"] = new Dictionary<string, object> { ["text"] = xTitle }, ["side"] = "bottom",
        };
        if (columnLabels is null) xaxis["showticklabels"] = false;
        else { xaxis["tickvals"] = Enumerable.Range(0, grid.Columns).Select(Centre).ToArray(); xaxis["ticktext"] = columnLabels.ToArray(); }
        layout.SetProperty("xaxis", xaxis);
        layout.SetProperty("yaxis", new Dictionary<string, object>
        {
            ["showgrid"] = false, ["zeroline"] = false, ["range"] = new[] { grid.Height - 0.5, -0.5 }, ["scaleanchor"] = "x",
            ["tickvals"] = Enumerable.Range(0, grid.Rows).Select(Centre).ToArray(), ["ticktext"] = rowLabels.ToArray(),
            ["title"] = new Dictionary<string, object> { ["text"] = yTitle },
        });
        int left = 20 + 7 * rowLabels.Max(l => l.Length) + (yTitle.Length > 0 ? 25 : 0);
        int bottom = columnLabels is null ? 10 : 50;
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = left, ["r"] = 10, ["t"] = title.Length > 0 ? 40 : 10, ["b"] = bottom });
        layout.SetProperty("width", (int)Math.Round(grid.Width * scale) + left + 10);
        layout.SetProperty("height", (int)Math.Round(grid.Height * scale) + (title.Length > 0 ? 40 : 10) + bottom);
        layout.SetProperty("showlegend", false);
        return GenericChart.addLayout(layout, chart);
    }

    static Dictionary<string, object> XY(XYSeries s, string mode)
    {
        if (s.X.Count != s.Y.Count) throw new ArgumentException($"series '{s.Name}': {s.X.Count} x values, {s.Y.Count} y values");
        var p = new Dictionary<string, object> { ["x"] = s.X.Select(Json).ToArray(), ["y"] = s.Y.Select(Json).ToArray(), ["name"] = s.Name, ["mode"] = mode };
        if (s.ErrorY is { } e)
        {
            if (e.Count != s.Y.Count) throw new ArgumentException($"series '{s.Name}': {e.Count} errors for {s.Y.Count} values");
            p["error_y"] = new Dictionary<string, object> { ["type"] = "data", ["array"] = e.Select(Json).ToArray(), ["visible"] = true };
        }
        return p;
    }

    // JSON has no NaN: plotly draws a gap where a value is null.
    static object? Json(double v) => double.IsFinite(v) ? v : null;

    static Trace Trace(string type, Dictionary<string, object> properties)
    {
        var trace = new Trace2D(type);
        foreach (var (key, value) in properties) trace.SetProperty(key, value);
        return trace;
    }

    static GenericChart Styled(IReadOnlyList<Trace> traces, string title, string xTitle, string yTitle, string? xType = null,
        bool showLegend = true, int width = 640, int height = 400)
    {
        var chart = GenericChart.combine(traces.Select(t => GenericChart.ofTraceObject(true, t)).ToList());
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        var xaxis = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = xTitle } };
        if (xType is not null) xaxis["type"] = xType;
        layout.SetProperty("xaxis", xaxis);
        layout.SetProperty("yaxis", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = yTitle } });
        layout.SetProperty("showlegend", showLegend);
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 60, ["r"] = 20, ["t"] = 50, ["b"] = 50 });
        return GenericChart.addLayout(layout, chart);
    }
}
