using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanWorkbench.Losses;

/// <summary>
/// The hinge loss (Lim &amp; Ye 2017, "Geometric GAN"; used by Miyato et al. 2018, SN-GAN, Eq. 16–17),
/// on raw scores:
/// <para>D: <c>L_D = E_x[max(0, 1 − D(x))] + E_z[max(0, 1 + D(G(z)))]</c></para>
/// <para>G: <c>L_G = −E_z[D(G(z))]</c></para>
/// </summary>
public sealed class HingeLoss : GanLoss
{
    /// <inheritdoc/>
    public override string Name => "hinge";

    /// <inheritdoc/>
    public override DiscriminatorLoss Discriminator(Tensor realScores, Tensor fakeScores)
    {
        var real = relu(realScores.neg().add(1)).mean();
        var fake = relu(fakeScores.add(1)).mean();
        return new DiscriminatorLoss(real + fake, real, fake);
    }

    /// <inheritdoc/>
    public override Tensor Generator(Tensor fakeScores) => fakeScores.mean().neg();
}
