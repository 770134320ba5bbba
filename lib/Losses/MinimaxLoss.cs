using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanWorkbench.Losses;

/// <summary>
/// The minimax ("saturating") GAN loss, Goodfellow et al. 2014, Eq. 1:
/// <c>min_G max_D E_x[log D(x)] + E_z[log(1 − D(G(z)))]</c>.
/// <para>D: <c>L_D = −E_x[log D(x)] − E_z[log(1 − D(G(z)))]</c> (as the non-saturating loss; the
/// real target may be smoothed, Salimans et al. 2016, §3.4).</para>
/// <para>G: <c>L_G = E_z[log(1 − D(G(z)))] = −E_z[softplus(logit)]</c>. Its gradient with respect to
/// the logit is <c>−σ(logit) = −D(G(z))</c>, which vanishes when D rejects the samples confidently —
/// the reason the paper recommends the non-saturating form in practice (§3).</para>
/// </summary>
public sealed class MinimaxLoss : GanLoss
{
    /// <summary>Target for real samples in the D loss (1 = no smoothing).</summary>
    public double RealTarget { get; }

    /// <param name="realTarget">One-sided label smoothing target for real samples, in (0, 1].</param>
    public MinimaxLoss(double realTarget = 1.0)
    {
        if (realTarget is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(realTarget), realTarget, "must be in (0, 1]");
        RealTarget = realTarget;
    }

    /// <inheritdoc/>
    public override string Name => "mm";

    /// <inheritdoc/>
    public override DiscriminatorLoss Discriminator(Tensor realScores, Tensor fakeScores) =>
        CrossEntropyParts.Discriminator(realScores, fakeScores, RealTarget);

    /// <inheritdoc/>
    public override Tensor Generator(Tensor fakeScores) => softplus(fakeScores).mean().neg();   // log(1 − σ(l)) = −softplus(l)

    /// <inheritdoc/>
    public override Tensor Output(Tensor scores) => torch.sigmoid(scores).mean();
}
