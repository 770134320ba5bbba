using GanWorkbench.Data;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>The options of <c>model.name: cdcgan</c>.</summary>
public sealed record CdcganOptions : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "cdcgan";
    /// <summary>Batch norm in the discriminator's body.</summary>
    public bool DBatchNorm { get; init; } = true;
    /// <summary>Spectral normalisation (Miyato et al. 2018) on every layer of the discriminator.</summary>
    public bool SpectralNorm { get; init; }
    /// <summary>How D sees the label: <c>concat</c> (an embedded label plane as an extra input channel,
    /// Mirza &amp; Osindero 2014) or <c>projection</c> (Miyato &amp; Koyama 2018).</summary>
    public Conditioning Conditioning { get; init; } = Conditioning.Concat;
    /// <summary>Length of the learned label embedding.</summary>
    public int LabelEmbedding { get; init; } = 10;
}

/// <summary>The class-conditional DCGAN: <see cref="ConditionalDcganGenerator"/> against
/// <see cref="ConditionalDcganDiscriminator"/> in a <see cref="ConditionalGame"/>.</summary>
public sealed class CdcganFamily : GanFamily<CdcganOptions>
{
    /// <inheritdoc/>
    public override string Description => "conditional DCGAN: label embedding in G, concat or projection D";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.Tanh;

    /// <inheritdoc/>
    public override nn.Module Generator(CdcganOptions options, int classes) =>
        new ConditionalDcganGenerator(options.LatentDim, classes, options.LabelEmbedding, options.GWidth);

    /// <inheritdoc/>
    public override nn.Module Discriminator(CdcganOptions options, int classes) =>
        new ConditionalDcganDiscriminator(classes, options.LabelEmbedding, options.DWidth, options.Conditioning, options.DBatchNorm, options.SpectralNorm);

    /// <inheritdoc/>
    public override AdversarialGame Game(CdcganOptions options, nn.Module g, nn.Module d, GameParts parts) =>
        new ConditionalGame((ConditionalGeneratorModule)g, (ConditionalDiscriminatorModule)d, parts.Loss, parts.Penalty, parts.Clipping);

    /// <inheritdoc/>
    public override bool Labelled(CdcganOptions options) => true;

    /// <inheritdoc/>
    public override bool BatchNormInDiscriminator(CdcganOptions options) => options.DBatchNorm;

    /// <inheritdoc/>
    public override void Check(CdcganOptions options, FieldCheck check) => check.Positive("model.label_embedding", options.LabelEmbedding);
}
