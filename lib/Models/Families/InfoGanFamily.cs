using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>The options of <c>model.name: infogan</c>; <c>latent_dim</c> is the noise part of G's input.</summary>
public sealed record InfoGanOptions : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "infogan";
    /// <summary>Width of G's fully connected layer before the 7×7 projection (Chen et al. 2016, Appendix C.1: 1,024); 0 for none.</summary>
    public int GHidden { get; init; }
    /// <summary>Batch norm in the discriminator's body.</summary>
    public bool DBatchNorm { get; init; } = true;
    /// <summary>Number of values of the categorical code (MNIST: 10).</summary>
    public int Categories { get; init; } = 10;
    /// <summary>Number of continuous codes, each uniform on [−1, 1] (MNIST: 2).</summary>
    public int ContinuousCodes { get; init; } = 2;
    /// <summary>Weight λ of the mutual-information term for the categorical code.</summary>
    public double InfoWeight { get; init; } = 1.0;
    /// <summary>Weight of the continuous codes' term (a Gaussian log-likelihood with unit variance).</summary>
    public double InfoContinuousWeight { get; init; } = 0.1;
}

/// <summary>InfoGAN (Chen et al. 2016): a <see cref="DcganGenerator"/> fed noise and codes against an
/// <see cref="InfoGanDiscriminator"/> whose Q head recovers the codes, in an <see cref="InfoGanGame"/>.
/// Its evaluation scores the categorical code as a clustering of the test images (<c>code_acc</c>,
/// <c>code_nmi</c>, <c>code_ari</c>: Q's most likely category against the labels).</summary>
public sealed class InfoGanFamily : GanFamily<InfoGanOptions>
{
    /// <inheritdoc/>
    public override string Description => "InfoGAN (Chen et al. 2016): categorical + continuous codes, Q head on D's body";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.Tanh;

    /// <inheritdoc/>
    public override nn.Module Generator(InfoGanOptions options, int classes) =>
        new DcganGenerator(options.LatentDim + options.Categories + options.ContinuousCodes, options.GWidth, hidden: options.GHidden);

    /// <inheritdoc/>
    public override nn.Module Discriminator(InfoGanOptions options, int classes) =>
        new InfoGanDiscriminator(options.Categories, options.ContinuousCodes, options.DWidth, options.DBatchNorm);

    /// <inheritdoc/>
    public override AdversarialGame Game(InfoGanOptions options, nn.Module g, nn.Module d, GameParts parts) =>
        new InfoGanGame((GeneratorModule)g, (InfoGanDiscriminator)d, parts.Loss, options.InfoWeight, options.InfoContinuousWeight, parts.Penalty, parts.Clipping);

    /// <inheritdoc/>
    public override bool BatchNormInDiscriminator(InfoGanOptions options) => options.DBatchNorm;

    /// <inheritdoc/>
    public override void Check(InfoGanOptions options, FieldCheck check)
    {
        check.NonNegative("model.g_hidden", options.GHidden, "0 = no hidden layer");
        check.AtLeast("model.categories", options.Categories, 2);
        check.NonNegative("model.continuous_codes", options.ContinuousCodes);
        check.NonNegative("model.info_weight", options.InfoWeight);
        check.NonNegative("model.info_continuous_weight", options.InfoContinuousWeight);
    }

    /// <inheritdoc/>
    public override bool EvaluatesOnTestSet => true;

    /// <inheritdoc/>
    public override void Evaluate(AdversarialGame game, ImageDataset test, Action<string, double> record)
    {
        var info = (InfoGanGame)game;
        var scores = ClusteringScores.Compute("InfoGAN categorical code", InfoGanCodes.PredictCategories(info.D, test.Images), test.LabelArray());
        record("code_acc", scores.Accuracy);
        record("code_nmi", scores.Nmi);
        record("code_ari", scores.Ari);
    }
}
