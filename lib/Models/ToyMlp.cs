using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>
/// The toy generator of WGAN-GP's gan_toy.py: z (2, standard normal) → three ReLU layers of
/// <c>width</c> (512) units → a point in the plane, (B, 2). He initialisation.
/// Notebook: 06-gan-zoo.
/// </summary>
public sealed class ToyGenerator : GeneratorModule
{
    readonly Sequential body;

    /// <param name="latentDim">Length of z (gan_toy.py: 2).</param>
    /// <param name="width">Hidden units per layer (gan_toy.py: 512).</param>
    public ToyGenerator(int latentDim = 2, int width = 512) : base(nameof(ToyGenerator), latentDim, [2])
    {
        body = Sequential(
            Linear(latentDim, width), ReLU(),                                   // (B, nz) → (B, w)
            Linear(width, width), ReLU(),                                       // → (B, w)
            Linear(width, width), ReLU(),                                       // → (B, w)
            Linear(width, 2));                                                  // → (B, 2)
        RegisterComponents();
        ToyInit.He(this);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z) => body.forward(z);
}

/// <summary>The toy critic of gan_toy.py: a point (B, 2) → three ReLU layers of <c>width</c> units →
/// one score (B). Spectral normalisation optional.</summary>
public sealed class ToyDiscriminator : DiscriminatorModule
{
    readonly Sequential body;

    /// <param name="width">Hidden units per layer (gan_toy.py: 512).</param>
    /// <param name="spectralNorm">Spectral normalisation on every layer.</param>
    public ToyDiscriminator(int width = 512, bool spectralNorm = false) : base(nameof(ToyDiscriminator))
    {
        body = Sequential(
            SpectralNorm.Maybe(Linear(2, width), spectralNorm), ReLU(),         // (B, 2) → (B, w)
            SpectralNorm.Maybe(Linear(width, width), spectralNorm), ReLU(),     // → (B, w)
            SpectralNorm.Maybe(Linear(width, width), spectralNorm), ReLU(),     // → (B, w)
            SpectralNorm.Maybe(Linear(width, 1), spectralNorm));                // → (B, 1)
        RegisterComponents();
        ToyInit.He(this);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return body.forward(x).squeeze(1).MoveToOuterDisposeScope();           // (B)
    }
}

/// <summary>tflib's 'he' initialisation as gan_toy.py uses it: weights uniform with standard deviation
/// √(2 / fan_in), biases 0.</summary>
public static class ToyInit
{
    /// <summary>Applies it to every linear layer of <paramref name="module"/>.</summary>
    public static void He(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (_, m) in module.named_modules())
            if (m is Linear linear)
            {
                double bound = Math.Sqrt(3) * Math.Sqrt(2.0 / linear.in_features);   // uniform(±√3·σ) has std σ
                nn.init.uniform_(linear.weight!, -bound, bound);
                if (linear.bias is { } b) nn.init.zeros_(b);
            }
    }
}
