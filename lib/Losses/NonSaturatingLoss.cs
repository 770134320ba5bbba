using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanWorkbench.Losses;

/// <summary>
/// The non-saturating GAN loss (Goodfellow et al. 2014, §3, the "−log D trick").
/// <para>D: <c>L_D = −E_x[log D(x)] − E_z[log(1 − D(G(z)))]</c> with D = σ(logit), Eq. 1 as a
/// minimisation; with one-sided label smoothing (Salimans et al. 2016, §3.4) the real target is
/// <c>realTarget</c> (e.g. 0.9) instead of 1, and the fake target stays 0.</para>
/// <para>G: <c>L_G = −E_z[log D(G(z))]</c>: same fixed point as the minimax loss, but strong gradients
/// early in training, when D rejects generated samples confidently (∂L_G/∂logit → −1 as D(G(z)) → 0).</para>
/// Computed on logits with <c>binary_cross_entropy_with_logits</c> (numerically stable).
/// </summary>
public sealed class NonSaturatingLoss : GanLoss
{
    /// <summary>Target for real samples in the D loss (1 = no smoothing).</summary>
    public double RealTarget { get; }

    /// <param name="realTarget">One-sided label smoothing target for real samples, in (0, 1].</param>
    public NonSaturatingLoss(double realTarget = 1.0)
    {
        if (realTarget is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(realTarget), realTarget, "must be in (0, 1]");
        RealTarget = realTarget;
    }

    /// <inheritdoc/>
    public override string Name => "ns";

    /// <inheritdoc/>
    public override DiscriminatorLoss Discriminator(Tensor realScores, Tensor fakeScores) =>
        CrossEntropyParts.Discriminator(realScores, fakeScores, RealTarget);

    /// <inheritdoc/>
    public override Tensor Generator(Tensor fakeScores) =>
        binary_cross_entropy_with_logits(fakeScores, ones_like(fakeScores));

    /// <inheritdoc/>
    public override Tensor Output(Tensor scores) => torch.sigmoid(scores).mean();
}

/// <summary>The discriminator side shared by the minimax and non-saturating losses.</summary>
internal static class CrossEntropyParts
{
    /// <summary><c>−E[t·log σ(r) + (1−t)·log(1−σ(r))] − E[log(1 − σ(f))]</c>, t = real target.</summary>
    public static DiscriminatorLoss Discriminator(Tensor realScores, Tensor fakeScores, double realTarget)
    {
        var real = binary_cross_entropy_with_logits(realScores, full_like(realScores, realTarget));
        var fake = binary_cross_entropy_with_logits(fakeScores, zeros_like(fakeScores));
        return new DiscriminatorLoss(real + fake, real, fake);
    }
}
