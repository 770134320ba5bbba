using GanWorkbench.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>The options of <c>model.name: mlp</c>.</summary>
public sealed record MlpOptions : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "mlp";
    /// <summary>Spectral normalisation (Miyato et al. 2018) on every layer of the discriminator.</summary>
    public bool SpectralNorm { get; init; }
}

/// <summary>The source material's MLP pair: <see cref="MlpGenerator"/> (100→128→256→784, sigmoid) against
/// <see cref="MlpDiscriminator"/> (784→256→128→1).</summary>
public sealed class MlpFamily : GanFamily<MlpOptions>
{
    /// <inheritdoc/>
    public override string Description => "the source material's MLP pair: G 100→128→256→784 sigmoid, D 784→256→128→1";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.ZeroOne;

    /// <inheritdoc/>
    public override nn.Module Generator(MlpOptions options, int classes) => new MlpGenerator(options.LatentDim, options.GWidth);

    /// <inheritdoc/>
    public override nn.Module Discriminator(MlpOptions options, int classes) => new MlpDiscriminator(options.DWidth, options.SpectralNorm);
}
