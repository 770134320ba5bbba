using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanWorkbench.Experiments;

/// <summary>
/// <c>compute.json</c> of a run: the CPU threads torch trained with and the oneDNN ISA cap of the process, as in
/// effect (after GWB_THREADS and the core count were applied), written when a run starts. On the CPU a run's
/// numbers depend on both, so a resume uses the recorded threads (<see cref="ResumeThreads"/>) and says so
/// when it cannot, or when the cap differs.
/// </summary>
public sealed record RunCompute(
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("onednn_isa")] string OneDnnIsa)
{
    /// <summary>The file's name in a run directory.</summary>
    public const string FileName = "compute.json";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the record into the run.</summary>
    public void Write(RunDirectory run) => run.WriteAtomic(FileName, JsonSerializer.Serialize(this, Json));

    /// <summary>The run's record, or null for a run from before it was written; a damaged one is an error with the fix.</summary>
    public static RunCompute? Read(RunDirectory run)
    {
        string path = run.File(FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<RunCompute>(InputFiles.ReadAllText(path, 1 << 16)) is { Threads: > 0 } record ? record
                : throw new JsonException("threads must be a positive integer");
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a valid compute record ({e.Message}). Delete it to resume on this machine's default threads " +
                                     "(the rest of the run may then differ from an uninterrupted one).", e);
        }
    }

    /// <summary>
    /// The threads a resume trains with, and the warnings to print: the config's own <c>threads</c> when it sets
    /// one (at most <paramref name="cores"/>, with a warning); else the recorded threads when they fit the machine's <paramref name="cores"/> (a GWB_THREADS that asks
    /// otherwise is overruled, with a note); else this machine's choice, with a warning that bit-identity is lost.
    /// A different oneDNN cap (<paramref name="isa"/>) is warned about too: it is fixed when the process starts.
    /// <paramref name="env"/> is GWB_THREADS.
    /// </summary>
    public static (int Threads, IReadOnlyList<string> Warnings) ResumeThreads(RunCompute? recorded, int configured, int cores, string isa, string? env)
    {
        var warnings = new List<string>();
        int fresh = configured > 0 ? configured : int.TryParse(env, out int t) && t > 0 ? t : cores;
        if (configured > cores)
        {
            warnings.Add($"its config sets threads: {configured}, more than the {cores} cores of this machine; it resumes on {cores}, " +
                         "so the rest of the run will not be bit for bit what an uninterrupted run computes.");
            return (cores, warnings);
        }
        if (recorded is null)
            return (configured, warnings);
        if (recorded.OneDnnIsa != isa)
            warnings.Add($"the run began under the oneDNN cap {recorded.OneDnnIsa} and resumes under {isa}: the rest of the run will not be bit for bit " +
                         $"what an uninterrupted run computes. Resume with GWB_ONEDNN_ISA={recorded.OneDnnIsa} to keep it.");
        if (configured > 0 && configured != recorded.Threads)
        {
            warnings.Add($"the run began on {recorded.Threads} threads and resumes on {configured} (its config sets threads): the rest of the run will not be bit for bit " +
                         "what an uninterrupted run computes.");
            return (configured, warnings);
        }
        if (recorded.Threads > cores)
        {
            warnings.Add($"the run began on {recorded.Threads} threads, more than the {cores} cores of this machine; it resumes on {fresh}, " +
                         "so the rest of the run will not be bit for bit what an uninterrupted run computes.");
            return (fresh, warnings);
        }
        if (fresh != recorded.Threads)
            warnings.Add($"resuming on {recorded.Threads} thread{(recorded.Threads == 1 ? "" : "s")}, as the run began (not {fresh}), so that it continues bit for bit.");
        return (recorded.Threads, warnings);
    }
}
