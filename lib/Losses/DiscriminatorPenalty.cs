using static TorchSharp.torch;

namespace GanWorkbench.Losses;

/// <summary>
/// A regulariser on the discriminator's input gradients, added to its loss. <c>critic</c> maps a
/// batch of samples to D's scores (B); conditional games pass <c>x ↦ D(x, y)</c>. The result is the
/// weighted penalty (a scalar) with its graph kept, so D's optimiser differentiates through it.
/// Gradient penalties are defined per sample: a discriminator with batch norm mixes samples and
/// makes them meaningless (Gulrajani et al. 2017, §4), which the validator rejects.
/// </summary>
public abstract class DiscriminatorPenalty
{
    /// <summary>The name used in experiments.yaml (<c>loss.penalty</c>).</summary>
    public abstract string Name { get; }

    /// <summary>λ or γ: the penalty's weight.</summary>
    public double Weight { get; }

    /// <summary>Base constructor.</summary>
    protected DiscriminatorPenalty(double weight)
    {
        if (!(weight >= 0)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "must be ≥ 0");
        Weight = weight;
    }

    /// <summary>The weighted penalty for one D step.</summary>
    public abstract Tensor Compute(Func<Tensor, Tensor> critic, Tensor real, Tensor fake);

    /// <summary>
    /// ∇_x D(x) for every sample of <paramref name="x"/>, flattened to (B, d). The input is a detached
    /// copy that requires grad; the graph is kept (<c>create_graph</c> with <c>retain_graph</c>, which
    /// TorchSharp does not imply) so the penalty can be differentiated with respect to D's parameters.
    /// Summing the scores before differentiating is exact because sample i's score depends on x_i only.
    /// </summary>
    public static Tensor InputGradients(Func<Tensor, Tensor> critic, Tensor x)
    {
        var input = x.detach().requires_grad_(true);
        var scores = critic(input);                                             // (B)
        var grads = autograd.grad([scores.sum()], [input], retain_graph: true, create_graph: true)[0];
        return grads.flatten(1);                                                // (B, C·H·W): one row per sample
    }

    /// <summary>A tensor of shape (B, 1, …, 1) matching <paramref name="x"/>'s rank, uniform in [0, 1):
    /// one mixing weight per sample, broadcast over the sample's dimensions.</summary>
    public static Tensor PerSampleUniform(Tensor x)
    {
        var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[0] = x.shape[0];
        return rand(shape, dtype: x.dtype, device: x.device);
    }
}

/// <summary>
/// WGAN-GP's two-sided gradient penalty (Gulrajani et al. 2017, Eq. 3 and Algorithm 1):
/// <c>λ·E_x̂[(‖∇_x̂ D(x̂)‖₂ − 1)²]</c> with <c>x̂ = ε·x + (1 − ε)·x̃</c>, ε ~ U[0, 1] drawn once per
/// sample (not per pixel) and the norm taken over the whole flattened sample (not one axis) —
/// the two classic bugs of popular re-implementations. Paper: λ = 10 (toy problems: 0.1).
/// For a linear critic D(x) = w·x the penalty is exactly λ(‖w‖ − 1)².
/// </summary>
public sealed class GradientPenalty(double weight = 10) : DiscriminatorPenalty(weight)
{
    /// <inheritdoc/>
    public override string Name => "gp";

    /// <inheritdoc/>
    public override Tensor Compute(Func<Tensor, Tensor> critic, Tensor real, Tensor fake)
    {
        var eps = PerSampleUniform(real);                                       // (B, 1, 1, 1)
        var mixed = eps * real.detach() + (1 - eps) * fake.detach();            // (B, C, H, W)
        var norms = InputGradients(critic, mixed).norm(1);                      // (B)
        return norms.sub(1).square().mean().mul(Weight);
    }
}

/// <summary>
/// DRAGAN's penalty (Kodali et al. 2017, "On Convergence and Stability of GANs", §4): the same
/// <c>λ·E[(‖∇D(x̂)‖₂ − 1)²]</c>, but around the data only: <c>x̂ = x + α·(x_p − x)</c> with the
/// perturbed batch <c>x_p = x + 0.5·std(x)·u</c>, u ~ U[0, 1] per pixel and α ~ U[0, 1] per sample,
/// as in the authors' reference code. Used with the non-saturating loss; λ = 10.
/// </summary>
public sealed class DraganPenalty(double weight = 10) : DiscriminatorPenalty(weight)
{
    /// <inheritdoc/>
    public override string Name => "dragan";

    /// <inheritdoc/>
    public override Tensor Compute(Func<Tensor, Tensor> critic, Tensor real, Tensor fake)
    {
        var x = real.detach();
        var perturbed = x + rand_like(x) * x.std() * 0.5;                       // (B, C, H, W)
        var alpha = PerSampleUniform(x);                                        // (B, 1, 1, 1)
        var mixed = x + alpha * (perturbed - x);
        var norms = InputGradients(critic, mixed).norm(1);                      // (B)
        return norms.sub(1).square().mean().mul(Weight);
    }
}

/// <summary>
/// R1 (Mescheder, Geiger, Nowozin 2018, Eq. 9): <c>(γ/2)·E_{x~P_data}[‖∇_x D(x)‖²]</c>, a zero-centred
/// penalty on real data only; it makes simultaneous and alternating gradient descent converge
/// locally for the Dirac-GAN and, empirically, beyond.
/// </summary>
public sealed class R1Penalty(double weight = 10) : DiscriminatorPenalty(weight)
{
    /// <inheritdoc/>
    public override string Name => "r1";

    /// <inheritdoc/>
    public override Tensor Compute(Func<Tensor, Tensor> critic, Tensor real, Tensor fake) =>
        InputGradients(critic, real).square().sum(1).mean().mul(Weight / 2);
}

/// <summary>R2 (Mescheder et al. 2018, Eq. 10): <c>(γ/2)·E_{x~P_G}[‖∇_x D(x)‖²]</c>, the same penalty
/// on generated samples.</summary>
public sealed class R2Penalty(double weight = 10) : DiscriminatorPenalty(weight)
{
    /// <inheritdoc/>
    public override string Name => "r2";

    /// <inheritdoc/>
    public override Tensor Compute(Func<Tensor, Tensor> critic, Tensor real, Tensor fake) =>
        InputGradients(critic, fake).square().sum(1).mean().mul(Weight / 2);
}
