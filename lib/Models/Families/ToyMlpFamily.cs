using GanWorkbench.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>The options of <c>model.name: toy-mlp</c>.</summary>
public sealed record ToyMlpOptions : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "toy-mlp";
    /// <summary>Spectral normalisation (Miyato et al. 2018) on every layer of the critic.</summary>
    public bool SpectralNorm { get; init; }
}

/// <summary><c>gan_toy.py</c>'s networks for 2-D toy distributions (Gulrajani et al. 2017):
/// <see cref="ToyGenerator"/> against <see cref="ToyDiscriminator"/>, 3 ReLU layers each.</summary>
public sealed class ToyMlpFamily : GanFamily<ToyMlpOptions>
{
    /// <inheritdoc/>
    public override string Description => "gan_toy.py's 3×512 ReLU MLPs for 2-D toy distributions";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.Points;

    /// <inheritdoc/>
    public override nn.Module Generator(ToyMlpOptions options, int classes) => new ToyGenerator(options.LatentDim, options.GWidth);

    /// <inheritdoc/>
    public override nn.Module Discriminator(ToyMlpOptions options, int classes) => new ToyDiscriminator(options.DWidth, options.SpectralNorm);
}
