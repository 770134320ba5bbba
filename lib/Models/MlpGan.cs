using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>
/// The small MLP generator of the source material (seed 001): z (100) → 128 → 256 → 784 with
/// LeakyReLU(0.2) hidden layers and a sigmoid output, reshaped to (B, 1, 28, 28) in [0, 1]
/// (train it on <c>data.scale: zero_one</c>). The hidden sizes are w and 2w (w = 128 by default).
/// Notebook: 03-coordinate-descent.
/// </summary>
public sealed class MlpGenerator : GeneratorModule
{
    readonly Linear fc1;
    readonly Linear fc2;
    readonly Linear output;

    /// <param name="latentDim">Length of z.</param>
    /// <param name="width">First hidden layer's size (the second has twice as many).</param>
    public MlpGenerator(int latentDim = 100, int width = 128) : base(nameof(MlpGenerator), latentDim, [1, 28, 28])
    {
        fc1 = Linear(latentDim, width);                                         // (B, nz) → (B, w)
        fc2 = Linear(width, 2 * width);                                         // → (B, 2w)
        output = Linear(2 * width, 28 * 28);                                    // → (B, 784)
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(fc1.forward(z), 0.2);
        h = functional.leaky_relu(fc2.forward(h), 0.2);
        return sigmoid(output.forward(h)).view(-1, 1, 28, 28).MoveToOuterDisposeScope(); // (B, 1, 28, 28)
    }
}

/// <summary>
/// The small MLP discriminator of the source material: 784 → 256 → 128 → 1 with LeakyReLU(0.2),
/// returning the logit (the sigmoid belongs to the loss). Hidden sizes 2w and w (w = 128).
/// </summary>
public sealed class MlpDiscriminator : DiscriminatorModule
{
    readonly Module<Tensor, Tensor> fc1;
    readonly Module<Tensor, Tensor> fc2;
    readonly Module<Tensor, Tensor> output;

    /// <param name="width">Second hidden layer's size (the first has twice as many).</param>
    /// <param name="spectralNorm">Spectral normalisation on every layer.</param>
    public MlpDiscriminator(int width = 128, bool spectralNorm = false) : base(nameof(MlpDiscriminator))
    {
        fc1 = SpectralNorm.Maybe(Linear(28 * 28, 2 * width), spectralNorm);     // (B, 784) → (B, 2w)
        fc2 = SpectralNorm.Maybe(Linear(2 * width, width), spectralNorm);       // → (B, w)
        output = SpectralNorm.Maybe(Linear(width, 1), spectralNorm);            // → (B, 1)
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(fc1.forward(x.flatten(1)), 0.2);          // (B, 2w)
        h = functional.leaky_relu(fc2.forward(h), 0.2);                         // (B, w)
        return output.forward(h).squeeze(1).MoveToOuterDisposeScope();          // (B)
    }
}
