using static TorchSharp.torch;

namespace GanWorkbench.Losses;

/// <summary>
/// The Wasserstein GAN loss (Arjovsky, Chintala, Bottou 2017, Eq. 3 and Algorithm 1): the critic
/// estimates <c>W(P_r, P_g) ≈ max_{‖f‖_L ≤ 1} E_x[f(x)] − E_z[f(G(z))]</c>.
/// <para>Critic: <c>L_D = E_z[f(G(z))] − E_x[f(x)]</c> (Real = −E f(x), Fake = E f(G(z))).</para>
/// <para>G: <c>L_G = −E_z[f(G(z))]</c>.</para>
/// The Lipschitz constraint is not part of the loss: add <see cref="WeightClipping"/> (WGAN, c = 0.01)
/// or <see cref="GradientPenalty"/> (WGAN-GP, Gulrajani et al. 2017).
/// </summary>
public sealed class WassersteinLoss : GanLoss
{
    /// <inheritdoc/>
    public override string Name => "wgan";

    /// <inheritdoc/>
    public override DiscriminatorLoss Discriminator(Tensor realScores, Tensor fakeScores)
    {
        var real = realScores.mean().neg();
        var fake = fakeScores.mean();
        return new DiscriminatorLoss(real + fake, real, fake);
    }

    /// <inheritdoc/>
    public override Tensor Generator(Tensor fakeScores) => fakeScores.mean().neg();
}
