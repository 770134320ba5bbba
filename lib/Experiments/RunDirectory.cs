using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GanWorkbench.Experiments;

/// <summary>The state of a run, as written to <c>status.json</c>.</summary>
public sealed record RunStatus(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("total_steps")] long TotalSteps,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("started_utc")] DateTime StartedUtc,
    [property: JsonPropertyName("updated_utc")] DateTime UpdatedUtc,
    [property: JsonPropertyName("pid")] int Pid);

/// <summary>
/// A run directory: <c>runs/&lt;experiment&gt;/&lt;UTC time&gt;-s&lt;seed&gt;/</c> with <c>config.yaml</c>
/// (the fully resolved experiment), <c>status.json</c>, <c>metrics.jsonl</c> and <c>samples/</c>.
/// Every file is written atomically (temporary file + rename) except the append-only metrics log.
/// </summary>
public sealed partial class RunDirectory
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Absolute path of the run directory.</summary>
    public string Path { get; }

    RunDirectory(string path) { Path = path; }

    /// <summary>Opens an existing run directory.</summary>
    public static RunDirectory Open(string path) =>
        Directory.Exists(path) ? new RunDirectory(System.IO.Path.GetFullPath(path))
        : throw new InputException($"{path}: no such run directory.");

    /// <summary>Creates a fresh, never-shared run directory for an experiment.</summary>
    public static RunDirectory Create(string experiment, long seed, string? runsRoot = null, DateTime? nowUtc = null)
    {
        if (!SafeName().IsMatch(experiment))
            throw new InputException($"experiment name '{experiment}' cannot name a run directory: use letters, digits, '-', '_' and '.', starting with a letter or digit.");
        string parent = System.IO.Path.Combine(runsRoot ?? WorkbenchPaths.Runs, experiment);
        Directory.CreateDirectory(parent);
        string stem = (nowUtc ?? DateTime.UtcNow).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + $"-s{seed}";
        for (int attempt = 0; ; attempt++)
        {
            string path = System.IO.Path.Combine(parent, attempt == 0 ? stem : $"{stem}-{attempt + 1}");
            // A claim file created with CreateNew is atomic: two processes never get the same directory.
            if (Directory.Exists(path)) continue;
            try
            {
                using (new FileStream(path + ".claim", FileMode.CreateNew)) { }
            }
            catch (IOException)
            {
                continue;
            }
            bool taken = Directory.Exists(path);
            if (!taken) Directory.CreateDirectory(path);
            System.IO.File.Delete(path + ".claim");
            if (taken) continue;
            return new RunDirectory(path);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();

    /// <summary>Path of a file inside the run.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Where the sample grid of a step goes.</summary>
    public string SamplePath(long step) => File(System.IO.Path.Combine("samples", $"step-{step:D6}.png"));

    /// <summary>Writes <c>config.yaml</c>: the resolved experiment, every field explicit.</summary>
    public void WriteConfig(ExperimentSpec spec) => WriteAtomic("config.yaml", ToYaml(spec));

    /// <summary>Serialises an experiment to YAML with snake_case keys (the schema's own form).</summary>
    public static string ToYaml(ExperimentSpec spec) =>
        new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).DisableAliases().Build().Serialize(spec);

    /// <summary>Writes <c>status.json</c>.</summary>
    public void WriteStatus(RunStatus status) => WriteAtomic("status.json", JsonSerializer.Serialize(status, Json));

    /// <summary>Reads <c>status.json</c>, or null when absent.</summary>
    public RunStatus? ReadStatus() =>
        System.IO.File.Exists(File("status.json")) ? JsonSerializer.Deserialize<RunStatus>(System.IO.File.ReadAllText(File("status.json"))) : null;

    /// <summary>Appends one JSON object as a line of <c>metrics.jsonl</c>.</summary>
    public void AppendMetrics(IReadOnlyDictionary<string, object> row)
    {
        using var stream = new FileStream(File("metrics.jsonl"), FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(JsonSerializer.Serialize(row));
    }

    /// <summary>Writes a file atomically (temporary file in the same folder + rename).</summary>
    public void WriteAtomic(string name, string content)
    {
        string target = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        string temp = target + ".tmp";
        System.IO.File.WriteAllText(temp, content);
        System.IO.File.Move(temp, target, overwrite: true);
    }
}
