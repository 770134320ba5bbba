using System.Numerics;
using GanWorkbench.Metrics;
using GanWorkbench.Theory;
using Plotly.NET;

namespace GanWorkbench.Plotting;

/// <summary>One panel of a Dirac-GAN figure: a title, the vector field, trajectories, and WGAN's
/// clipping bound (drawn as two horizontal lines) when there is one.</summary>
public sealed record DiracPanel(string Title, IReadOnlyList<DiracArrow> Field, IReadOnlyList<CurveSeries> Paths, double? PsiClip = null);

/// <summary>
/// Charts of the exact theory: Goodfellow et al. 2014's Fig. 1 panels (densities, D and D*, the map
/// z ↦ x), Mescheder et al. 2018's Dirac-GAN vector fields with trajectories, contour plots of a
/// quadratic with optimiser paths, and eigenvalues in the complex plane.
/// Notebooks: 02-minimax-game, 03-coordinate-descent.
/// </summary>
public static class TheoryCharts
{
    const string DataColor = "black", GeneratorColor = "#2ca02c", DiscriminatorColor = "#1f77b4", OptimalColor = "#ff7f0e", MapColor = "#888888";

    /// <summary>
    /// Goodfellow et al. 2014, Fig. 1, from measured snapshots: per panel the data density (black,
    /// dotted), the generator's density p_g (green), the trained D(x) (blue, dashed), the optimal D*(x)
    /// for that generator (orange, dotted) and, under the axis, lines from evenly spaced z (the lower
    /// line, the latent domain [0, 1] drawn across the panel) to x = G(z) (the upper line).
    /// </summary>
    public static GenericChart MinimaxPanels(IReadOnlyList<LineGanSnapshot> snapshots, IReadOnlyList<string>? titles = null, int height = 380)
    {
        if (snapshots.Count == 0) throw new ArgumentException("need at least one snapshot", nameof(snapshots));
        var traces = new List<Trace>();
        var layoutTitles = new List<string>();
        double yMax = Math.Max(1.05, snapshots.Max(s => s.Data.Concat(s.Generator).Max(p => double.IsFinite(p.Y) ? p.Y : 0)) * 1.05);
        for (int k = 0; k < snapshots.Count; k++)
        {
            var s = snapshots[k];
            var (x, y, _, _) = Figure.Subplot(k);
            bool legend = k == 0;
            traces.Add(CurveCharts.Trace(new CurveSeries("p_data", s.Data, "dot", DataColor), x, y, legend, "data"));
            traces.Add(CurveCharts.Trace(new CurveSeries("p_g", s.Generator, "solid", GeneratorColor), x, y, legend, "pg"));
            traces.Add(CurveCharts.Trace(new CurveSeries("D(x)", s.Discriminator, "dash", DiscriminatorColor), x, y, legend, "d"));
            traces.Add(CurveCharts.Trace(new CurveSeries("D*(x)", s.OptimalDiscriminator, "dot", OptimalColor), x, y, legend, "dstar"));
            // The map z ↦ x: z in [0, 1] drawn across the panel's x range at height zLine, x = G(z) at height xLine.
            double from = s.Data[0].X, to = s.Data[^1].X, zLine = -0.35, xLine = -0.05;
            var segX = new List<object?>(); var segY = new List<object?>();
            foreach (var m in s.Mapping)
            {
                segX.AddRange([from + m.X * (to - from), Math.Clamp(m.Y, from, to), null]);
                segY.AddRange([zLine, xLine, null]);
            }
            segX.AddRange([from, to, null, from, to]); segY.AddRange([zLine, zLine, null, xLine, xLine]);
            traces.Add(Figure.Trace("scatter", new Dictionary<string, object?>
            {
                ["x"] = segX.ToArray(), ["y"] = segY.ToArray(), ["mode"] = "lines", ["name"] = "z → x = G(z)",
                ["line"] = new Dictionary<string, object> { ["color"] = MapColor, ["width"] = 1 }, ["xaxis"] = x, ["yaxis"] = y,
                ["showlegend"] = legend, ["legendgroup"] = "map",
            }));
            layoutTitles.Add(titles is not null && k < titles.Count ? titles[k] : $"step {s.Step}");
        }
        var layout = Figure.Grid("Data, p_g, D and D* over training (after Goodfellow et al. 2014, Fig. 1)", 1, snapshots.Count, layoutTitles,
            Math.Max(640, 260 * snapshots.Count), height);
        for (int k = 0; k < snapshots.Count; k++)
        {
            var (_, _, xa, ya) = Figure.Subplot(k);
            layout[xa] = new Dictionary<string, object> { ["title"] = Figure.Title("x"), ["zeroline"] = false };
            layout[ya] = new Dictionary<string, object> { ["range"] = new[] { -0.45, yMax }, ["zeroline"] = false,
                                                           ["tickvals"] = new[] { 0.0, 0.5, 1.0 } };
        }
        layout["legend"] = new Dictionary<string, object> { ["orientation"] = "h", ["y"] = -0.25 };
        return Figure.Chart(traces, layout);
    }

    /// <summary>
    /// Dirac-GAN panels (Mescheder et al. 2018, Fig. 2/3 style): arrows of the vector field v(θ, ψ),
    /// scaled so the longest is about one grid spacing, with trajectories drawn over them and the
    /// equilibrium (0, 0) marked.
    /// </summary>
    public static GenericChart DiracPanels(string title, IReadOnlyList<DiracPanel> panels, int columns = 4, double extent = 2, int panelSize = 260)
    {
        if (panels.Count == 0) throw new ArgumentException("need at least one panel", nameof(panels));
        int rows = (panels.Count + columns - 1) / columns;
        var traces = new List<Trace>();
        for (int k = 0; k < panels.Count; k++)
        {
            var p = panels[k];
            var (x, y, _, _) = Figure.Subplot(k);
            traces.Add(Arrows(p.Field, x, y, extent));
            if (p.PsiClip is double c)
                traces.Add(Figure.Trace("scatter", new Dictionary<string, object?>
                {
                    ["x"] = new object?[] { -extent, extent, null, -extent, extent }, ["y"] = new object?[] { c, c, null, -c, -c },
                    ["mode"] = "lines", ["line"] = new Dictionary<string, object> { ["color"] = "#d62728", ["width"] = 1, ["dash"] = "dot" },
                    ["xaxis"] = x, ["yaxis"] = y, ["showlegend"] = false, ["hoverinfo"] = "skip",
                }));
            foreach (var path in p.Paths)
                traces.Add(CurveCharts.Trace(path with { Points = path.Points.Select(q => new CurvePoint(Math.Clamp(q.X, -3 * extent, 3 * extent), Math.Clamp(q.Y, -3 * extent, 3 * extent))).ToList() },
                    x, y, k == 0, path.Name));
            traces.Add(Figure.Trace("scatter", new Dictionary<string, object?>
            {
                ["x"] = new[] { 0.0 }, ["y"] = new[] { 0.0 }, ["mode"] = "markers", ["xaxis"] = x, ["yaxis"] = y, ["showlegend"] = false,
                ["marker"] = new Dictionary<string, object> { ["symbol"] = "star", ["size"] = 10, ["color"] = "black" }, ["name"] = "equilibrium",
            }));
        }
        var layout = Figure.Grid(title, rows, columns, panels.Select(p => p.Title).ToList(), columns * panelSize, rows * (panelSize + 20) + 90);
        for (int k = 0; k < panels.Count; k++)
        {
            var (xName, _, xa, ya) = Figure.Subplot(k);
            layout[xa] = new Dictionary<string, object> { ["range"] = new[] { -extent, extent }, ["title"] = Figure.Title("θ (generator)"), ["zeroline"] = false };
            layout[ya] = new Dictionary<string, object> { ["range"] = new[] { -extent, extent }, ["title"] = Figure.Title("ψ (discriminator)"), ["zeroline"] = false,
                                                          ["scaleanchor"] = xName };
        }
        layout["legend"] = new Dictionary<string, object> { ["orientation"] = "h", ["y"] = -0.08 };
        return Figure.Chart(traces, layout);
    }

    // Arrows as line segments with two-stroke heads, all in one trace (nulls separate them).
    static Trace Arrows(IReadOnlyList<DiracArrow> field, string x, string y, double extent)
    {
        double longest = field.Max(a => Math.Sqrt(a.VTheta * a.VTheta + a.VPsi * a.VPsi));
        int perSide = Math.Max(2, (int)Math.Round(Math.Sqrt(field.Count)));
        double scale = longest > 0 ? 0.9 * (2 * extent / (perSide - 1)) / longest : 0;
        var xs = new List<object?>(); var ys = new List<object?>();
        foreach (var a in field)
        {
            double dx = a.VTheta * scale, dy = a.VPsi * scale, length = Math.Sqrt(dx * dx + dy * dy);
            if (length < 1e-9) continue;
            double tipX = a.Theta + dx, tipY = a.Psi + dy, head = 0.3 * length, angle = Math.Atan2(dy, dx);
            xs.AddRange([a.Theta, tipX, null]); ys.AddRange([a.Psi, tipY, null]);
            foreach (double side in new[] { 2.7, -2.7 })
            {
                xs.AddRange([tipX, tipX + head * Math.Cos(angle + side), null]);
                ys.AddRange([tipY, tipY + head * Math.Sin(angle + side), null]);
            }
        }
        return Figure.Trace("scatter", new Dictionary<string, object?>
        {
            ["x"] = xs.ToArray(), ["y"] = ys.ToArray(), ["mode"] = "lines", ["xaxis"] = x, ["yaxis"] = y, ["showlegend"] = false,
            ["line"] = new Dictionary<string, object> { ["color"] = "#9aa0a6", ["width"] = 1 }, ["hoverinfo"] = "skip", ["name"] = "v(θ, ψ)",
        });
    }

    /// <summary>Contours of f(x) = ½ xᵀAx − bᵀx (two coordinates) with optimiser paths over them and the
    /// minimiser marked.</summary>
    public static GenericChart QuadraticPaths(string title, QuadraticProblem problem, IReadOnlyList<CurveSeries> paths,
        double xFrom, double xTo, double yFrom, double yTo, int width = 620, int height = 520)
    {
        if (problem.B.Count != 2) throw new ArgumentException("the contour chart needs a problem in two coordinates", nameof(problem));
        const int n = 80;
        var gx = Enumerable.Range(0, n).Select(i => xFrom + (xTo - xFrom) * i / (n - 1)).ToArray();
        var gy = Enumerable.Range(0, n).Select(i => yFrom + (yTo - yFrom) * i / (n - 1)).ToArray();
        var z = gy.Select(yv => gx.Select(xv => Math.Round(problem.Value([xv, yv]), 5)).ToArray()).ToArray();
        var traces = new List<Trace>
        {
            Figure.Trace("contour", new Dictionary<string, object?>
            {
                ["x"] = gx, ["y"] = gy, ["z"] = z, ["ncontours"] = 18, ["showscale"] = false, ["colorscale"] = "Blues", ["reversescale"] = true,
                ["contours"] = new Dictionary<string, object> { ["coloring"] = "lines" }, ["name"] = "f", ["showlegend"] = false, ["hoverinfo"] = "skip",
            }),
        };
        traces.AddRange(paths.Select(p => CurveCharts.Trace(p, "x", "y")));
        traces.Add(Figure.Trace("scatter", new Dictionary<string, object?>
        {
            ["x"] = new[] { problem.Minimizer[0] }, ["y"] = new[] { problem.Minimizer[1] }, ["mode"] = "markers", ["name"] = "minimiser x*",
            ["marker"] = new Dictionary<string, object> { ["symbol"] = "star", ["size"] = 12, ["color"] = "black" },
        }));
        var layout = Figure.Layout(title, Figure.Axis("x₁", range: [xFrom, xTo]), Figure.Axis("x₂", range: [yFrom, yTo]), true, width, height);
        ((Dictionary<string, object>)layout["yaxis"])["scaleanchor"] = "x";
        return Figure.Chart(traces, layout);
    }

    /// <summary>Sets of complex numbers (eigenvalues) as points in the complex plane, with the unit circle
    /// (where update-map eigenvalues must lie inside for convergence) and/or the imaginary axis (where
    /// Jacobian eigenvalues must lie to the left of).</summary>
    public static GenericChart ComplexPlane(string title, IReadOnlyList<(string Name, IReadOnlyList<Complex> Values)> sets,
        bool unitCircle = false, int width = 560, int height = 480)
    {
        var traces = new List<Trace>();
        if (unitCircle)
        {
            var circle = Enumerable.Range(0, 201).Select(i => 2 * Math.PI * i / 200).ToArray();
            traces.Add(Figure.Trace("scatter", new Dictionary<string, object?>
            {
                ["x"] = circle.Select(Math.Cos).ToArray(), ["y"] = circle.Select(Math.Sin).ToArray(), ["mode"] = "lines", ["name"] = "|λ| = 1",
                ["line"] = new Dictionary<string, object> { ["color"] = "#999999", ["dash"] = "dot" },
            }));
        }
        foreach (var (name, values) in sets)
            traces.Add(Figure.Trace("scatter", new Dictionary<string, object?>
            {
                ["x"] = values.Select(v => v.Real).ToArray(), ["y"] = values.Select(v => v.Imaginary).ToArray(), ["mode"] = "markers", ["name"] = name,
                ["marker"] = new Dictionary<string, object> { ["size"] = 9 },
            }));
        var layout = Figure.Layout(title, Figure.Axis("real part"), Figure.Axis("imaginary part"), true, width, height);
        ((Dictionary<string, object>)layout["yaxis"])["scaleanchor"] = "x";
        return Figure.Chart(traces, layout);
    }
}
