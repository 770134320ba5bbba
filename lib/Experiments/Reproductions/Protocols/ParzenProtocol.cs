using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// Goodfellow et al. 2014, Table 1: the Parzen-window log-likelihood of the MNIST test digits under
/// <c>samples</c> generator samples (pixels in [0, 1]), the bandwidth chosen from <c>sigmas</c> by the
/// mean log-likelihood of <c>validation_count</c> training images from <c>validation_start</c> on (the
/// authors' parzen_ll.py: train[50,000:51,000]), reported on the first <c>test_count</c> test digits with
/// its standard error over them (<see cref="ParzenWindow"/>).
/// </summary>
public sealed record ParzenProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "parzen";
    /// <summary>Generator samples the window is centred on.</summary>
    public int Samples { get; init; } = 10_000;
    /// <summary>First training image of the validation set that chooses σ.</summary>
    public int ValidationStart { get; init; } = 50_000;
    /// <summary>Validation images.</summary>
    public int ValidationCount { get; init; } = 1_000;
    /// <summary>Test digits scored.</summary>
    public int TestCount { get; init; } = 10_000;
    /// <summary>Candidate bandwidths (empty: the original's 10 values log-spaced from 0.1 to 1).</summary>
    public IReadOnlyList<double> Sigmas { get; init; } = [];
    /// <summary>Seed of the samples' noise.</summary>
    public long SampleSeed { get; init; } = 2014;

    /// <inheritdoc/>
    public override string Describe() =>
        $"{Samples:N0} samples of G (pixels in [0, 1]) as Parzen centres; σ from {(Sigmas.Count == 0 ? "10 values log-spaced in [0.1, 1]" : string.Join(", ", Sigmas))} " +
        $"by the mean log-likelihood of training images {ValidationStart:N0}–{ValidationStart + ValidationCount - 1:N0}; " +
        $"mean log-likelihood of the first {TestCount:N0} test digits, ± its standard error over them.";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (reproduction.Experiments.Count != 1) check.Fail("experiments", $"protocol '{Kind}' scores one GAN experiment; list exactly one.");
        check.Positive("protocol.samples", Samples);
        check.NonNegative("protocol.validation_start", ValidationStart);
        check.Positive("protocol.validation_count", ValidationCount);
        check.Positive("protocol.test_count", TestCount);
        if (Sigmas.Any(s => !(s > 0))) check.Fail("protocol.sigmas", "protocol.sigmas must all be positive.");
    }

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        var device = context.Device;
        using var train = ImageDataset.Load("mnist", "train", device, PixelScale.ZeroOne, context.DataRoot);
        using var test = ImageDataset.Load("mnist", "test", device, PixelScale.ZeroOne, context.DataRoot);
        using var validation = train.Images.narrow(0, ValidationStart, ValidationCount).flatten(1);
        using var testImages = test.Images.narrow(0, 0, Math.Min(TestCount, test.Count)).flatten(1);
        var perSeed = new List<SeedValue>();
        double sigma = 0, error = 0, distance = 0;
        foreach (var member in context.Members)
        {
            using var samples = Sample(member, device);
            var result = ParzenWindow.Evaluate(samples, validation, testImages, Sigmas.Count == 0 ? null : Sigmas);
            context.Log($"{member.Experiment} seed {member.Seed}: Parzen {result.MeanLogLikelihood:F1} ± {result.StandardError:F1} nats (σ = {result.Sigma:G4})");
            perSeed.Add(new SeedValue(member.Seed, result.MeanLogLikelihood, member.Directory));
            sigma += result.Sigma / context.Members.Count;
            error = result.StandardError;
            using var probe = samples.narrow(0, 0, Math.Min(1000, Samples)).view(-1, 1, 28, 28);
            distance += NearestTrainingNeighbour.Find(probe, train.Images.narrow(0, 0, ValidationStart)).Average(m => m.Distance) / context.Members.Count;
        }
        return new ProtocolResult(perSeed, new Dictionary<string, double> { ["sigma"] = sigma, ["nearest_training_distance"] = distance },
            error, "standard error over test digits");
    }

    // Samples of the run's generator, flattened, in [0, 1], from a noise generator of their own.
    Tensor Sample(ReproductionMember member, Device device)
    {
        var run = member.Run();
        using var g = run.LoadGenerator(average: run.Spec.EmaDecay > 0);
        var family = (GanFamily)ModelFamilies.Of(run.Spec.Model);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var latent = g is GeneratorModule gm ? gm : throw new InputException($"{member.Directory}: protocol '{Kind}' needs an unconditional generator.");
        using var gen = new torch.Generator(unchecked((ulong)SampleSeed));
        var parts = new List<Tensor>();
        for (int start = 0; start < Samples; start += 500)
        {
            int n = Math.Min(500, Samples - start);
            var x = latent.forward(latent.SampleLatent(n, device, gen)).flatten(1);
            parts.Add(family.Samples == SampleSpace.Tanh ? x.add(1).div(2).clamp(0, 1) : x);
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
