using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>Adds N(0, σ²) noise to its input while training (Salimans et al. 2016's MNIST discriminator).</summary>
public sealed class GaussianNoise : Module<Tensor, Tensor>
{
    readonly double sigma;

    /// <summary>Creates the layer.</summary>
    public GaussianNoise(double sigma) : base(nameof(GaussianNoise)) { this.sigma = sigma; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => training && sigma > 0 ? x + randn_like(x) * sigma : x.mul(1);
}

/// <summary>
/// The generator of Salimans et al. 2016 for permutation-invariant MNIST: z (100) → 500 → 500
/// (softplus, batch norm) → 784 sigmoid, reshaped to (B, 1, 28, 28) in [0, 1].
/// </summary>
public sealed class SemiSupervisedGenerator : GeneratorModule
{
    readonly Sequential body;

    /// <param name="latentDim">Length of z.</param>
    /// <param name="width">Hidden units (paper: 500).</param>
    public SemiSupervisedGenerator(int latentDim = 100, int width = 500) : base(nameof(SemiSupervisedGenerator), latentDim, [1, 28, 28])
    {
        body = Sequential(
            Linear(latentDim, width), BatchNorm1d(width), Softplus(),           // (B, nz) → (B, 500)
            Linear(width, width), BatchNorm1d(width), Softplus(),               // → (B, 500)
            Linear(width, 28 * 28), Sigmoid());                                 // → (B, 784)
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        return body.forward(z).view(-1, 1, 28, 28).MoveToOuterDisposeScope();  // (B, 1, 28, 28)
    }
}

/// <summary>
/// The K+1-class discriminator of Salimans et al. 2016 (§5, "semi-supervised learning"), MNIST
/// version: Gaussian noise (σ 0.3 on the input, 0.5 before every other layer), fully connected
/// 1000-500-250-250-250 ReLU layers and K class logits l_1..l_K. The (K+1)-th class, "generated",
/// has its logit fixed at 0, so D(x) = Z/(Z + 1) with Z = Σ exp(l_k): the real/fake logit is
/// logsumexp(l), which is what <see cref="forward"/> returns. The last hidden layer (250) is the
/// feature layer for feature matching (§3.1). Weight normalisation of the original is not used.
/// Notebook: 07-conditional-and-augmentation.
/// </summary>
public sealed class SemiSupervisedDiscriminator : DiscriminatorModule
{
    readonly Sequential body;
    readonly Linear classify;

    /// <summary>Number of real classes K.</summary>
    public int Classes { get; }

    /// <param name="classes">K.</param>
    /// <param name="width">Size of the first hidden layer (paper: 1000; the rest are 1/2, 1/4, 1/4, 1/4 of it).</param>
    public SemiSupervisedDiscriminator(int classes = 10, int width = 1000) : base(nameof(SemiSupervisedDiscriminator))
    {
        Classes = classes;
        int w2 = width / 2, w4 = width / 4;
        body = Sequential(
            new GaussianNoise(0.3), Linear(28 * 28, width), ReLU(),             // (B, 784) → (B, 1000)
            new GaussianNoise(0.5), Linear(width, w2), ReLU(),                  // → (B, 500)
            new GaussianNoise(0.5), Linear(w2, w4), ReLU(),                     // → (B, 250)
            new GaussianNoise(0.5), Linear(w4, w4), ReLU(),                     // → (B, 250)
            new GaussianNoise(0.5), Linear(w4, w4), ReLU());                    // → (B, 250) features
        classify = Linear(w4, classes);                                         // → (B, K)
        RegisterComponents();
    }

    /// <summary>Class logits (B, K) and the feature layer (B, F) from one pass.</summary>
    public (Tensor ClassLogits, Tensor Features) Classify(Tensor x)
    {
        using var scope = NewDisposeScope();
        var features = body.forward(x.flatten(1));                              // (B, 250)
        var logits = classify.forward(features);                                // (B, K)
        return (logits.MoveToOuterDisposeScope(), features.MoveToOuterDisposeScope());
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Classify(x).ClassLogits.logsumexp(1, false).MoveToOuterDisposeScope(); // (B) real/fake logit
    }
}
