using GanWorkbench.Losses;
using GanWorkbench.Metrics;
using GanWorkbench.Models;
using GanWorkbench.Runtime;
using GanWorkbench.Theory;
using GanWorkbench.Training;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// Goodfellow et al. 2014, Fig. 1, measured: a 1-D GAN (<see cref="LineGenerator"/> on z ~ U(0, 1) against
/// <see cref="LineDiscriminator"/>, non-saturating loss, Adam 1e-3 β1 0.5, batch 256) learns
/// p_data = N(1.5, 0.5²): <c>steps_before</c> alternating steps, <c>d_only</c> steps of D alone (the
/// inner loop run long, so D approaches D* = p_data/(p_data + p_g)), then alternating steps up to
/// <c>steps</c> generator steps in all. p_g is exact (the pushforward of the uniform z through the
/// piecewise-linear G), so the value — JSD(p_data ‖ p_g) at the end, in nats — is computed, not
/// estimated; at the paper's optimum it is 0. The JSD at the start, its smallest value and the largest
/// gap between C(G) and −log 4 + 2·JSD over the snapshots (Theorem 1) are extras.
/// </summary>
public sealed record LineGanProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "line_gan";
    /// <summary>Generator steps in all.</summary>
    public int Steps { get; init; } = 6000;
    /// <summary>Alternating steps before the D-only phase.</summary>
    public int StepsBefore { get; init; } = 600;
    /// <summary>Discriminator steps with G frozen.</summary>
    public int DOnly { get; init; } = 1000;
    /// <summary>Generator steps between snapshots.</summary>
    public int Every { get; init; } = 100;

    /// <inheritdoc/>
    public override bool TrainsRuns => false;

    /// <inheritdoc/>
    public override string Describe() =>
        $"a 1-D GAN on N(1.5, 0.5²), {StepsBefore} alternating steps, {DOnly} D-only steps, then alternating to {Steps} generator steps; " +
        "the exact JSD(p_data ‖ p_g) at the end (p_g is the exact pushforward of z ~ U(0, 1)).";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (reproduction.Experiments.Count != 0) check.Fail("experiments", $"protocol '{Kind}' trains its own 1-D GAN; leave experiments empty.");
        check.Positive("protocol.steps", Steps);
        check.NonNegative("protocol.steps_before", StepsBefore);
        check.NonNegative("protocol.d_only", DOnly);
        check.Positive("protocol.every", Every);
        if (StepsBefore > Steps) check.Fail("protocol.steps_before", $"protocol.steps_before ({StepsBefore}) must not exceed protocol.steps ({Steps}).");
    }

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        var perSeed = new List<SeedValue>();
        var extras = new Dictionary<string, double>();
        int threads = get_num_threads();
        try
        {
            set_num_threads(1);                                                 // tiny networks: one thread is faster
            foreach (long seed in context.Reproduction.Seeds)
            {
                var snapshots = Train(seed);
                double start = snapshots[0].Jsd, end = snapshots[^1].Jsd;
                context.Log($"1-D GAN seed {seed}: JSD {start:F3} → {end:F3} nats after {Steps} generator steps");
                perSeed.Add(new SeedValue(seed, end, ""));
                Mean(extras, "jsd_at_start", start, context.Reproduction.Seeds.Count);
                Mean(extras, "jsd_smallest", snapshots.Min(s => s.Jsd), context.Reproduction.Seeds.Count);
                extras["criterion_gap_largest"] = Math.Max(extras.GetValueOrDefault("criterion_gap_largest"),
                    snapshots.Max(s => Math.Abs(s.VirtualCriterion - s.CriterionFromJsd)));
            }
        }
        finally
        {
            set_num_threads(threads);
        }
        return new ProtocolResult(perSeed, extras);
    }

    static void Mean(Dictionary<string, double> extras, string name, double value, int count) =>
        extras[name] = extras.GetValueOrDefault(name) + value / count;

    List<LineGanSnapshot> Train(long seed)
    {
        const int batch = 256;
        var data = Density1D.Gaussian(1.5, 0.5);
        Compute.SeedTorch(seed);
        using var g = new LineGenerator(width: 16);
        using var d = new LineDiscriminator(width: 32);
        using var optG = optim.Adam(g.parameters(), 1e-3, beta1: 0.5);
        using var optD = optim.Adam(d.parameters(), 1e-3, beta1: 0.5);
        using var trainer = AdversarialTrainer.Create(g, d, new NonSaturatingLoss(), UpdateSchedule.Alternating(), optG, optD,
            () => randn(batch, 1).mul(0.5).add(1.5), batch);
        var snapshots = new List<LineGanSnapshot>();
        LineGanSnapshot Snap() => LineGanSnapshot.Capture(trainer.StepCount, g, d, data, -1.5, 4);
        snapshots.Add(Snap());
        void Alternate(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                trainer.Step();
                if (trainer.StepCount % Every == 0) snapshots.Add(Snap());
            }
        }
        Alternate(StepsBefore);
        for (int i = 0; i < DOnly; i++) trainer.StepDiscriminator();
        snapshots.Add(Snap());
        Alternate(Steps - StepsBefore);
        snapshots.Add(Snap());
        return snapshots;
    }
}
