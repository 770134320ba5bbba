using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>
/// The generator of a GAN on the real line, as in Goodfellow et al. 2014, Fig. 1: z ~ U(0, 1) (one
/// number) → two LeakyReLU(0.2) layers of <c>width</c> units → x, (B, 1). LeakyReLU keeps G
/// piecewise linear in z, so the density of G(z) is computed exactly from G on a z grid
/// (<see cref="Theory.PushforwardDensity"/>). Notebook: 02-minimax-game.
/// </summary>
public sealed class LineGenerator : GeneratorModule
{
    readonly Linear fc1;
    readonly Linear fc2;
    readonly Linear output;

    /// <param name="width">Hidden units per layer.</param>
    public LineGenerator(int width = 16) : base(nameof(LineGenerator), 1, [1])
    {
        fc1 = Linear(1, width);                                                 // (B, 1) → (B, w)
        fc2 = Linear(width, width);                                             // → (B, w)
        output = Linear(width, 1);                                              // → (B, 1)
        RegisterComponents();
    }

    /// <summary>z ~ U(0, 1), shape (n, 1) (the paper's uniform latent).</summary>
    protected override Tensor DrawLatent(long n, Device device, torch.Generator? generator) =>
        rand(n, 1, generator: generator, device: device);

    /// <inheritdoc/>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(fc1.forward(z), 0.2);                     // (B, w)
        h = functional.leaky_relu(fc2.forward(h), 0.2);                         // (B, w)
        return output.forward(h).MoveToOuterDisposeScope();                     // (B, 1)
    }
}

/// <summary>
/// The discriminator of the 1-D GAN: x (B, 1) → two LeakyReLU(0.2) layers of <c>width</c> units →
/// one logit per sample (B); D(x) = σ(logit). Notebook: 02-minimax-game.
/// </summary>
public sealed class LineDiscriminator : DiscriminatorModule
{
    readonly Linear fc1;
    readonly Linear fc2;
    readonly Linear output;

    /// <param name="width">Hidden units per layer.</param>
    public LineDiscriminator(int width = 32) : base(nameof(LineDiscriminator))
    {
        fc1 = Linear(1, width);                                                 // (B, 1) → (B, w)
        fc2 = Linear(width, width);                                             // → (B, w)
        output = Linear(width, 1);                                              // → (B, 1)
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(fc1.forward(x), 0.2);                     // (B, w)
        h = functional.leaky_relu(fc2.forward(h), 0.2);                         // (B, w)
        return output.forward(h).squeeze(1).MoveToOuterDisposeScope();         // (B)
    }
}
