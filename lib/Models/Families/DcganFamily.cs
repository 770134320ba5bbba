using GanWorkbench.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>The options of <c>model.name: dcgan</c>.</summary>
public sealed record DcganOptions : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "dcgan";
    /// <summary>Width of an extra fully connected layer (batch norm, ReLU) between z and the 7×7 projection; 0 for none.</summary>
    public int GHidden { get; init; }
    /// <summary>Batch norm in the discriminator's body; gradient penalties need it off (they are defined per sample).</summary>
    public bool DBatchNorm { get; init; } = true;
    /// <summary>Spectral normalisation (Miyato et al. 2018) on every layer of the discriminator.</summary>
    public bool SpectralNorm { get; init; }
}

/// <summary>DCGAN for 28×28 images (Radford et al. 2016): <see cref="DcganGenerator"/> against
/// <see cref="DcganDiscriminator"/>, under any loss of the zoo.</summary>
public sealed class DcganFamily : GanFamily<DcganOptions>
{
    /// <inheritdoc/>
    public override string Description => "DCGAN for 28×28 (Radford et al. 2016), configurable widths, batch/spectral norm";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.Tanh;

    /// <inheritdoc/>
    public override nn.Module Generator(DcganOptions options, int classes) =>
        new DcganGenerator(options.LatentDim, options.GWidth, hidden: options.GHidden);

    /// <inheritdoc/>
    public override nn.Module Discriminator(DcganOptions options, int classes) =>
        new DcganDiscriminator(options.DWidth, 1, options.DBatchNorm, options.SpectralNorm);

    /// <inheritdoc/>
    public override bool BatchNormInDiscriminator(DcganOptions options) => options.DBatchNorm;

    /// <inheritdoc/>
    public override void Check(DcganOptions options, FieldCheck check) =>
        check.NonNegative("model.g_hidden", options.GHidden, "0 = no hidden layer");
}
