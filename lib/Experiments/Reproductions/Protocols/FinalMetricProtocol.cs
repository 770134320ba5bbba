namespace GanWorkbench.Experiments;

/// <summary>
/// The value a run records itself: the last value of one metrics.jsonl column (an evaluation the run
/// does at its end, e.g. the semi-supervised GAN's <c>eval/test_error</c>, InfoGAN's <c>eval/code_acc</c>,
/// a VAE's <c>eval/test_neg_elbo</c>), scaled, one value per seed, from the first experiment (or
/// <c>experiment</c>); the same column of every other experiment is an extra.
/// </summary>
public sealed record FinalMetricProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "final_metric";
    /// <summary>The metrics.jsonl column whose last finite value each run gives (e.g. <c>eval/test_error</c>).</summary>
    public string Column { get; init; } = "eval/fid";
    /// <summary>Factor applied to the value (10000 turns an error rate into errors out of 10,000).</summary>
    public double Scale { get; init; } = 1;
    /// <summary>Further columns recorded beside it (their mean over seeds, unscaled).</summary>
    public IReadOnlyList<string> Also { get; init; } = [];
    /// <summary>The experiment whose runs give the value (empty: the reproduction's first).</summary>
    public string Experiment { get; init; } = "";

    /// <inheritdoc/>
    public override string Describe() =>
        $"the last value of `{Column}` in each run's metrics.jsonl{(Scale == 1 ? "" : $", × {Scale:G}")}" +
        (Also.Count > 0 ? $"; also {string.Join(", ", Also.Select(a => $"`{a}`"))}" : "") + ".";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (reproduction.Experiments.Count == 0) check.Fail("experiments", $"protocol '{Kind}' reads trained runs; list at least one experiment.");
        if (Experiment.Length > 0 && !reproduction.Experiments.Contains(Experiment))
            check.Fail("protocol.experiment", $"protocol.experiment '{Experiment}' is not one of this reproduction's experiments ({string.Join(", ", reproduction.Experiments)}).");
    }

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        var members = context.Of(Experiment.Length > 0 ? Experiment : context.Reproduction.Experiments[0]);
        var finals = members.Select(m => (Member: m, Metrics: m.Run().FinalMetrics)).ToList();
        double Final(IReadOnlyDictionary<string, double> metrics, string column, string run) =>
            metrics.TryGetValue(column, out var v) ? v
            : throw new InputException($"{run}: its metrics.jsonl has no '{column}'; the experiment must record it (check its eval_metrics, or the model family's own evaluation).");
        var perSeed = finals.Select(f => new SeedValue(f.Member.Seed, Final(f.Metrics, Column, f.Member.Directory) * Scale, f.Member.Directory)).ToList();
        var extras = Also.ToDictionary(a => a, a => finals.Average(f => Final(f.Metrics, a, f.Member.Directory)));
        foreach (var other in context.Reproduction.Experiments.Where(e => context.Of(e) != members && e != members[0].Experiment))
            extras[$"{other}.{Column}"] = context.Of(other).Average(m => Final(m.Run().FinalMetrics, Column, m.Directory) * Scale);
        return new ProtocolResult(perSeed, extras);
    }
}
