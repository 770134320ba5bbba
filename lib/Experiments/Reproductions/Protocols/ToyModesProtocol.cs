using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// Mode coverage of a 2-D toy mixture (the WGAN-GP toys of Gulrajani et al. 2017, counted as in the
/// unrolled-GAN / VEEGAN papers): of <c>samples</c> generator points, a mode is covered when at least
/// one lies within 3σ of its centre, and a point is high-quality when it lies within 3σ of some centre
/// (<see cref="ToyMixtureQuality"/>). The value is the number of modes covered; the high-quality
/// fraction is an extra. For a toy without modes (the Swiss roll) the value is the energy distance
/// between the samples and as many fresh data points, with the data-to-data distance as the baseline.
/// </summary>
public sealed record ToyModesProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "toy_modes";
    /// <summary>Generator samples scored.</summary>
    public int Samples { get; init; } = 2000;
    /// <summary>Seed of the samples' noise (and of the reference data for the Swiss roll).</summary>
    public long SampleSeed { get; init; } = 17;

    /// <inheritdoc/>
    public override string Describe() =>
        $"{Samples:N0} generator samples; a mode is covered when a sample lies within 3σ of its centre, a sample is high-quality " +
        "within 3σ of some centre; for the Swiss roll, the energy distance to as many fresh data points.";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (reproduction.Experiments.Count != 1) check.Fail("experiments", $"protocol '{Kind}' scores one toy experiment; list exactly one.");
        check.AtLeast("protocol.samples", Samples, MetricsObserver.MinimumSamples);
    }

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        var perSeed = new List<SeedValue>();
        var extras = new Dictionary<string, double>();
        foreach (var member in context.Members)
        {
            var run = member.Run();
            string dataset = run.Spec.Data.Dataset;
            using var g = (GeneratorModule)run.LoadGenerator(average: run.Spec.EmaDecay > 0);
            using var noGrad = no_grad();
            using var gen = new Generator(unchecked((ulong)SampleSeed));
            using var samples = g.forward(g.SampleLatent(Samples, g.parameters().First().device, gen)).cpu();
            var modes = ToyDistributions.Modes(dataset);
            if (modes.Count > 0)
            {
                var q = ToyMixtureQuality.Evaluate(samples, modes.Select(m => new[] { m.X, m.Y }).ToList(), modes[0].Sigma);
                context.Log($"{member.Experiment} seed {member.Seed}: {q.ModesCovered}/{q.Modes} modes, {q.HighQualityFraction:P1} high-quality");
                perSeed.Add(new SeedValue(member.Seed, q.ModesCovered, member.Directory));
                Add(extras, "modes", q.Modes, context.Members.Count);
                Add(extras, "high_quality", q.HighQualityFraction, context.Members.Count);
            }
            else
            {
                manual_seed(SampleSeed);
                using var data = ToyDistributions.ReferencePoints(dataset, SampleSeed, CPU);
                using var more = ToyDistributions.ReferencePoints(dataset, SampleSeed + 1, CPU);
                double distance = EnergyDistance(samples, data), baseline = EnergyDistance(more, data);
                context.Log($"{member.Experiment} seed {member.Seed}: energy distance {distance:G3} (data to data: {baseline:G3})");
                perSeed.Add(new SeedValue(member.Seed, distance, member.Directory));
                Add(extras, "data_to_data", baseline, context.Members.Count);
            }
        }
        return new ProtocolResult(perSeed, extras);
    }

    static void Add(Dictionary<string, double> extras, string name, double value, int count) =>
        extras[name] = extras.GetValueOrDefault(name) + value / count;

    /// <summary>The energy distance 2E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖ (Székely &amp; Rizzo 2013) between two point sets.</summary>
    public static double EnergyDistance(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        double Mean(Tensor a, Tensor b) => cdist(a.to_type(ScalarType.Float64), b.to_type(ScalarType.Float64)).mean().item<double>();
        return 2 * Mean(x, y) - Mean(x, x) - Mean(y, y);
    }
}
