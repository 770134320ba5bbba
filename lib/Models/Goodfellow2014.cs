using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>
/// A maxout layer (Goodfellow et al. 2013): <c>h_i = max_j (W x + b)_{i,j}</c> over <c>pieces</c>
/// linear pieces per unit.
/// </summary>
public sealed class Maxout : Module<Tensor, Tensor>
{
    readonly Linear linear;
    readonly int units;
    readonly int pieces;

    /// <summary>Creates a layer of <paramref name="units"/> units with <paramref name="pieces"/> pieces each.</summary>
    public Maxout(int inputs, int units, int pieces) : base(nameof(Maxout))
    {
        this.units = units; this.pieces = pieces;
        linear = Linear(inputs, units * pieces);                                // (B, in) → (B, units·pieces)
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return linear.forward(x).view(-1, units, pieces).amax(2).MoveToOuterDisposeScope(); // (B, units)
    }
}

/// <summary>
/// The MNIST generator of Goodfellow et al. 2014 (the authors' <c>mnist.yaml</c>): z (100) → 1200 ReLU →
/// 1200 ReLU → 784 sigmoid, weights uniform in ±0.05. Output (B, 1, 28, 28) in [0, 1]. The hidden size is
/// <c>width</c> (1200). z is standard normal, or with <c>uniformPrior</c> uniform on [−√3, √3] (unit
/// variance, the authors' <c>noise: uniform</c>); <see cref="SetOutputBias"/> gives the output layer
/// the authors' <c>init_sigmoid_bias_from_marginals</c>.
/// </summary>
public sealed class Goodfellow2014Generator : GeneratorModule
{
    readonly Linear h0;
    readonly Linear h1;
    readonly Linear y;
    readonly bool uniformPrior;

    /// <param name="latentDim">Length of z (paper: 100).</param>
    /// <param name="width">Hidden units per layer (paper: 1200).</param>
    /// <param name="uniformPrior">Draw z uniformly on [−√3, √3] instead of from N(0, 1).</param>
    public Goodfellow2014Generator(int latentDim = 100, int width = 1200, bool uniformPrior = false) : base(nameof(Goodfellow2014Generator), latentDim, [1, 28, 28])
    {
        this.uniformPrior = uniformPrior;
        h0 = Linear(latentDim, width);                                          // (B, nz) → (B, 1200)
        h1 = Linear(width, width);                                              // → (B, 1200)
        y = Linear(width, 28 * 28);                                             // → (B, 784)
        RegisterComponents();
        Goodfellow2014Init.Uniform(this, 0.05);
    }

    /// <summary>Sets the output biases to logit(clip(mean pixel, 1e-7, 1 − 1e-7)), so the untrained G
    /// already draws the data's mean image (pylearn2's <c>init_sigmoid_bias_from_marginals</c>).</summary>
    public void SetOutputBias(Tensor pixelMeans)
    {
        using var noGrad = no_grad();
        using var p = pixelMeans.flatten().clamp(1e-7, 1 - 1e-7).to(y.bias!.dtype).to(y.bias.device);
        y.bias.copy_(p.log() - (1 - p).log());
    }

    /// <inheritdoc/>
    protected override Tensor DrawLatent(long n, Device device, torch.Generator? generator) => uniformPrior
        ? rand(n, LatentDim, generator: generator, device: device).mul_(2 * Math.Sqrt(3)).sub_(Math.Sqrt(3))
        : base.DrawLatent(n, device, generator);

    /// <inheritdoc/>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = functional.relu(h0.forward(z));
        h = functional.relu(h1.forward(h));
        return sigmoid(y.forward(h)).view(-1, 1, 28, 28).MoveToOuterDisposeScope(); // (B, 1, 28, 28)
    }
}

/// <summary>
/// The MNIST discriminator of Goodfellow et al. 2014: two maxout layers of 240 units × 5 pieces and a
/// logit, with dropout (keep 0.8 on the input, 0.5 before the other layers), weights uniform in ±0.005.
/// The maxout units are <c>width</c> (240).
/// </summary>
public sealed class Goodfellow2014Discriminator : DiscriminatorModule
{
    readonly Maxout h0;
    readonly Maxout h1;
    readonly Linear y;

    /// <param name="width">Maxout units per layer (paper: 240).</param>
    /// <param name="pieces">Pieces per unit (paper: 5).</param>
    public Goodfellow2014Discriminator(int width = 240, int pieces = 5) : base(nameof(Goodfellow2014Discriminator))
    {
        h0 = new Maxout(28 * 28, width, pieces);                                // (B, 784) → (B, 240)
        h1 = new Maxout(width, width, pieces);                                  // → (B, 240)
        y = Linear(width, 1);                                                   // → (B, 1)
        RegisterComponents();
        Goodfellow2014Init.Uniform(this, 0.005);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.dropout(x.flatten(1), 0.2, training);               // (B, 784)
        h = functional.dropout(h0.forward(h), 0.5, training);
        h = functional.dropout(h1.forward(h), 0.5, training);
        return y.forward(h).squeeze(1).MoveToOuterDisposeScope();              // (B)
    }
}

/// <summary>pylearn2's <c>irange</c> initialisation: weights uniform in [−r, r], biases 0.</summary>
public static class Goodfellow2014Init
{
    /// <summary>Applies it to every linear layer of <paramref name="module"/>.</summary>
    public static void Uniform(nn.Module module, double range)
    {
        using var noGrad = no_grad();
        foreach (var (_, m) in module.named_modules())
            if (m is Linear linear)
            {
                nn.init.uniform_(linear.weight!, -range, range);
                if (linear.bias is { } b) nn.init.zeros_(b);
            }
    }
}
