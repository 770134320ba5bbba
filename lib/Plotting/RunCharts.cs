using Plotly.NET;

namespace GanWorkbench.Plotting;

/// <summary>One group of a sweep's box plot: its label and the members' values of the metric.</summary>
public sealed record MetricGroup(string Label, IReadOnlyList<double> Values);

/// <summary>
/// Chart builders from metric histories to Plotly.NET charts, shared by reports and notebooks
/// (a notebook displays the returned <see cref="GenericChart"/>; a report embeds it). Plain functions:
/// data in, chart out, nothing else touched.
/// </summary>
public static class RunCharts
{
    /// <summary>Columns that have a chart of their own (losses, D outputs) or are bookkeeping.</summary>
    public static IReadOnlyCollection<string> TrainingColumns { get; } =
        ["d_loss", "d_loss_real", "d_loss_fake", "g_loss", "d_real", "d_fake", "images_per_sec", "seconds"];

    /// <summary>Discriminator loss (with its real and fake parts, dashed) and generator loss over steps.</summary>
    public static GenericChart Losses(MetricHistory history) =>
        Lines(history, "Losses", "loss", [("d_loss", "D loss", "solid"), ("d_loss_real", "D loss (real)", "dot"),
                                          ("d_loss_fake", "D loss (fake)", "dot"), ("g_loss", "G loss", "solid")]);

    /// <summary>Mean D(x) on real and D(G(z)) on generated batches over steps (σ of the score for critics).</summary>
    public static GenericChart DiscriminatorOutputs(MetricHistory history) =>
        Lines(history, "D(x) and D(G(z))", "mean σ(score)", [("d_real", "D(x)", "solid"), ("d_fake", "D(G(z))", "solid")]);

    /// <summary>One metric over steps.</summary>
    public static GenericChart Metric(MetricHistory history, string column) =>
        Lines(history, column, column, [(column, column, "solid")]);

    /// <summary>A chart per numeric column that is not a training loss or D output: evaluation metrics
    /// (FID, scores, …) and throughput, whatever metrics.jsonl holds.</summary>
    public static IReadOnlyList<GenericChart> OtherMetrics(MetricHistory history) =>
        history.Columns.Where(c => !TrainingColumns.Contains(c) || c == "images_per_sec").Select(c => Metric(history, c)).ToList();

    /// <summary>A box per group (e.g. per loss) of one metric across sweep members, every member shown
    /// as a point: the shape of Lucic et al. 2018, "Are GANs Created Equal?", Fig. 4.</summary>
    public static GenericChart SweepBoxes(IReadOnlyList<MetricGroup> groups, string metric, string groupBy)
    {
        var traces = groups.Select(g => Trace("box", new()
        {
            ["y"] = g.Values.Select(Json).ToArray(), ["name"] = g.Label, ["boxpoints"] = "all", ["jitter"] = 0.3, ["pointpos"] = 0.0,
        }));
        // Group labels are categories even when they look like numbers (a learning rate, a seed).
        return Styled(traces, $"{metric} by {groupBy}", groupBy, metric, showLegend: false, categoricalX: true);
    }

    /// <summary>One metric over training for several runs (e.g. the members of a sweep), a line each.</summary>
    public static GenericChart MetricAcrossRuns(IReadOnlyList<MetricSeries> runs, string metric)
    {
        var traces = runs.Where(r => r.Steps.Count > 0).Select(r => Trace("scatter", new()
        {
            // A metric evaluated only at the end is one point per run: a line would draw nothing.
            ["x"] = r.Steps.ToArray(), ["y"] = r.Values.Select(Json).ToArray(), ["name"] = r.Name, ["mode"] = r.Steps.Count == 1 ? "markers" : "lines",
        })).ToList();
        if (traces.Count == 0) traces.Add(Trace("scatter", new() { ["x"] = Array.Empty<long>(), ["y"] = Array.Empty<double>(), ["name"] = "no data" }));
        return Styled(traces, $"{metric} over training", "step", metric, showLegend: true);
    }

    static GenericChart Lines(MetricHistory history, string title, string yTitle, IEnumerable<(string Column, string Label, string Dash)> lines)
    {
        var traces = new List<Trace>();
        foreach (var (column, label, dash) in lines)
        {
            var s = history.Series(column);
            if (s.Steps.Count == 0) continue;
            traces.Add(Trace("scatter", new()
            {
                ["x"] = s.Steps.ToArray(), ["y"] = s.Values.Select(Json).ToArray(), ["name"] = label,
                ["mode"] = s.Steps.Count < 30 ? "lines+markers" : "lines", ["line"] = new Dictionary<string, object> { ["dash"] = dash },
            }));
        }
        if (traces.Count == 0) traces.Add(Trace("scatter", new() { ["x"] = Array.Empty<long>(), ["y"] = Array.Empty<double>(), ["name"] = "no data" }));
        return Styled(traces, title, "step", yTitle, showLegend: true);
    }

    // JSON has no NaN: plotly draws a gap where a value is null.
    static object? Json(double v) => double.IsFinite(v) ? v : null;

    static Trace Trace(string type, Dictionary<string, object> properties)
    {
        var trace = new Trace2D(type);
        foreach (var (key, value) in properties) trace.SetProperty(key, value);
        return trace;
    }

    static GenericChart Styled(IEnumerable<Trace> traces, string title, string xTitle, string yTitle, bool showLegend, bool categoricalX = false)
    {
        var chart = GenericChart.combine(traces.Select(t => GenericChart.ofTraceObject(true, t)).ToList());
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        var xaxis = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = xTitle } };
        if (categoricalX) xaxis["type"] = "category";
        layout.SetProperty("xaxis", xaxis);
        layout.SetProperty("yaxis", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = yTitle } });
        layout.SetProperty("showlegend", showLegend);
        layout.SetProperty("width", 640);
        layout.SetProperty("height", 400);
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 60, ["r"] = 20, ["t"] = 50, ["b"] = 50 });
        return GenericChart.addLayout(layout, chart);
    }
}
