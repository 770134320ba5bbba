using System.Globalization;
using System.Text.Json;
using GanWorkbench.Training;

namespace GanWorkbench.Plotting;

/// <summary>A metric over training: the steps where it was logged and its values there.</summary>
public sealed record MetricSeries(string Name, IReadOnlyList<long> Steps, IReadOnlyList<double> Values)
{
    /// <summary>The last finite value, or null when there is none.</summary>
    public double? Final => Values.Where(double.IsFinite).Select(v => (double?)v).LastOrDefault();
}

/// <summary>
/// The numeric columns of a run's metrics.jsonl (or of a live history) as series by name. Rows may
/// carry different columns — training losses every <c>log_every</c> steps, evaluation metrics less
/// often — so each series holds only the rows that have it. Values written as strings ("NaN",
/// "Infinity") are read back as those numbers; non-numeric columns (e.g. <c>time</c>) are ignored.
/// </summary>
public sealed class MetricHistory
{
    readonly Dictionary<string, (List<long> Steps, List<double> Values)> series = new();
    readonly List<string> order = [];

    /// <summary>Column names in first-seen order (<c>step</c> excluded).</summary>
    public IReadOnlyList<string> Columns => order;

    /// <summary>Number of rows read.</summary>
    public int RowCount { get; private set; }

    /// <summary>True when there is a column of that name.</summary>
    public bool Has(string column) => series.ContainsKey(column);

    /// <summary>One column as a series (empty when absent).</summary>
    public MetricSeries Series(string column) =>
        series.TryGetValue(column, out var s) ? new MetricSeries(column, s.Steps, s.Values) : new MetricSeries(column, [], []);

    /// <summary>The column that holds a metric named as experiments name it (a sweep's <c>metric: fid</c>):
    /// the column itself when present, else its evaluation column <c>eval/NAME</c> when that is present
    /// (metrics.jsonl prefixes evaluation results), else the name unchanged.</summary>
    public string Column(string metric) => !Has(metric) && Has("eval/" + metric) ? "eval/" + metric : metric;

    /// <summary>The last finite value of a column, or null.</summary>
    public double? Final(string column) => Series(column).Final;

    /// <summary>Adds one row (<c>step</c> plus named values).</summary>
    public void Add(long step, IEnumerable<KeyValuePair<string, double>> values)
    {
        RowCount++;
        foreach (var (name, value) in values)
        {
            if (name == "step") continue;
            if (!series.TryGetValue(name, out var s)) { series[name] = s = ([], []); order.Add(name); }
            s.Steps.Add(step);
            s.Values.Add(value);
        }
    }

    /// <summary>Reads a metrics.jsonl file; a truncated last line (a run killed mid-write) is skipped.</summary>
    public static MetricHistory FromJsonl(string path)
    {
        var history = new MetricHistory();
        foreach (var (step, values) in Rows(path)) history.Add(step, values);
        return history;
    }

    /// <summary>The rows of a metrics.jsonl file, each its <c>step</c> and its numeric values by name
    /// (strings "NaN" and "Infinity" read as those numbers; other columns, e.g. <c>time</c>, left out).
    /// A missing file has no rows; a truncated last line (a run killed mid-write) is skipped; any other
    /// damaged line is an <see cref="InputException"/> naming it.</summary>
    public static IEnumerable<(long Step, IReadOnlyList<KeyValuePair<string, double>> Values)> Rows(string path)
    {
        if (!File.Exists(path)) yield break;
        InputFiles.RequireRegular(path);
        var lines = InputFiles.Guarded(path, () => File.ReadAllLines(path));
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            JsonDocument row;
            try
            {
                row = JsonDocument.Parse(lines[i]);
            }
            catch (JsonException e)
            {
                if (i == lines.Length - 1) yield break;
                throw new InputException($"{path}:{i + 1}: not a JSON object ({e.Message}); the metrics file is damaged.", e);
            }
            using (row)
            {
                if (row.RootElement.ValueKind != JsonValueKind.Object || !row.RootElement.TryGetProperty("step", out var stepElement) || !stepElement.TryGetInt64(out long step))
                    throw new InputException($"{path}:{i + 1}: a metrics row needs an integer 'step'.");
                var values = row.RootElement.EnumerateObject().Where(p => p.Name != "step").Select(p => (p.Name, Value: Number(p.Value)))
                    .Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Name, p.Value!.Value)).ToList();
                yield return (step, values);
            }
        }
    }

    /// <summary>A history from the trainer's logging windows (a live run in a notebook).</summary>
    public static MetricHistory FromSteps(IEnumerable<StepMetrics> steps)
    {
        var history = new MetricHistory();
        foreach (var m in steps)
            history.Add(m.Step, new Dictionary<string, double>
            {
                ["d_loss"] = m.DLoss, ["d_loss_real"] = m.DLossReal, ["d_loss_fake"] = m.DLossFake, ["g_loss"] = m.GLoss,
                ["d_real"] = m.DReal, ["d_fake"] = m.DFake, ["images_per_sec"] = m.ImagesPerSecond,
            });
        return history;
    }

    static double? Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String when e.GetString() is "NaN" or "Infinity" or "-Infinity" =>
            double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => null,
    };
}
