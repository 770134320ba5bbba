using GanWorkbench.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>The prior a generator draws z from.</summary>
public enum LatentPrior
{
    /// <summary>N(0, I).</summary>
    Normal,
    /// <summary>Uniform on [−√3, √3] per dimension (unit variance).</summary>
    Uniform,
}

/// <summary>How an output layer's biases start.</summary>
public enum OutputBias
{
    /// <summary>At zero.</summary>
    Zero,
    /// <summary>At the logit of each pixel's mean over the training set, so the untrained model draws the mean image.</summary>
    Marginals,
}

/// <summary>The options of <c>model.name: gan2014</c> (the widths are its hidden layers: G's two ReLU
/// layers, D's maxout units).</summary>
public sealed record Gan2014Options : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "gan2014";
    /// <summary>G's prior: <c>normal</c>, or <c>uniform</c> on [−√3, √3] (the authors' mnist.yaml).</summary>
    public LatentPrior Prior { get; init; } = LatentPrior.Normal;
    /// <summary>G's output biases: <c>zero</c>, or <c>marginals</c> (logit of the training pixel means, the authors' mnist.yaml).</summary>
    public OutputBias OutputBias { get; init; } = OutputBias.Zero;
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
    public override nn.Module Generator(Gan2014Options options, int classes) =>
        new Goodfellow2014Generator(options.LatentDim, options.GWidth, options.Prior == LatentPrior.Uniform);

    /// <inheritdoc/>
    public override nn.Module Discriminator(Gan2014Options options, int classes) => new Goodfellow2014Discriminator(options.DWidth);

    /// <inheritdoc/>
    public override void InitializeFromData(ModelOptions options, nn.Module generator, nn.Module discriminator, ImageDataset train)
    {
        if (((Gan2014Options)options).OutputBias != OutputBias.Marginals) return;
        using var means = train.PixelMeans();
        ((Goodfellow2014Generator)generator).SetOutputBias(means);
    }
}
