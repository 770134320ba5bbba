using GanWorkbench.Theory;
using Plotly.NET;

namespace GanWorkbench.Plotting;

/// <summary>One named line of a chart: its points, dash (<c>solid</c>, <c>dash</c>, <c>dot</c>), colour
/// (a CSS colour, or null for plotly's cycle) and mode (<c>lines</c>, <c>markers</c>, <c>lines+markers</c>).</summary>
public sealed record CurveSeries(string Name, IReadOnlyList<CurvePoint> Points, string Dash = "solid", string? Color = null, string Mode = "lines")
{
    /// <summary>A series from (x, y) pairs.</summary>
    public static CurveSeries Of(string name, IEnumerable<(double X, double Y)> points, string dash = "solid", string? color = null, string mode = "lines") =>
        new(name, points.Select(p => new CurvePoint(p.X, p.Y)).ToList(), dash, color, mode);
}

/// <summary>
/// Line charts of curves (theory results, measured series), and paths in a plane with equal axis
/// scales (iterates of an optimiser). Plain functions: data in, Plotly.NET chart out.
/// Notebooks: 02-minimax-game, 03-coordinate-descent.
/// </summary>
public static class CurveCharts
{
    /// <summary>y against x for each series, on linear or log axes.</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, IReadOnlyList<CurveSeries> series,
        bool logX = false, bool logY = false, int width = 640, int height = 400, double[]? yRange = null) =>
        Figure.Chart(series.Select(s => Trace(s, "x", "y")), Figure.Layout(title, Figure.Axis(xTitle, logX), Figure.Axis(yTitle, logY, yRange), true, width, height));

    /// <summary>Paths in a plane (e.g. the iterates (x, y) of a two-player game) with one unit the same
    /// length on both axes, so circles look round and spirals keep their shape.</summary>
    public static GenericChart Paths(string title, string xTitle, string yTitle, IReadOnlyList<CurveSeries> series, int width = 560, int height = 500)
    {
        var layout = Figure.Layout(title, Figure.Axis(xTitle), Figure.Axis(yTitle), true, width, height);
        ((Dictionary<string, object>)layout["yaxis"])["scaleanchor"] = "x";
        return Figure.Chart(series.Select(s => Trace(s, "x", "y")), layout);
    }

    /// <summary>The scatter trace of one series on subplot axes <paramref name="x"/>/<paramref name="y"/>.</summary>
    public static Trace Trace(CurveSeries s, string x, string y, bool showLegend = true, string? legendGroup = null)
    {
        var line = new Dictionary<string, object> { ["dash"] = s.Dash };
        if (s.Color is not null) line["color"] = s.Color;
        var properties = new Dictionary<string, object?>
        {
            ["x"] = s.Points.Select(p => Figure.Number(p.X)).ToArray(),
            ["y"] = s.Points.Select(p => Figure.Number(p.Y)).ToArray(),
            ["name"] = s.Name, ["mode"] = s.Mode, ["line"] = line, ["xaxis"] = x, ["yaxis"] = y, ["showlegend"] = showLegend,
            ["legendgroup"] = legendGroup,
        };
        if (s.Color is not null && s.Mode.Contains("markers", StringComparison.Ordinal))
            properties["marker"] = new Dictionary<string, object> { ["color"] = s.Color, ["size"] = 5 };
        return Figure.Trace("scatter", properties);
    }
}
