using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanWorkbench.Training;

/// <summary>
/// ClusterGAN (Mukherjee et al. 2019, Eq. 3): D plays the GAN game against G on z = (z_n ‖ z_c), and G
/// and the encoder E jointly minimise
/// <c>L_G + β_n·‖z_n − E_n(G(z))‖² + β_c·CE(z_c, E_c(G(z)))</c>, the two cycle terms that make the
/// one-hot part of the code recoverable from the image (logged as <c>cycle_noise</c> and <c>cycle_code</c>).
/// The squared error is the mean over the batch and the noise dimensions, as in the authors' code. The
/// latent labels are the clusters, so an evaluation can score E's clustering of real images.
/// </summary>
public sealed class ClusterGanGame : AdversarialGame
{
    /// <summary>G with its encoder.</summary>
    public ClusterGanGenerator G { get; }
    /// <summary>The critic.</summary>
    public DiscriminatorModule D { get; }
    /// <summary>β_n, the weight of the noise cycle term (paper, MNIST: 10).</summary>
    public double NoiseWeight { get; }
    /// <summary>β_c, the weight of the cluster cycle term (paper, MNIST: 10).</summary>
    public double CodeWeight { get; }

    /// <summary>Creates the game.</summary>
    public ClusterGanGame(ClusterGanGenerator g, DiscriminatorModule d, GanLoss loss, double noiseWeight, double codeWeight,
        DiscriminatorPenalty? penalty = null, WeightClipping? clipping = null) : base(loss, penalty, clipping)
    {
        G = g; D = d; NoiseWeight = noiseWeight; CodeWeight = codeWeight;
    }

    /// <inheritdoc/>
    public override nn.Module Generator => G;
    /// <inheritdoc/>
    public override nn.Module Discriminator => D;

    /// <inheritdoc/>
    public override LatentBatch SampleLatent(long n, Device device)
    {
        var noise = randn(n, G.NoiseDim, device: device).mul(G.NoiseStd);
        var clusters = randint(0, G.Categories, [n], device: device);
        return new LatentBatch(G.Latent(noise, clusters), clusters);
    }

    /// <inheritdoc/>
    public override LatentBatch FixedLatent(int n, long seed, Device device)
    {
        var clusters = arange(n, device: device).remainder(G.Categories);           // row r of a K-wide grid: cluster r mod K
        return new LatentBatch(G.Latent(FixedNormal(n, G.NoiseDim, seed, device).mul(G.NoiseStd), clusters), clusters);
    }

    /// <inheritdoc/>
    public override Tensor Generate(nn.Module generator, LatentBatch latent) => ((GeneratorModule)generator).forward(latent.Z);

    /// <inheritdoc/>
    public override Tensor DiscriminatorLoss(RealBatch real, MetricWindow log)
    {
        var x = real.Samples;
        var latent = SampleLatent(x.shape[0], x.device);
        Tensor fake;
        using (no_grad()) fake = G.forward(latent.Z);                               // (B, 1, 28, 28)
        return ScoreDiscriminator(D.forward(x), D.forward(fake), D.forward, x, fake, log);
    }

    /// <inheritdoc/>
    public override Tensor GeneratorLoss(long batchSize, Device device, MetricWindow log)
    {
        var latent = SampleLatent(batchSize, device);
        var fake = G.forward(latent.Z);
        var codes = G.Encoder.forward(fake);
        var noiseCycle = mse_loss(codes.Noise, latent.Z.narrow(1, 0, G.NoiseDim));
        var codeCycle = cross_entropy(codes.CategoryLogits, latent.Labels!);
        log.Add("cycle_noise", noiseCycle.detach());
        log.Add("cycle_code", codeCycle.detach());
        return Loss.Generator(D.forward(fake)) + noiseCycle.mul(NoiseWeight) + codeCycle.mul(CodeWeight);
    }
}
