using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanWorkbench.Bench.Runner;

/// <summary>
/// What one worker process measures: one model at one batch size. Each runs in a fresh process so
/// that its peak resident memory belongs to that model alone and no allocator state carries over.
/// </summary>
/// <param name="Model">Benchmark model name.</param>
/// <param name="Batch">Batch size.</param>
/// <param name="Device">cpu, cuda or cuda:N.</param>
/// <param name="Threads">Intra-op threads (TorchSharp and the peer).</param>
/// <param name="Seed">Seed of models and data order.</param>
/// <param name="EpochSteps">Steps of the epoch/memory run: 0 = skip, −1 = one MNIST epoch, else that many
/// (at least an epoch's worth gives the epoch time too).</param>
/// <param name="Rounds">Alternating speed rounds (0 = skip).</param>
/// <param name="BlockSeconds">Target duration of one timed block.</param>
/// <param name="WarmupSteps">Untimed steps of each loop before calibration.</param>
/// <param name="ProbeN">SGEMM probe size per round.</param>
/// <param name="Python">Python that runs the PyTorch peer (null = no peer).</param>
/// <param name="RunsRoot">Scratch folder for the workbench's run directories.</param>
/// <param name="DataRoot">Dataset root (null = GWB_DATA or data/).</param>
/// <param name="ResultPath">Where the worker writes its <see cref="Report.ModelResult"/> as JSON.</param>
public sealed record WorkerJob(string Model, int Batch, string Device, int Threads, long Seed, int EpochSteps, int Rounds,
    double BlockSeconds, int WarmupSteps, int ProbeN, string? Python, string RunsRoot, string? DataRoot, string ResultPath);

/// <summary>The JSON settings of every file the bench writes: snake_case, indented, NaN allowed as a string.</summary>
public static class BenchJson
{
    /// <summary>Shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void WriteAtomic<T>(string path, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, JsonSerializer.Serialize(value, Options));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="WriteAtomic{T}"/>.</summary>
    public static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path}: empty JSON");
}
