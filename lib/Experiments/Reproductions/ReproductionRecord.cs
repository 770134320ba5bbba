using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanWorkbench.Experiments;

/// <summary>A seed's value in a record, and the run directory it came from (relative to the repository root when inside it).</summary>
public sealed record RecordedSeed(long Seed, double Value, string Run);

/// <summary>
/// The result of one reproduction at one budget, as <c>./gwb reproduce</c> writes it to
/// <c>reproductions/results/NAME.json</c>: the paper's number beside the measured one, the error bars of
/// both and what they are, how the value was measured and on what, and the command that reproduces it.
/// </summary>
public sealed record ReproductionRecord
{
    /// <summary>The reproduction.</summary>
    public string Name { get; init; } = "";
    /// <summary>Authors, year and title.</summary>
    public string Paper { get; init; } = "";
    /// <summary>The table or figure.</summary>
    public string Target { get; init; } = "";
    /// <summary>What is measured.</summary>
    public string Metric { get; init; } = "";
    /// <summary>The paper's value, or null (a figure).</summary>
    public double? PaperValue { get; init; }
    /// <summary>The paper's error bar, or null.</summary>
    public double? PaperError { get; init; }
    /// <summary>What the paper's error bar is.</summary>
    public string PaperErrorKind { get; init; } = "";
    /// <summary>The measured value (mean over seeds).</summary>
    public double Value { get; init; }
    /// <summary>Its error bar, or null.</summary>
    public double? Error { get; init; }
    /// <summary>What that error bar is (sd over seeds, a standard error over test examples, …).</summary>
    public string ErrorKind { get; init; } = "";
    /// <summary>The unit.</summary>
    public string Unit { get; init; } = "";
    /// <summary>Which direction is better.</summary>
    public Better Better { get; init; }
    /// <summary>The goal of the reproduction, or null.</summary>
    public double? Goal { get; init; }
    /// <summary>Whether the value is on the better side of the goal (null without a goal).</summary>
    public bool? GoalMet { get; init; }
    /// <summary>(value − paper value) over the two error bars combined in quadrature, or null.</summary>
    public double? GapInErrorBars { get; init; }
    /// <summary>Seeds trained.</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [];
    /// <summary>Each seed's value and run.</summary>
    public IReadOnlyList<RecordedSeed> PerSeed { get; init; } = [];
    /// <summary>Further measured values by name.</summary>
    public IReadOnlyDictionary<string, double> Extras { get; init; } = new Dictionary<string, double>();
    /// <summary>The budget it was measured with.</summary>
    public ReproductionBudget Budget { get; init; }
    /// <summary>The command that produced the record.</summary>
    public string Command { get; init; } = "";
    /// <summary>The workbench's commit (with "-dirty" when the tree had uncommitted changes).</summary>
    public string Commit { get; init; } = "";
    /// <summary>CPU (and GPU) model and cores.</summary>
    public string Hardware { get; init; } = "";
    /// <summary>CPU threads each training process used.</summary>
    public int Threads { get; init; }
    /// <summary>Where the models trained and were evaluated.</summary>
    public string Device { get; init; } = "";
    /// <summary>Training plus evaluation wall time, seconds.</summary>
    public double WallS { get; init; }
    /// <summary>Training wall time summed over the runs (the runs' own status.json), seconds.</summary>
    public double TrainWallS { get; init; }
    /// <summary>Evaluation wall time, seconds.</summary>
    public double EvalWallS { get; init; }
    /// <summary>When the record was written (UTC, ISO 8601).</summary>
    public string Date { get; init; } = "";
    /// <summary>The experiments trained.</summary>
    public IReadOnlyList<string> Experiments { get; init; } = [];
    /// <summary>The protocol, in words.</summary>
    public string Protocol { get; init; } = "";
    /// <summary>The <c>--set</c> overrides of the budget.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];
    /// <summary>The wall-time window the budget is sized for.</summary>
    public string Window { get; init; } = "";
    /// <summary>Every difference from the paper's setup.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];
    /// <summary>What was tried and what remains.</summary>
    public string Notes { get; init; } = "";

    /// <summary>How records are written: indented, snake_case keys.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Writes the record atomically (a temporary file renamed into place).</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <summary>Reads a record; a damaged file is an <see cref="InputException"/> saying how to rewrite it.</summary>
    public static ReproductionRecord Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ReproductionRecord>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a reproduction record ({e.Message}); rewrite it with `./gwb reproduce {System.IO.Path.GetFileNameWithoutExtension(path)} --budget cpu`.", e);
        }
    }
}
