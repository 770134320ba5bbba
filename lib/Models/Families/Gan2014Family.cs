using GanWorkbench.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>The options of <c>model.name: gan2014</c> (the widths are its hidden layers: G's two ReLU
/// layers, D's maxout units).</summary>
public sealed record Gan2014Options : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "gan2014";
}

/// <summary>Goodfellow et al. 2014's MNIST networks: <see cref="Goodfellow2014Generator"/> against
/// <see cref="Goodfellow2014Discriminator"/>.</summary>
public sealed class Gan2014Family : GanFamily<Gan2014Options>
{
    /// <inheritdoc/>
    public override string Description => "Goodfellow et al. 2014's MNIST MLPs: ReLU G, maxout + dropout D";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.ZeroOne;

    /// <inheritdoc/>
    public override nn.Module Generator(Gan2014Options options, int classes) => new Goodfellow2014Generator(options.LatentDim, options.GWidth);

    /// <inheritdoc/>
    public override nn.Module Discriminator(Gan2014Options options, int classes) => new Goodfellow2014Discriminator(options.DWidth);
}
