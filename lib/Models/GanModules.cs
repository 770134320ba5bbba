using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>
/// A generator: maps latent codes <c>z</c> of shape (B, <see cref="LatentDim"/>) to samples of
/// shape (B, <see cref="SampleShape"/>…). Image generators produce (B, C, H, W).
/// </summary>
public abstract class GeneratorModule : nn.Module<Tensor, Tensor>
{
    /// <summary>Length of the latent vector.</summary>
    public int LatentDim { get; }
    /// <summary>Shape of one sample, without the batch dimension (e.g. 1, 28, 28).</summary>
    public IReadOnlyList<long> SampleShape { get; }

    /// <summary>Base constructor.</summary>
    protected GeneratorModule(string name, int latentDim, IReadOnlyList<long> sampleShape) : base(name)
    {
        LatentDim = latentDim;
        SampleShape = sampleShape;
    }

    /// <summary>Latent codes from G's prior, shape (n, <see cref="LatentDim"/>): standard normal unless the
    /// model says otherwise (<see cref="DrawLatent"/>). Drawn from torch's global generator (seeded by
    /// <see cref="Runtime.Compute"/>) or, given <paramref name="generator"/>, on the CPU from that generator
    /// and then moved to <paramref name="device"/> — the same numbers on every device, for fixed sample grids.</summary>
    public Tensor SampleLatent(long n, Device device, torch.Generator? generator = null)
    {
        if (generator is null) return DrawLatent(n, device, null);
        using var cpu = DrawLatent(n, CPU, generator);
        return cpu.to(device);
    }

    /// <summary>Draws n codes from the prior on <paramref name="device"/> (from <paramref name="generator"/>
    /// when given, else torch's global one). Override it for a model whose paper uses another prior.</summary>
    protected virtual Tensor DrawLatent(long n, Device device, torch.Generator? generator) =>
        randn(n, LatentDim, generator: generator, device: device);
}

/// <summary>A discriminator (or critic): maps samples to one unbounded score (a logit) per sample,
/// shape (B). Losses apply their own link (sigmoid, identity, …) to these scores.</summary>
public abstract class DiscriminatorModule : nn.Module<Tensor, Tensor>
{
    /// <summary>Base constructor.</summary>
    protected DiscriminatorModule(string name) : base(name) { }
}

/// <summary>A class-conditional generator G(z, y): latent codes (B, <see cref="LatentDim"/>) and
/// labels (B) int64 in [0, <see cref="Classes"/>) to samples (B, …).</summary>
public abstract class ConditionalGeneratorModule : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Length of the latent vector.</summary>
    public int LatentDim { get; }
    /// <summary>Number of classes.</summary>
    public int Classes { get; }
    /// <summary>Shape of one sample, without the batch dimension.</summary>
    public IReadOnlyList<long> SampleShape { get; }

    /// <summary>Base constructor.</summary>
    protected ConditionalGeneratorModule(string name, int latentDim, int classes, IReadOnlyList<long> sampleShape) : base(name)
    {
        LatentDim = latentDim; Classes = classes; SampleShape = sampleShape;
    }
}

/// <summary>A class-conditional discriminator D(x, y): samples (B, …) and labels (B) to scores (B).</summary>
public abstract class ConditionalDiscriminatorModule : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Base constructor.</summary>
    protected ConditionalDiscriminatorModule(string name) : base(name) { }
}
