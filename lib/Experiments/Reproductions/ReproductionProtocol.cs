using GanWorkbench.Runtime;
using TorchSharp;

namespace GanWorkbench.Experiments;

/// <summary>
/// How a reproduction turns its trained runs into the paper's number (<c>protocol:</c> in
/// reproductions.yaml, chosen by <c>kind</c>). Each protocol is a record of its settings, bound from YAML
/// like an experiment's fields, that evaluates the members and returns one value per seed.
/// </summary>
public abstract record ProtocolSpec : IChosenRecord
{
    /// <summary>The protocol's <c>kind</c>.</summary>
    public abstract string Kind { get; }

    /// <inheritdoc/>
    string IChosenRecord.ChoiceName => Kind;

    /// <summary>One or two sentences saying exactly what is measured, for the record and the docs.</summary>
    public abstract string Describe();

    /// <summary>Whether the members' runs are trained (a protocol that trains its own models, or an exact
    /// one, only reads the experiments' settings).</summary>
    public virtual bool TrainsRuns => true;

    /// <summary>Checks the settings against the reproduction (e.g. how many experiments it needs).</summary>
    public virtual void Validate(ReproductionSpec reproduction, FieldCheck check) { }

    /// <summary>Evaluates the trained members.</summary>
    public abstract ProtocolResult Evaluate(ReproductionContext context);
}

/// <summary>The protocols reproductions.yaml may name.</summary>
public static class ReproductionProtocols
{
    /// <summary>One default instance of each protocol, by kind.</summary>
    public static IReadOnlyList<ProtocolSpec> All { get; } =
    [
        new FinalMetricProtocol(), new ParzenProtocol(), new ImportanceNllProtocol(), new ToyModesProtocol(),
        new ImageMetricsProtocol(), new LabelAgreementProtocol(), new DiracEigenvaluesProtocol(), new LossStudyProtocol(),
        new FewLabelProtocol(), new LineGanProtocol(),
    ];
}

/// <summary>One trained run of a reproduction: an experiment at a seed.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Seed">Its seed.</param>
/// <param name="Spec">The resolved experiment (with the budget's overrides).</param>
/// <param name="Directory">Its run directory (this reproduction's own, or a finished run with the same config).</param>
public sealed record ReproductionMember(string Experiment, long Seed, ExperimentSpec Spec, string Directory)
{
    /// <summary>The finished run, read back from its directory.</summary>
    public RunResult Run() => RunResult.Open(Directory);
}

/// <summary>What a protocol evaluates: the members, the budget, where data lives, a log.</summary>
public sealed class ReproductionContext(ReproductionSpec reproduction, ReproductionBudget budget, IReadOnlyList<ReproductionMember> members,
    string? dataRoot, Action<string> log)
{
    /// <summary>The resolved reproduction.</summary>
    public ReproductionSpec Reproduction => reproduction;
    /// <summary>The budget.</summary>
    public ReproductionBudget Budget => budget;
    /// <summary>Every trained member, experiment by experiment, seed by seed.</summary>
    public IReadOnlyList<ReproductionMember> Members => members;
    /// <summary>Where datasets are (null: data/).</summary>
    public string? DataRoot => dataRoot;
    /// <summary>Progress lines.</summary>
    public Action<string> Log => log;
    /// <summary>Where evaluation tensors live (CPU unless GWB_DEVICE asks for a GPU).</summary>
    public torch.Device Device { get; } = Compute.ResolveDevice(Compute.Requested(DeviceChoice.Auto));

    /// <summary>The members of one experiment, by seed.</summary>
    public IReadOnlyList<ReproductionMember> Of(string experiment) => members.Where(m => m.Experiment == experiment).ToList();
}

/// <summary>A measured value of one seed, and the run it came from.</summary>
public sealed record SeedValue(long Seed, double Value, string Run);

/// <summary>
/// A protocol's result: one value per seed (their mean is the reproduction's value, their sample
/// standard deviation its error when there are two or more), a run-level error bar for a single seed
/// where the protocol has one (e.g. the Parzen estimate's standard error over test digits), and named
/// extra values for the record.
/// </summary>
public sealed record ProtocolResult(IReadOnlyList<SeedValue> PerSeed, IReadOnlyDictionary<string, double> Extras,
    double? RunError = null, string? RunErrorKind = null)
{
    /// <summary>The mean over seeds.</summary>
    public double Value => PerSeed.Average(v => v.Value);

    /// <summary>The error bar and what it is.</summary>
    public (double? Error, string Kind) ErrorBar => PerSeed.Count >= 2
        ? (Math.Sqrt(PerSeed.Sum(v => (v.Value - Value) * (v.Value - Value)) / (PerSeed.Count - 1)), $"sd over {PerSeed.Count} seeds")
        : (RunError, RunErrorKind ?? "none (one run)");
}
