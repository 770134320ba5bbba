using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanWorkbench.Experiments;

/// <summary>A member as recorded in a sweep's <c>sweep.json</c>.</summary>
public sealed record SweepManifestMember(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("directory")] string Directory,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("values")] IReadOnlyDictionary<string, string> Values);

/// <summary><c>runs/sweeps/&lt;sweep&gt;/sweep.json</c>: what the last <c>./gwb sweep</c> ran, for reports.</summary>
public sealed record SweepManifest(
    [property: JsonPropertyName("sweep")] string Sweep,
    [property: JsonPropertyName("experiment")] string Experiment,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("group_by")] string GroupBy,
    [property: JsonPropertyName("quick")] bool Quick,
    [property: JsonPropertyName("overrides")] IReadOnlyList<string> Overrides,
    [property: JsonPropertyName("members")] IReadOnlyList<SweepManifestMember> Members);

/// <summary>What happened to one member in a sweep run.</summary>
public sealed record SweepMemberOutcome(SweepMember Member, string Directory, RunState State, bool Skipped, string? Reason)
{
    /// <summary>True when the member has a result: it completed, or diverged (a result too).</summary>
    public bool Finished => State is RunState.Completed or RunState.Diverged;
}

/// <summary>
/// Runs a sweep's members in this process, one after another, each in its fixed directory
/// <c>runs/sweeps/&lt;sweep&gt;/&lt;member&gt;/</c>. A member that already completed (or diverged — a result
/// too) is skipped; one that failed or was interrupted starts over; one that another live process is
/// running is left alone. <c>./gwb sweep --parallel N</c> runs the same <see cref="RunMember"/> in N processes.
/// </summary>
public static class SweepRunner
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The sweep's folder.</summary>
    public static string Root(string sweep, string? runsRoot = null) => Path.Combine(runsRoot ?? WorkbenchPaths.Runs, "sweeps", sweep);

    /// <summary>Writes <c>sweep.json</c> (atomically) and returns the sweep's folder.</summary>
    public static string WriteManifest(SweepDefinition sweep, IReadOnlyList<SweepMember> members, bool quick, IReadOnlyList<string> overrides, string? runsRoot = null)
    {
        string root = Root(sweep.Name, runsRoot);
        Directory.CreateDirectory(root);
        var manifest = new SweepManifest(sweep.Name, sweep.Experiment, sweep.Description, sweep.Metric, sweep.GroupBy, quick, overrides,
            members.Select(m => new SweepManifestMember(m.Index, m.Label, m.DirectoryName, m.Group, m.Seed, m.Values)).ToList());
        AtomicFile.WriteAllText(Path.Combine(root, "sweep.json"), JsonSerializer.Serialize(manifest, Json));
        return root;
    }

    /// <summary>Reads a sweep folder's <c>sweep.json</c>.</summary>
    public static SweepManifest ReadManifest(string root)
    {
        string path = Path.Combine(root, "sweep.json");
        if (!File.Exists(path))
            throw new InputException($"{root}: no sweep.json here, so no sweep has run in this folder; run `./gwb sweep NAME` first.");
        try
        {
            return JsonSerializer.Deserialize<SweepManifest>(File.ReadAllText(path)) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a valid sweep manifest ({e.Message}); run the sweep again to rewrite it.", e);
        }
    }

    /// <summary>Why a member needs no run now (finished, or running elsewhere), or null when it should run.
    /// A finished member whose checkpoints do not match their manifests is refused (<see cref="Checkpoints.Damaged"/>).</summary>
    public static SweepMemberOutcome? Skip(SweepMember member, string root)
    {
        string dir = Path.Combine(root, member.DirectoryName);
        if (!Directory.Exists(dir)) return null;
        using var run = RunDirectory.Open(dir);
        if (run.IsLocked()) return new SweepMemberOutcome(member, dir, RunState.Running, true, "another process is running it");
        var status = run.ReadStatus();
        if (status is not { State: RunState.Completed or RunState.Diverged }) return null;
        Checkpoints.VerifyAll(run.Path);                                        // a finished member counts only with checkpoints that verify
        return new SweepMemberOutcome(member, dir, status.State, true, status.Reason);
    }

    /// <summary>Runs one member unless <see cref="Skip"/> says otherwise. A failed or interrupted
    /// member's directory is cleared first.</summary>
    public static SweepMemberOutcome RunMember(SweepMember member, string root, RunOptions? options = null)
    {
        if (Skip(member, root) is { } skipped) return skipped;
        string dir = Path.Combine(root, member.DirectoryName);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var result = ExperimentRunner.Run(member.Spec, (options ?? new RunOptions()) with { RunDirectoryPath = dir });
        return new SweepMemberOutcome(member, dir, result.Status.State, false, result.Status.Reason);
    }

    /// <summary>The checkpoint step an interrupted member would continue from (0 without a checkpoint), or null
    /// when it must start over: no directory, not interrupted, or its config.yaml is not the member's resolved config.</summary>
    public static long? ResumableStep(SweepMember member, string root)
    {
        string dir = Path.Combine(root, member.DirectoryName);
        if (!Directory.Exists(dir)) return null;
        using var run = RunDirectory.Open(dir);
        if (run.IsLocked() || run.ReadStatus() is not { State: RunState.Interrupted }) return null;
        string config = run.File("config.yaml");
        if (!File.Exists(config) || File.ReadAllText(config) != RunDirectory.ToYaml(member.Spec with { Loss = LossFactory.Resolve(member.Spec.Loss) })) return null;
        return Checkpoints.Latest(dir)?.Step ?? 0;
    }

    /// <summary>Like <see cref="RunMember"/>, except that an interrupted member (stopped by a signal, or its process
    /// killed) continues from its last checkpoint with <see cref="ExperimentRunner.Resume"/> instead of starting
    /// over: what a requeued cluster task does. <paramref name="onResume"/> is told the step it continues from.</summary>
    public static SweepMemberOutcome ContinueMember(SweepMember member, string root, RunOptions? options = null, Action<long>? onResume = null)
    {
        if (Skip(member, root) is { } skipped) return skipped;
        if (ResumableStep(member, root) is not long step) return RunMember(member, root, options);
        onResume?.Invoke(step);
        string dir = Path.Combine(root, member.DirectoryName);
        var result = ExperimentRunner.Resume(dir, options);
        return new SweepMemberOutcome(member, dir, result.Status.State, false, result.Status.Reason);
    }
}
