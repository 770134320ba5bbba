using System.Globalization;
using System.Text.Json;
using GanWorkbench.Training;

namespace GanWorkbench.Experiments;

/// <summary>
/// <c>metrics.jsonl</c>: one JSON object per line. Training rows: <c>step</c>, the window's averages by
/// name (<c>d_loss</c>, <c>g_loss</c>, … or <c>loss</c>, <c>reconstruction</c>, <c>kl</c> for VAEs),
/// <c>images_per_sec</c>, <c>time</c>. Evaluation rows: <c>step</c>, <c>eval/NAME</c> values, <c>time</c>.
/// Non-finite numbers are written as strings ("NaN", "Infinity") so the line stays valid JSON.
/// </summary>
public static class MetricsLog
{
    /// <summary>The column of a training window's throughput.</summary>
    public const string ImagesPerSecond = "images_per_sec";
    /// <summary>The prefix of evaluation columns.</summary>
    public const string EvalPrefix = "eval/";

    /// <summary>The row of a training window.</summary>
    public static Dictionary<string, object> TrainingRow(StepMetrics m)
    {
        var row = new Dictionary<string, object> { ["step"] = m.Step };
        foreach (var (name, value) in m.Values) row[name] = Finite(value);
        row[ImagesPerSecond] = Math.Round(m.ImagesPerSecond, 1);
        row["time"] = DateTime.UtcNow.ToString("o");
        return row;
    }

    /// <summary>The row of an evaluation.</summary>
    public static Dictionary<string, object> EvaluationRow(EvaluationResult e)
    {
        var row = new Dictionary<string, object> { ["step"] = e.Step };
        foreach (var (name, value) in e.Values) row[EvalPrefix + name] = Finite(value);
        row["time"] = DateTime.UtcNow.ToString("o");
        return row;
    }

    /// <summary>JSON has no NaN/Infinity: write them as strings so the value stays visible.</summary>
    public static object Finite(double v) => double.IsFinite(v) ? v : v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the rows back: training windows as metrics (throughput as written) and evaluations.</summary>
    public static (List<StepMetrics> Training, List<EvaluationResult> Evaluations) Read(string path)
    {
        var training = new List<StepMetrics>();
        var evaluations = new List<EvaluationResult>();
        foreach (var (step, row) in Plotting.MetricHistory.Rows(path))
        {
            var evals = row.Where(p => p.Key.StartsWith(EvalPrefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[EvalPrefix.Length..], p => p.Value);
            if (evals.Count > 0)
            {
                evaluations.Add(new EvaluationResult(step, evals));
                continue;
            }
            double imagesPerSecond = row.Where(p => p.Key == ImagesPerSecond).Select(p => p.Value).FirstOrDefault();
            var values = row.Where(p => p.Key != ImagesPerSecond).ToDictionary(p => p.Key, p => p.Value);
            training.Add(new StepMetrics(step, values, imagesPerSecond, 0, new Dictionary<string, long>()));
        }
        return (training, evaluations);
    }

    /// <summary>Drops the rows after <paramref name="lastStep"/> (what a killed run logged past its
    /// last checkpoint), atomically.</summary>
    public static void TruncateAfter(string path, long lastStep)
    {
        if (!File.Exists(path)) return;
        InputFiles.RequireRegular(path);
        var keep = File.ReadLines(path).Where(line =>
        {
            if (string.IsNullOrWhiteSpace(line)) return false;
            try
            {
                using var json = JsonDocument.Parse(line);
                return json.RootElement.GetProperty("step").GetInt64() <= lastStep;
            }
            catch (JsonException)
            {
                return false;                                                   // a line cut short by a kill
            }
        }).ToList();
        AtomicFile.Write(path, temp => File.WriteAllLines(temp, keep));
    }
}
