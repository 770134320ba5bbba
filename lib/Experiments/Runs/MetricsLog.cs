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
    /// <summary>The row of a training window.</summary>
    public static Dictionary<string, object> TrainingRow(StepMetrics m)
    {
        var row = new Dictionary<string, object> { ["step"] = m.Step };
        foreach (var (name, value) in m.Values) row[name] = Finite(value);
        row["images_per_sec"] = Math.Round(m.ImagesPerSecond, 1);
        row["time"] = DateTime.UtcNow.ToString("o");
        return row;
    }

    /// <summary>The row of an evaluation.</summary>
    public static Dictionary<string, object> EvaluationRow(EvaluationResult e)
    {
        var row = new Dictionary<string, object> { ["step"] = e.Step };
        foreach (var (name, value) in e.Values) row["eval/" + name] = Finite(value);
        row["time"] = DateTime.UtcNow.ToString("o");
        return row;
    }

    /// <summary>JSON has no NaN/Infinity: write them as strings so the value stays visible.</summary>
    public static object Finite(double v) => double.IsFinite(v) ? v : v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the training rows back as metrics (times and throughput as written).</summary>
    public static (List<StepMetrics> Training, List<EvaluationResult> Evaluations) Read(string path)
    {
        var training = new List<StepMetrics>();
        var evaluations = new List<EvaluationResult>();
        if (!File.Exists(path)) return (training, evaluations);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            long step = json.RootElement.GetProperty("step").GetInt64();
            var values = new Dictionary<string, double>();
            var evals = new Dictionary<string, double>();
            double imagesPerSecond = 0;
            foreach (var p in json.RootElement.EnumerateObject())
            {
                if (p.Name is "step" or "time") continue;
                double v = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble()
                    : double.Parse(p.Value.GetString() ?? "NaN", CultureInfo.InvariantCulture);
                if (p.Name == "images_per_sec") imagesPerSecond = v;
                else if (p.Name.StartsWith("eval/", StringComparison.Ordinal)) evals[p.Name[5..]] = v;
                else values[p.Name] = v;
            }
            if (evals.Count > 0) evaluations.Add(new EvaluationResult(step, evals));
            else training.Add(new StepMetrics(step, values, imagesPerSecond, 0, new Dictionary<string, long>()));
        }
        return (training, evaluations);
    }

    /// <summary>Drops the rows after <paramref name="lastStep"/> (what a killed run logged past its
    /// last checkpoint), atomically.</summary>
    public static void TruncateAfter(string path, long lastStep)
    {
        if (!File.Exists(path)) return;
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
        string temp = path + ".tmp";
        File.WriteAllLines(temp, keep);
        File.Move(temp, path, overwrite: true);
    }
}
