using GanWorkbench.Metrics;

namespace GanWorkbench.Experiments;

/// <summary>
/// The workbench's image metrics (<see cref="ImageMetricSuite"/>: classifier-FID, MNIST score, improved
/// precision/recall, class coverage) of <c>samples</c> images from each experiment's runs, against the
/// reference half of the test set. The value is <c>metric</c> of the first experiment; every metric of
/// every experiment (prefixed by its name) and of held-out real test digits are extras.
/// </summary>
public sealed record ImageMetricsProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "image_metrics";
    /// <summary>The metric that is the value (a name <see cref="ImageMetricSuite.Evaluate"/> returns, e.g. <c>fid</c>).</summary>
    public string Metric { get; init; } = "fid";
    /// <summary>Images drawn per run.</summary>
    public int Samples { get; init; } = 5000;
    /// <summary>Seed of the samples' noise.</summary>
    public long SampleSeed { get; init; } = 11;

    /// <inheritdoc/>
    public override string Describe() =>
        $"classifier-FID, MNIST score, precision/recall and class coverage of {Samples:N0} samples per run against 5,000 test digits " +
        $"(the workbench's LeNet features); the value is `{Metric}` of the first experiment.";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (reproduction.Experiments.Count == 0) check.Fail("experiments", $"protocol '{Kind}' scores trained runs; list at least one experiment.");
        check.AtLeast("protocol.samples", Samples, MetricsObserver.MinimumSamples);
    }

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        var dataset = context.Members[0].Spec.Data.Dataset;
        using var suite = ImageMetricSuite.ForDataset(dataset, context.Device, ImageMetricSuite.KnownMetrics, dataRoot: context.DataRoot, log: context.Log);
        var extras = new Dictionary<string, double>();
        var perSeed = new List<SeedValue>();
        foreach (var experiment in context.Reproduction.Experiments)
        {
            var members = context.Of(experiment);
            foreach (var member in members)
            {
                var (images, scale) = TrainedSamples.Draw(member.Run(), Samples, SampleSeed + member.Seed);
                using (images)
                {
                    var values = suite.Evaluate(images, scale);
                    context.Log($"{experiment} seed {member.Seed}: {string.Join(", ", values.Select(kv => $"{kv.Key} {kv.Value:G4}"))}");
                    foreach (var (name, value) in values) extras[$"{experiment}.{name}"] = extras.GetValueOrDefault($"{experiment}.{name}") + value / members.Count;
                    if (experiment == context.Reproduction.Experiments[0])
                        perSeed.Add(new SeedValue(member.Seed, values.TryGetValue(Metric, out var v) ? v
                            : throw new InputException($"protocol.metric '{Metric}' is not an image metric; expected one of {string.Join(", ", values.Keys)}."), member.Directory));
                }
            }
        }
        return new ProtocolResult(perSeed, extras);
    }
}
