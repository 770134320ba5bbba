using Plotly.NET;

namespace GanWorkbench.Plotting;

/// <summary>
/// The smallest way to a Plotly.NET chart from plain plotly.js properties: traces as property maps,
/// a layout as a property map, and helpers for the layout pieces every chart builder repeats
/// (titles, axes, subplot grids). Used by the chart builders of this folder; a notebook calls those.
/// </summary>
public static class Figure
{
    /// <summary>A trace of plotly.js type <paramref name="type"/> (scatter, heatmap, contour, …) with
    /// the given properties (nulls in number arrays are gaps).</summary>
    public static Trace Trace(string type, IReadOnlyDictionary<string, object?> properties)
    {
        var trace = new Trace2D(type);
        foreach (var (key, value) in properties)
            if (value is not null) trace.SetProperty(key, value);
        return trace;
    }

    /// <summary>Combines traces under a layout.</summary>
    public static GenericChart Chart(IEnumerable<Trace> traces, IReadOnlyDictionary<string, object> layout)
    {
        var chart = GenericChart.combine(traces.Select(t => GenericChart.ofTraceObject(true, t)).ToList());
        var plotlyLayout = new Layout();
        foreach (var (key, value) in layout) plotlyLayout.SetProperty(key, value);
        return GenericChart.addLayout(plotlyLayout, chart);
    }

    /// <summary>A title object.</summary>
    public static Dictionary<string, object> Title(string text) => new() { ["text"] = text };

    /// <summary>An axis with a title (log scale, fixed range, zero line optional).</summary>
    public static Dictionary<string, object> Axis(string title, bool log = false, double[]? range = null)
    {
        var axis = new Dictionary<string, object> { ["title"] = Title(title) };
        if (log) axis["type"] = "log";
        if (range is not null) axis["range"] = log ? range.Select(Math.Log10).ToArray() : range;
        return axis;
    }

    /// <summary>A layout with a title, two axes, a legend switch and a size.</summary>
    public static Dictionary<string, object> Layout(string title, object xAxis, object yAxis, bool showLegend = true, int width = 640, int height = 400) => new()
    {
        ["title"] = Title(title),
        ["xaxis"] = xAxis,
        ["yaxis"] = yAxis,
        ["showlegend"] = showLegend,
        ["width"] = width,
        ["height"] = height,
        ["margin"] = new Dictionary<string, object> { ["l"] = 60, ["r"] = 20, ["t"] = 50, ["b"] = 50 },
    };

    /// <summary>The axis names of subplot k (0-based) for traces ("x", "x2", …) and layouts ("xaxis", "xaxis2", …).</summary>
    public static (string X, string Y, string XAxis, string YAxis) Subplot(int k) =>
        k == 0 ? ("x", "y", "xaxis", "yaxis") : ($"x{k + 1}", $"y{k + 1}", $"xaxis{k + 1}", $"yaxis{k + 1}");

    /// <summary>A layout of <paramref name="rows"/> × <paramref name="columns"/> independent subplots with a
    /// title over each (plotly's grid; traces pick their subplot with the names from <see cref="Subplot"/>).</summary>
    public static Dictionary<string, object> Grid(string title, int rows, int columns, IReadOnlyList<string> panelTitles,
        int width, int height, bool showLegend = true)
    {
        var layout = new Dictionary<string, object>
        {
            ["title"] = Title(title),
            ["grid"] = new Dictionary<string, object> { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent",
                                                       ["xgap"] = 0.12, ["ygap"] = 0.3 },
            ["showlegend"] = showLegend,
            ["width"] = width,
            ["height"] = height,
            ["margin"] = new Dictionary<string, object> { ["l"] = 50, ["r"] = 20, ["t"] = 70, ["b"] = 50 },
            ["annotations"] = panelTitles.Select((text, k) => new Dictionary<string, object>
            {
                ["text"] = text, ["showarrow"] = false, ["xref"] = Subplot(k).X + " domain", ["yref"] = Subplot(k).Y + " domain",
                ["x"] = 0.5, ["y"] = 1.0, ["xanchor"] = "center", ["yanchor"] = "bottom", ["font"] = new Dictionary<string, object> { ["size"] = 12 },
            }).ToArray(),
        };
        return layout;
    }

    /// <summary>A number for a plotly array: null (a gap) when not finite.</summary>
    public static object? Number(double v) => double.IsFinite(v) ? v : null;
}
