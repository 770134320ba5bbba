namespace GanWorkbench.Experiments;

/// <summary>
/// Lucic et al. 2018 ("Are GANs Created Equal?"), the headline: with the same budget no loss beats the
/// non-saturating GAN consistently. Every experiment (one per loss) is trained for every seed and
/// scored by its final classifier-FID (<c>eval/fid</c>); the value is the number of losses whose mean FID
/// is below the baseline's by more than both standard deviations over seeds together
/// (mean_loss + sd_loss &lt; mean_baseline − sd_baseline). The paper's headline is 0. Each loss's mean
/// and sd are extras.
/// </summary>
public sealed record LossStudyProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "loss_study";
    /// <summary>The experiment every other one is compared with.</summary>
    public string Baseline { get; init; } = "zoo-ns";
    /// <summary>The metrics.jsonl column compared (lower is better).</summary>
    public string Column { get; init; } = "eval/fid";

    /// <inheritdoc/>
    public override string Describe() =>
        $"final `{Column}` of every experiment and seed; the number of experiments whose mean beats `{Baseline}`'s by more than both one-sd error bars.";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (!reproduction.Experiments.Contains(Baseline))
            check.Fail("protocol.baseline", $"protocol.baseline '{Baseline}' must be one of the reproduction's experiments ({string.Join(", ", reproduction.Experiments)}).");
        if (reproduction.Seeds.Count < 2) check.Fail("seeds", $"protocol '{Kind}' compares spreads over seeds; give at least two seeds.");
    }

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        var extras = new Dictionary<string, double>();
        var stats = new Dictionary<string, (double Mean, double Sd)>();
        foreach (var experiment in context.Reproduction.Experiments)
        {
            var values = context.Of(experiment).Select(m => m.Run().FinalMetrics.TryGetValue(Column, out var v) ? v : double.NaN).ToList();
            double mean = values.Average(), sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
            stats[experiment] = (mean, sd);
            extras[$"{experiment}.mean"] = mean;
            extras[$"{experiment}.sd"] = sd;
            context.Log($"{experiment}: {Column} {mean:F1} ± {sd:F1} over {values.Count} seeds");
        }
        var baseline = stats[Baseline];
        int better = stats.Count(kv => kv.Key != Baseline && kv.Value.Mean + kv.Value.Sd < baseline.Mean - baseline.Sd);
        return new ProtocolResult([new SeedValue(0, better, "")], extras);
    }
}
