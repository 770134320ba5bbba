using static TorchSharp.torch;

namespace GanWorkbench.Losses;

/// <summary>
/// Least-squares GAN (Mao et al. 2017, Eq. 2), on raw scores D(x) (no sigmoid):
/// <para>D: <c>L_D = ½·E_x[(D(x) − b)²] + ½·E_z[(D(G(z)) − a)²]</c></para>
/// <para>G: <c>L_G = ½·E_z[(D(G(z)) − c)²]</c></para>
/// The paper's default coding is a = 0, b = 1, c = 1 (Eq. 9 uses a = −1, b = 1, c = 0, which
/// minimises the Pearson χ² divergence when b − c = 1 and b − a = 2). In experiments.yaml:
/// <c>fake_target</c> = a, <c>real_target</c> = b, <c>generator_target</c> = c.
/// </summary>
public sealed class LeastSquaresLoss : GanLoss
{
    /// <summary>a: the target D is trained to give generated samples.</summary>
    public double FakeTarget { get; }
    /// <summary>b: the target D is trained to give real samples.</summary>
    public double RealTarget { get; }
    /// <summary>c: the value G wants D to give its samples.</summary>
    public double GeneratorTarget { get; }

    /// <param name="fakeTarget">a (default 0).</param>
    /// <param name="realTarget">b (default 1).</param>
    /// <param name="generatorTarget">c (default 1).</param>
    public LeastSquaresLoss(double fakeTarget = 0, double realTarget = 1, double generatorTarget = 1)
    {
        FakeTarget = fakeTarget; RealTarget = realTarget; GeneratorTarget = generatorTarget;
    }

    /// <inheritdoc/>
    public override string Name => "lsgan";

    /// <inheritdoc/>
    public override DiscriminatorLoss Discriminator(Tensor realScores, Tensor fakeScores)
    {
        var real = realScores.sub(RealTarget).square().mean().mul(0.5);
        var fake = fakeScores.sub(FakeTarget).square().mean().mul(0.5);
        return new DiscriminatorLoss(real + fake, real, fake);
    }

    /// <inheritdoc/>
    public override Tensor Generator(Tensor fakeScores) => fakeScores.sub(GeneratorTarget).square().mean().mul(0.5);
}
