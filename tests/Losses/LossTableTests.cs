using GanWorkbench.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Losses;

/// <summary>Every loss on fixed scores against values computed by hand from its closed form
/// (real scores [1, −0.5], generated scores [0.3, −2]; BEGAN's are reconstruction errors).</summary>
public class LossTableTests
{
    const double Tol = 1e-6;
    static readonly float[] Real = [1.0f, -0.5f];
    static readonly float[] Fake = [0.3f, -2.0f];

    // loss, D total, D real part, D fake part, G loss
    public static TheoryData<string, double, double, double, double> Table() => new()
    {
        // NS D: mean softplus(−r) + mean softplus(f); G: mean softplus(−f)
        { "ns", 1.1343109636049147, 0.6436693358491647, 0.4906416277557498, 1.3406416277557498 },
        // one-sided label smoothing: real target 0.9 → mean (softplus(r) − 0.9·r)
        { "ns-smooth-0.9", 1.1593109636049146, 0.6686693358491647, 0.4906416277557498, 1.3406416277557498 },
        // minimax G: mean log(1 − σ(f)) = −mean softplus(f)
        { "mm", 1.1343109636049147, 0.6436693358491647, 0.4906416277557498, -0.4906416277557498 },
        // WGAN: D = mean f − mean r = −0.85 − 0.25; G = −mean f
        { "wgan", -1.1, -0.25, -0.85, 0.85 },
        // LSGAN a=0, b=1, c=1: ½·mean (r−1)², ½·mean f², ½·mean (f−1)²
        { "lsgan", 1.585, 0.5625, 1.0225, 2.3725 },
        // LSGAN a=−1, b=1, c=0 (Mao et al. Eq. 9)
        { "lsgan-pearson", 1.235, 0.5625, 0.6725, 1.0225 },
        // hinge: mean max(0, 1−r) = 0.75, mean max(0, 1+f) = 0.65; G = −mean f
        { "hinge", 1.4, 0.75, 0.65, 0.85 },
    };

    static GanLoss Make(string name) => name switch
    {
        "ns" => new NonSaturatingLoss(),
        "ns-smooth-0.9" => new NonSaturatingLoss(0.9),
        "mm" => new MinimaxLoss(),
        "wgan" => new WassersteinLoss(),
        "lsgan" => new LeastSquaresLoss(),
        "lsgan-pearson" => new LeastSquaresLoss(fakeTarget: -1, realTarget: 1, generatorTarget: 0),
        "hinge" => new HingeLoss(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Loss_values_match_the_closed_forms(string name, double dTotal, double dReal, double dFake, double g)
    {
        using var scope = NewDisposeScope();
        var terms = Make(name).Compute(tensor(Real), tensor(Fake));
        Assert.Equal(dTotal, terms.Discriminator.item<float>(), Tol);
        Assert.Equal(dReal, terms.DiscriminatorReal.item<float>(), Tol);
        Assert.Equal(dFake, terms.DiscriminatorFake.item<float>(), Tol);
        Assert.Equal(g, terms.Generator.item<float>(), Tol);
    }

    [Fact]
    public void Began_loss_and_its_equilibrium_controller_match_the_paper()
    {
        using var scope = NewDisposeScope();
        // L(x) = [0.2, 0.4] (mean 0.3), L(G(z)) = [0.5, 0.3] (mean 0.4), k_t = 0.25, γ = 0.5, λ_k = 0.001
        var loss = new BeganLoss(gamma: 0.5, lambdaK: 0.001, initialK: 0.25);
        var real = tensor(new[] { 0.2f, 0.4f });
        var fake = tensor(new[] { 0.5f, 0.3f });
        var terms = loss.Compute(real, fake);
        Assert.Equal(0.3 - 0.25 * 0.4, terms.Discriminator.item<float>(), Tol);   // L(x) − k_t·L(G(z))
        Assert.Equal(0.3, terms.DiscriminatorReal.item<float>(), Tol);
        Assert.Equal(-0.1, terms.DiscriminatorFake.item<float>(), Tol);
        Assert.Equal(0.4, terms.Generator.item<float>(), Tol);
        var m = loss.UpdateEquilibrium(real, fake);
        Assert.Equal(0.3 + Math.Abs(0.5 * 0.3 - 0.4), m.item<float>(), Tol);      // M = L(x) + |γL(x) − L(G(z))| = 0.55
        Assert.Equal(0.25 + 0.001 * (0.5 * 0.3 - 0.4), loss.K, Tol);              // k_{t+1} = 0.24975
    }

    [Fact]
    public void Began_k_accumulates_over_successive_updates()
    {
        using var scope = NewDisposeScope();
        // Balance γL(x) − L(G(z)) = 0.5·1 − 0 = 0.5 each time: k_t = 0.001·0.5·t, from k_0 = 0.
        var loss = new BeganLoss(gamma: 0.5, lambdaK: 0.001);
        for (int t = 1; t <= 3; t++)
        {
            loss.UpdateEquilibrium(tensor(new[] { 1f }), tensor(new[] { 0f }));
            loss.Compute(tensor(new[] { 1f }), tensor(new[] { 0f }));            // D's loss reads k_t on the scores' device too
            Assert.Equal(0.0005 * t, loss.K, 1e-9);
        }
        Assert.Equal(-0.0015 * 2, loss.Compute(tensor(new[] { 1f }), tensor(new[] { 2f })).DiscriminatorFake.item<float>(), 1e-7); // −k_t·L(G(z))
    }

    [Fact]
    public void Began_k_is_clipped_to_the_unit_interval()
    {
        using var scope = NewDisposeScope();
        var loss = new BeganLoss(gamma: 1, lambdaK: 10, initialK: 0.5);
        loss.UpdateEquilibrium(tensor(new[] { 1f }), tensor(new[] { 0f }));        // balance +1 → 0.5 + 10 → 1
        Assert.Equal(1.0, loss.K);
        loss.UpdateEquilibrium(tensor(new[] { 0f }), tensor(new[] { 1f }));        // balance −1 → 1 − 10 → 0
        Assert.Equal(0.0, loss.K);
    }

    [Theory]
    [InlineData("ns", 0.5542996237140752, 0.3468227194168883)]              // σ of the logits
    [InlineData("wgan", 0.25, -0.85)]                                        // raw critic values
    public void Logged_discriminator_outputs_are_in_the_losss_units(string name, double real, double fake)
    {
        using var scope = NewDisposeScope();
        var loss = Make(name);
        Assert.Equal(real, loss.Output(tensor(Real)).item<float>(), Tol);
        Assert.Equal(fake, loss.Output(tensor(Fake)).item<float>(), Tol);
    }

    [Fact]
    public void Minimax_generator_gradient_vanishes_where_the_non_saturating_one_does_not()
    {
        // D(G(z)) → 0: logit −20. ∂/∂l of log(1 − σ(l)) is −σ(l) ≈ −2e−9; of −log σ(l) it is −(1 − σ(l)) ≈ −1.
        using var scope = NewDisposeScope();
        double Gradient(GanLoss loss, float logit)
        {
            var l = tensor(new[] { logit }).requires_grad_(true);
            loss.Generator(l).backward();
            return l.grad!.item<float>();
        }
        Assert.Equal(-1 / (1 + Math.Exp(20)), Gradient(new MinimaxLoss(), -20f), 1e-10);
        Assert.Equal(-1.0, Gradient(new NonSaturatingLoss(), -20f), 1e-6);
        // Away from saturation both point the same way: at l = 0 both gradients are −½.
        Assert.Equal(-0.5, Gradient(new MinimaxLoss(), 0f), 1e-7);
        Assert.Equal(-0.5, Gradient(new NonSaturatingLoss(), 0f), 1e-7);
        // … and at D(G(z)) → 1 it is the non-saturating loss whose gradient vanishes.
        Assert.Equal(-1.0, Gradient(new MinimaxLoss(), 20f), 1e-6);
        Assert.Equal(-1 / (1 + Math.Exp(20)), Gradient(new NonSaturatingLoss(), 20f), 1e-8);   // float32 rounds σ(20) to 1
    }
}
