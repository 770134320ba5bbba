using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>The options of <c>model.name: clustergan</c>; <c>latent_dim</c> is the length of the Gaussian part z_n.</summary>
public sealed record ClusterGanOptions : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "clustergan";
    /// <summary>K, the number of clusters: the length of the one-hot part z_c (MNIST: 10).</summary>
    public int Categories { get; init; } = 10;
    /// <summary>σ of z_n ~ N(0, σ²I) (Mukherjee et al. 2019, §3.1: 0.1, small enough that the clusters stay apart).</summary>
    public double NoiseStd { get; init; } = 0.1;
    /// <summary>Width of G's fully connected layer before the 7×7 projection (paper: 1,024).</summary>
    public int GHidden { get; init; } = 1024;
    /// <summary>Channels of the encoder's first convolution.</summary>
    public int EncoderWidth { get; init; } = 64;
    /// <summary>β_n, the weight of ‖z_n − E_n(G(z))‖² (paper, MNIST: 10).</summary>
    public double BetaNoise { get; init; } = 10;
    /// <summary>β_c, the weight of the cross-entropy between z_c and E_c(G(z)) (paper, MNIST: 10).</summary>
    public double BetaCode { get; init; } = 10;
}

/// <summary>ClusterGAN (Mukherjee et al. 2019): a DCGAN generator on a mixed one-hot + Gaussian code, trained
/// with an encoder that recovers the code (<see cref="ClusterGanGame"/>), against a DCGAN critic without
/// batch norm (the paper trains it with WGAN-GP). Its evaluation clusters the test images by the encoder's
/// most likely one-hot code: <c>cluster_acc</c> (Hungarian match), <c>cluster_nmi</c>, <c>cluster_ari</c>.</summary>
public sealed class ClusterGanFamily : GanFamily<ClusterGanOptions>
{
    /// <inheritdoc/>
    public override string Description => "ClusterGAN (Mukherjee et al. 2019): one-hot + Gaussian code, encoder with cycle losses";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.Tanh;

    /// <inheritdoc/>
    public override nn.Module Generator(ClusterGanOptions options, int classes) =>
        new ClusterGanGenerator(options.LatentDim, options.Categories, options.NoiseStd, options.GWidth, options.GHidden, options.EncoderWidth);

    /// <inheritdoc/>
    public override nn.Module Discriminator(ClusterGanOptions options, int classes) => new DcganDiscriminator(options.DWidth, 1, batchNorm: false);

    /// <inheritdoc/>
    public override AdversarialGame Game(ClusterGanOptions options, nn.Module g, nn.Module d, GameParts parts) =>
        new ClusterGanGame((ClusterGanGenerator)g, (DiscriminatorModule)d, parts.Loss, options.BetaNoise, options.BetaCode, parts.Penalty, parts.Clipping);

    /// <inheritdoc/>
    public override void Check(ClusterGanOptions options, FieldCheck check)
    {
        check.AtLeast("model.categories", options.Categories, 2);
        check.Positive("model.noise_std", options.NoiseStd);
        check.NonNegative("model.g_hidden", options.GHidden, "0 = no hidden layer");
        check.Positive("model.encoder_width", options.EncoderWidth);
        check.NonNegative("model.beta_noise", options.BetaNoise);
        check.NonNegative("model.beta_code", options.BetaCode);
    }

    /// <inheritdoc/>
    public override bool EvaluatesOnTestSet => true;

    /// <inheritdoc/>
    public override void Evaluate(AdversarialGame game, ImageDataset test, Action<string, double> record)
    {
        var clustered = (ClusterGanGame)game;
        var scores = ClusteringScores.Compute("ClusterGAN encoder", clustered.G.Encoder.Clusters(test.Images), test.LabelArray());
        record("cluster_acc", scores.Accuracy);
        record("cluster_nmi", scores.Nmi);
        record("cluster_ari", scores.Ari);
    }
}
