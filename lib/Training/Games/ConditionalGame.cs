using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// The class-conditional game (Mirza &amp; Osindero 2014): D(x, y) against D(G(z, y), y). In the D step
/// the generated batch uses the real batch's labels, so penalties compare like with like; in the G
/// step labels are drawn uniformly. Sample grids cycle through the labels.
/// </summary>
public sealed class ConditionalGame : AdversarialGame
{
    /// <summary>The generator G(z, y).</summary>
    public ConditionalGeneratorModule G { get; }
    /// <summary>The discriminator D(x, y).</summary>
    public ConditionalDiscriminatorModule D { get; }

    /// <summary>Creates the game; the caller keeps ownership of the modules.</summary>
    public ConditionalGame(ConditionalGeneratorModule g, ConditionalDiscriminatorModule d, GanLoss loss,
        DiscriminatorPenalty? penalty = null, WeightClipping? clipping = null) : base(loss, penalty, clipping)
    {
        G = g; D = d;
    }

    /// <inheritdoc/>
    public override nn.Module Generator => G;
    /// <inheritdoc/>
    public override nn.Module Discriminator => D;
    /// <inheritdoc/>
    public override bool NeedsLabels => true;

    /// <inheritdoc/>
    public override LatentBatch SampleLatent(long n, Device device) =>
        new(randn(n, G.LatentDim, device: device), randint(0, G.Classes, [n], device: device));

    /// <inheritdoc/>
    public override LatentBatch EvaluationLatent(long start, long count, Device device) =>
        SampleLatent(count, device) with { Labels = arange(start, start + count, device: device).remainder(G.Classes) };

    /// <inheritdoc/>
    public override LatentBatch FixedLatent(int n, long seed, Device device) =>
        new(FixedNormal(n, G.LatentDim, seed, device), arange(n, device: device).remainder(G.Classes));

    /// <inheritdoc/>
    public override Tensor Generate(nn.Module generator, LatentBatch latent) =>
        ((ConditionalGeneratorModule)generator).forward(latent.Z, latent.Labels ?? throw new ArgumentException("a conditional generator needs labels"));

    // ---- D: minimise L_D(D(x, y), D(G(z, y), y)) + penalty, with G fixed ----------------------
    /// <inheritdoc/>
    public override Tensor DiscriminatorLoss(RealBatch real, MetricWindow log)
    {
        var x = real.Samples;                                                   // (B, 1, 28, 28)
        var y = real.Labels ?? throw new InvalidOperationException("the conditional game needs labelled batches");
        Tensor fake;
        using (no_grad()) fake = G.forward(randn(x.shape[0], G.LatentDim, device: x.device), y);
        var realScores = D.forward(x, y);                                       // (B)
        var fakeScores = D.forward(fake, y);                                    // (B)
        return ScoreDiscriminator(realScores, fakeScores, input => D.forward(input, y), x, fake, log);
    }

    // ---- G: minimise L_G(D(G(z, y), y)) --------------------------------------------------------
    /// <inheritdoc/>
    public override Tensor GeneratorLoss(long batchSize, Device device, MetricWindow log)
    {
        var latent = SampleLatent(batchSize, device);
        return Loss.Generator(D.forward(G.forward(latent.Z, latent.Labels!), latent.Labels!));
    }
}
