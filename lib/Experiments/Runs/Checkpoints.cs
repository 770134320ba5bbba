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

/// <summary>A complete checkpoint on disk whose files were checked against its manifest
/// (<paramref name="Legacy"/>: written before manifests existed, so there was nothing to check).</summary>
public sealed record CheckpointInfo(long Step, string Path, CheckpointState State, bool Legacy = false);

/// <summary>
/// Checkpoints of a run: <c>checkpoints/step-NNNNNNNN/</c> folders holding the modules and optimisers
/// (TorchSharp's format), <c>config.yaml</c> (the resolved experiment), <c>state.json</c> (step, RNG
/// state, data position, game state) and, written last, <c>manifest.json</c> (<see cref="CheckpointManifest"/>:
/// every file's size and SHA-256). Writing is atomic: everything goes to <c>step-N.tmp/</c>, which is
/// renamed into place once complete; only then are checkpoints older than the newest <see cref="Kept"/>
/// deleted. A folder with a .tmp suffix is never read; every other one is verified against its manifest
/// before anything of it is used, and a mismatch is refused with the command that resumes from the
/// checkpoint before it.
/// </summary>
public static class Checkpoints
{
    /// <summary>How many checkpoints a run keeps: the newest, and the one before it to fall back on.</summary>
    public const int Kept = 2;
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    const string Prefix = "step-";

    /// <summary>The checkpoints folder of a run.</summary>
    public static string Folder(string runPath) => Path.Combine(runPath, "checkpoints");

    /// <summary>Writes a checkpoint: <paramref name="writeFiles"/> fills the temporary folder with the
    /// tensors; then config, state and manifest are added, the folder renamed, and older checkpoints removed.</summary>
    public static string Write(RunDirectory run, CheckpointState state, Action<string> writeFiles)
    {
        string folder = Folder(run.Path);
        Directory.CreateDirectory(folder);
        string final = Path.Combine(folder, $"{Prefix}{state.Step:D8}");
        string temp = final + ".tmp";
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        try
        {
            Directory.CreateDirectory(temp);
            writeFiles(temp);
            File.Copy(run.File("config.yaml"), Path.Combine(temp, "config.yaml"));
            File.WriteAllText(Path.Combine(temp, "state.json"), JsonSerializer.Serialize(state, Json));
            CheckpointManifest.Write(temp, state.Step, CheckpointManifest.Sha256Of(run.File("config.yaml")));   // last: marks the folder complete
        }
        catch (IOException)
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { }   // a full disk: give the space back; a .tmp folder is never read
            throw;
        }
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(temp, final);
        Prune(run.Path, state.Step);
        return final;
    }

    /// <summary>Deletes the checkpoints after <paramref name="step"/> and all but the newest
    /// <see cref="Kept"/> up to it: what an uninterrupted run holds right after its checkpoint at that step.</summary>
    public static void Prune(string runPath, long step)
    {
        var folders = Folders(runPath);
        foreach (var (_, path) in folders.Where(f => f.Step > step)) Discard(path);
        foreach (var (_, path) in folders.Where(f => f.Step <= step).SkipLast(Kept)) Discard(path);
    }

    /// <summary>The newest checkpoint of a run, verified; null when it has none.</summary>
    public static CheckpointInfo? Latest(string runPath) =>
        Folders(runPath) is { Count: > 0 } folders ? Verified(runPath, folders[^1].Step, folders[^1].Path) : null;

    /// <summary>The checkpoint of step <paramref name="step"/>, verified; refused when the run has none there.</summary>
    public static CheckpointInfo At(string runPath, long step)
    {
        var folders = Folders(runPath);
        var found = folders.FirstOrDefault(f => f.Step == step);
        if (found.Path is null)
            throw new InputException($"{Folder(runPath)}: no checkpoint of step {step}; the run has " +
                                     (folders.Count == 0 ? "none" : string.Join(", ", folders.Select(f => f.Step))) +
                                     $". Give one of them to --from-checkpoint, or 0 to start the run over: ./gwb resume {runPath} --from-checkpoint 0");
        return Verified(runPath, found.Step, found.Path);
    }

    /// <summary>Every checkpoint of the run, each verified (the first mismatch is refused).</summary>
    public static IReadOnlyList<CheckpointInfo> VerifyAll(string runPath) =>
        Folders(runPath).Select(f => Verified(runPath, f.Step, f.Path)).ToList();

    /// <summary>Removes unfinished checkpoint folders: those left by a crash while writing or deleting one (<c>.tmp</c>:
    /// <see cref="Discard"/> renames a folder before deleting it) and any without its state.json.</summary>
    public static void RemoveIncomplete(string runPath)
    {
        string folder = Folder(runPath);
        if (!Directory.Exists(folder)) return;
        foreach (var dir in Directory.GetDirectories(folder, Prefix + "*.tmp")) Directory.Delete(dir, recursive: true);
        foreach (var dir in Directory.GetDirectories(folder, Prefix + "*"))
            if (!File.Exists(Path.Combine(dir, "state.json"))) Directory.Delete(dir, recursive: true);
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

    /// <summary>The complete checkpoint folders of a run (a manifest, or a state.json for one from before
    /// manifests), oldest first; nothing in them is checked yet.</summary>
    public static List<(long Step, string Path)> Folders(string runPath)
    {
        string folder = Folder(runPath);
        var found = new List<(long, string)>();
        if (!Directory.Exists(folder)) return found;
        foreach (var dir in Directory.GetDirectories(folder, Prefix + "*"))
        {
            string name = Path.GetFileName(dir);
            if (name.EndsWith(".tmp", StringComparison.Ordinal) || !long.TryParse(name[Prefix.Length..], out long step)) continue;
            if (!File.Exists(Path.Combine(dir, CheckpointManifest.FileName)) && !File.Exists(Path.Combine(dir, "state.json"))) continue;
            found.Add((step, dir));
        }
        return found.OrderBy(f => f.Item1).ToList();
    }

    static CheckpointInfo Verified(string runPath, long step, string dir)
    {
        var manifest = CheckpointManifest.Read(dir, out string? problem);
        if (problem is not null) throw Damaged(runPath, step, problem);
        bool legacy = manifest is null;
        if (manifest is not null && manifest.Verify(dir, step) is { } mismatch) throw Damaged(runPath, step, mismatch);
        if (legacy && Folders(runPath).Any(f => f.Step < step && File.Exists(Path.Combine(f.Path, CheckpointManifest.FileName))))
            throw Damaged(runPath, step, $"{Path.Combine(dir, CheckpointManifest.FileName)}: missing, though an earlier checkpoint of the run has one");
        if (legacy)
            Warnings.Write($"{dir}: written before checkpoints had a manifest, so its files cannot be checked; it is used as it is. " +
                           "A run resumed from it writes checked checkpoints from now on.");
        string statePath = Path.Combine(dir, "state.json");
        if (!File.Exists(statePath)) throw Damaged(runPath, step, $"{statePath}: missing");
        CheckpointState? state;
        try { state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(statePath)); }
        catch (JsonException e) { throw Damaged(runPath, step, $"{statePath}: not a valid checkpoint state ({e.Message})"); }
        if (state is null || state.Step != step || state.TorchRng is null || state.Sampler is null)
            throw Damaged(runPath, step, $"{statePath}: the state says step {state?.Step}, the folder step {step}, or a field is missing");
        return new CheckpointInfo(step, dir, state, legacy);
    }

    /// <summary>The refusal of a damaged checkpoint: what is wrong and the exact command that resumes
    /// from the checkpoint before it (or starts the run over when there is none).</summary>
    public static InputException Damaged(string runPath, long step, string problem)
    {
        var earlier = Folders(runPath).Where(f => f.Step < step).Select(f => f.Step).ToList();
        string fix = earlier.Count > 0
            ? $"Resume from the checkpoint before it: ./gwb resume {runPath} --from-checkpoint {earlier[^1]}"
            : $"There is no checkpoint before it; start the run over in its directory: ./gwb resume {runPath} --from-checkpoint 0 (or start a new run with ./gwb run EXPERIMENT)";
        return new InputException($"{problem}; the checkpoint of step {step} cannot be trusted. {fix}");
    }
}
