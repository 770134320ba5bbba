using System.Text.Json;
using System.Text.Json.Serialization;
using GanWorkbench.Data;

namespace GanWorkbench.Experiments;

/// <summary>The small state of a checkpoint (state.json); tensors live in .pt files next to it.</summary>
/// <param name="Step">Training steps done.</param>
/// <param name="TorchRng">torch's global generator state, base64.</param>
/// <param name="Sampler">Where the real-data source is.</param>
/// <param name="Extra">Model-family state (e.g. BEGAN's k_t, the labelled sampler of the semi-supervised GAN).</param>
/// <param name="SavedUtc">When it was written.</param>
public sealed record CheckpointState(
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("torch_rng")] string TorchRng,
    [property: JsonPropertyName("sampler")] SamplerPosition Sampler,
    [property: JsonPropertyName("extra")] IReadOnlyDictionary<string, double> Extra,
    [property: JsonPropertyName("saved_utc")] DateTime SavedUtc);

/// <summary>A complete checkpoint on disk.</summary>
public sealed record CheckpointInfo(long Step, string Path, CheckpointState State);

/// <summary>
/// Checkpoints of a run: <c>checkpoints/step-NNNNNNNN/</c> folders holding the modules and optimisers
/// (TorchSharp's format), <c>config.yaml</c> (the resolved experiment) and <c>state.json</c> (step, RNG
/// state, data position, game state). Writing is atomic: everything goes to <c>step-N.tmp/</c>, which is
/// renamed into place once complete; only then is the previous checkpoint deleted. A folder without
/// state.json or with a .tmp suffix is never read.
/// </summary>
public static class Checkpoints
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    const string Prefix = "step-";

    /// <summary>The checkpoints folder of a run.</summary>
    public static string Folder(string runPath) => Path.Combine(runPath, "checkpoints");

    /// <summary>Writes a checkpoint: <paramref name="writeFiles"/> fills the temporary folder with the
    /// tensors; then config and state are added, the folder renamed, and older checkpoints removed.</summary>
    public static string Write(RunDirectory run, CheckpointState state, Action<string> writeFiles)
    {
        string folder = Folder(run.Path);
        Directory.CreateDirectory(folder);
        string final = Path.Combine(folder, $"{Prefix}{state.Step:D8}");
        string temp = final + ".tmp";
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        Directory.CreateDirectory(temp);
        writeFiles(temp);
        File.Copy(run.File("config.yaml"), Path.Combine(temp, "config.yaml"));
        File.WriteAllText(Path.Combine(temp, "state.json"), JsonSerializer.Serialize(state, Json));   // last: marks the folder complete
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(temp, final);
        foreach (var older in Complete(run.Path).Where(c => c.Step != state.Step)) Discard(older.Path);
        return final;
    }

    /// <summary>The newest complete checkpoint of a run, or null.</summary>
    public static CheckpointInfo? Latest(string runPath) => Complete(runPath).MaxBy(c => c.Step);

    /// <summary>Removes unfinished checkpoint folders: those left by a crash while writing (<c>.tmp</c>) and
    /// those a crash left half-deleted (renamed to <c>.tmp</c> before deletion, without state.json, or older than the
    /// latest: <see cref="Write"/> keeps one).</summary>
    public static void RemoveIncomplete(string runPath)
    {
        string folder = Folder(runPath);
        if (!Directory.Exists(folder)) return;
        foreach (var dir in Directory.GetDirectories(folder, Prefix + "*.tmp")) Directory.Delete(dir, recursive: true);
        foreach (var dir in Directory.GetDirectories(folder, Prefix + "*"))
            if (!File.Exists(Path.Combine(dir, "state.json"))) Directory.Delete(dir, recursive: true);
        var complete = Complete(runPath);
        long latest = complete.Count > 0 ? complete.Max(c => c.Step) : -1;
        foreach (var older in complete.Where(c => c.Step != latest)) Discard(older.Path);
    }

    /// <summary>Deletes a checkpoint so that a kill part-way leaves nothing a resume could read: the folder is first
    /// renamed to a <c>.tmp</c> name (atomic), which <see cref="RemoveIncomplete"/> removes.</summary>
    static void Discard(string path)
    {
        string doomed = path + ".tmp";
        if (Directory.Exists(doomed)) Directory.Delete(doomed, recursive: true);
        Directory.Move(path, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    static List<CheckpointInfo> Complete(string runPath)
    {
        string folder = Folder(runPath);
        var found = new List<CheckpointInfo>();
        if (!Directory.Exists(folder)) return found;
        foreach (var dir in Directory.GetDirectories(folder, Prefix + "*"))
        {
            string name = Path.GetFileName(dir);
            if (name.EndsWith(".tmp", StringComparison.Ordinal) || !long.TryParse(name[Prefix.Length..], out long step)) continue;
            string statePath = Path.Combine(dir, "state.json");
            if (!File.Exists(statePath)) continue;
            CheckpointState? state;
            try { state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(statePath)); }
            catch (JsonException e) { throw new InputException($"{statePath}: not a valid checkpoint state ({e.Message}). Delete {dir} to resume from an earlier checkpoint.", e); }
            if (state is null || state.Step != step)
                throw new InputException($"{statePath}: the state says step {state?.Step}, the folder step {step}. Delete {dir} to resume from an earlier checkpoint.");
            found.Add(new CheckpointInfo(step, dir, state));
        }
        return found;
    }
}
