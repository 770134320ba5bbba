using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>
/// A fully connected layer with weight normalisation (Salimans &amp; Kingma 2016, eq. 2): y = x·Wᵀ + b, where
/// output unit i's weight row is w_i = s_i · v_i / ‖v_i‖, so the direction v_i and the length s_i are learnt
/// apart. <see cref="InitializeFromData"/> is the paper's data-dependent initialisation (§3.2).
/// The defaults are the MNIST layers of Salimans et al. 2016's code (improved-gan, <c>nn.DenseLayer</c>):
/// v ~ N(0, 0.1²), s = 1, b = 0, and s either trained or fixed once the initialisation has set it.
/// State-dict keys: <c>direction</c> (out, in), <c>scale</c> (out), <c>bias</c> (out).
/// </summary>
public sealed class WeightNormLinear : Module<Tensor, Tensor>
{
    readonly Parameter direction;
    readonly Parameter scale;
    readonly Parameter bias;

    /// <param name="inFeatures">Input size.</param>
    /// <param name="outFeatures">Output units.</param>
    /// <param name="trainScale">Whether the optimiser updates the scales s (Salimans et al. 2016 train them only
    /// in D's last layer; the others keep the scale the initialisation gave them).</param>
    /// <param name="initStd">Standard deviation of the initial directions v.</param>
    public WeightNormLinear(int inFeatures, int outFeatures, bool trainScale = true, double initStd = 0.1)
        : base(nameof(WeightNormLinear))
    {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(outFeatures), $"a weight-normalised layer needs ≥ 1 input and ≥ 1 output, got {inFeatures} → {outFeatures}");
        if (!(initStd > 0)) throw new ArgumentOutOfRangeException(nameof(initStd), initStd, "the directions' initial standard deviation must be positive");
        direction = new Parameter(randn(outFeatures, inFeatures).mul_(initStd));
        scale = new Parameter(ones(outFeatures), requires_grad: trainScale);
        bias = new Parameter(zeros(outFeatures));
        RegisterComponents();
    }

    /// <summary>Whether the scales s receive gradients.</summary>
    public bool TrainsScale => scale.requires_grad;

    /// <summary>The effective weight W (out, in): row i is s_i · v_i / ‖v_i‖.</summary>
    public Tensor Weight()
    {
        using var scope = NewDisposeScope();
        var norms = direction.norm(1, keepdim: true);                          // (out, 1): ‖v_i‖
        return direction.mul(scale.unsqueeze(1)).div(norms).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return functional.linear(x, Weight(), bias).MoveToOuterDisposeScope(); // (B, in) → (B, out)
    }

    /// <summary>
    /// Data-dependent initialisation (Salimans &amp; Kingma 2016, §3.2) on the batch <paramref name="x"/> (B, in):
    /// with t_i the pre-activation s_i · v_i·x / ‖v_i‖ and μ_i, σ_i its mean and standard deviation over the batch
    /// (σ² = mean of (t − μ)², as the authors' code), sets s_i ← s_i / σ_i and b_i ← −μ_i / σ_i, so that every unit's
    /// output on that batch has mean 0 and standard deviation 1. Returns that output, (B, out), for initialising the
    /// next layer on it.
    /// </summary>
    public Tensor InitializeFromData(Tensor x)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        if (x.dim() != 2 || x.shape[0] < 2)
            throw new ArgumentException($"the initialisation batch must be (B, in) with B ≥ 2, got ({string.Join(", ", x.shape)})", nameof(x));
        var t = functional.linear(x, Weight());                                 // (B, out), before the bias
        var mean = t.mean([0]);                                                 // (out)
        var centred = t.sub(mean);
        var std = centred.square().mean([0]).sqrt();                            // (out)
        long dead = std.eq(0).sum().item<long>();
        if (dead > 0)
            throw new ArgumentException($"{dead} of {std.shape[0]} units are constant on the initialisation batch (σ = 0); initialise on more varied inputs", nameof(x));
        scale.div_(std);
        bias.copy_(mean.neg().div(std));
        return centred.div(std).MoveToOuterDisposeScope();
    }
}
