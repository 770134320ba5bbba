using GanWorkbench.Losses;
using GanWorkbench.Metrics;
using GanWorkbench.Models;
using GanWorkbench.Theory;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>The 1-D GAN of notebook 02: models, the exact snapshot against theory, D-only steps, measured gradients.</summary>
public class LineGanTests
{
    /// <summary>G(z) = a + b·z on the uniform latent (p_g uniform on [a, a + b]).</summary>
    sealed class AffineLine : GeneratorModule
    {
        readonly TorchSharp.Modules.Linear map;
        public AffineLine(double a, double b) : base(nameof(AffineLine), 1, [1])
        {
            map = nn.Linear(1, 1);
            RegisterComponents();
            using var noGrad = no_grad();
            map.weight!.fill_(b); map.bias!.fill_(a);
        }
        protected override Tensor DrawLatent(long n, Device device, torch.Generator? generator) => rand(n, 1, generator: generator, device: device);
        public override Tensor forward(Tensor z) => map.forward(z);
    }

    /// <summary>logit(x) = u·x + c.</summary>
    sealed class LinearCritic : DiscriminatorModule
    {
        readonly TorchSharp.Modules.Linear map;
        public LinearCritic(double u, double c) : base(nameof(LinearCritic))
        {
            map = nn.Linear(1, 1);
            RegisterComponents();
            using var noGrad = no_grad();
            map.weight!.fill_(u); map.bias!.fill_(c);
        }
        public override Tensor forward(Tensor x) => map.forward(x).squeeze(1);
    }

    [Fact]
    public void Line_models_have_the_documented_shapes_and_a_uniform_latent()
    {
        torch.manual_seed(3);
        using var g = new LineGenerator(8);
        using var d = new LineDiscriminator(8);
        using var z = g.SampleLatent(1000, CPU);
        Assert.Equal([1000L, 1], z.shape);
        Assert.True(z.min().item<float>() >= 0 && z.max().item<float>() < 1);
        using var x = g.forward(z);
        Assert.Equal([1000L, 1], x.shape);
        using var logits = d.forward(x);
        Assert.Equal([1000L], logits.shape);
    }

    [Fact]
    public void Snapshot_of_a_uniform_generator_and_a_constant_discriminator_matches_the_theory()
    {
        using var g = new AffineLine(-1, 2);              // p_g = U(−1, 1)
        using var d = new LinearCritic(0, 0);             // D = ½ everywhere
        var data = Density1D.Gaussian(0.5, 0.5);
        var s = LineGanSnapshot.Capture(7, g, d, data, -2, 2, points: 41, latentGrid: 1001, bins: 40);

        var uniform = Density1D.Uniform(-1, 1);
        Assert.Equal(7, s.Step);
        Assert.Equal(MinimaxTheory.Jsd(data, uniform), s.Jsd, 1e-7);
        Assert.Equal(MinimaxTheory.VirtualTrainingCriterion(data, uniform), s.VirtualCriterion, 1e-7);
        Assert.Equal(s.CriterionFromJsd, s.VirtualCriterion, 1e-7);
        Assert.Equal(-Math.Log(4), s.Value, 1e-9);                              // V(G, ½) = −log 4 for every G
        Assert.True(s.Value < s.VirtualCriterion);                              // D = ½ is not optimal here
        Assert.All(s.Discriminator, p => Assert.Equal(0.5, p.Y, 1e-6));
        foreach (var p in s.Data) Assert.Equal(data.At(p.X), p.Y, 1e-12);
        foreach (var p in s.OptimalDiscriminator)
            Assert.Equal(MinimaxTheory.OptimalDiscriminator(data.At(p.X), uniform.At(p.X)), p.Y, 1e-6);
        Assert.Equal(21, s.Mapping.Count);
        foreach (var m in s.Mapping) Assert.Equal(-1 + 2 * m.X, m.Y, 1e-5);
    }

    [Fact]
    public void Snapshot_refuses_a_generator_that_is_not_one_dimensional()
    {
        using var g = new MlpGenerator(10, 8);
        using var d = new LinearCritic(0, 0);
        var e = Assert.Throws<ArgumentException>(() => LineGanSnapshot.Capture(0, g, d, Density1D.Gaussian(0, 1), -1, 1));
        Assert.StartsWith("a 1-D generator is needed (latent 1, samples of shape [1]); got latent 10, shape [1, 28, 28]", e.Message);
    }

    [Fact]
    public void Discriminator_steps_alone_approach_the_optimal_discriminator_and_leave_G_alone()
    {
        torch.manual_seed(1);
        using var g = new AffineLine(0, 2);                                     // p_g = U(0, 2)
        using var d = new LineDiscriminator(32);
        var data = Density1D.Gaussian(0, 0.5);
        using var optG = torch.optim.Adam(g.parameters(), 1e-2);
        using var optD = torch.optim.Adam(d.parameters(), 1e-2);
        using var trainer = AdversarialTrainer.Create(g, d, new NonSaturatingLoss(), UpdateSchedule.Alternating(), optG, optD,
            () => randn(512, 1).mul(0.5), 512);
        var before = g.parameters().Select(p => p.detach().clone()).ToList();
        for (int i = 0; i < 600; i++) trainer.StepDiscriminator();
        Assert.Equal(0, trainer.StepCount);
        Assert.Equal(600, trainer.DiscriminatorSteps);
        Assert.All(g.parameters().Zip(before), pair => Assert.True(pair.First.equal(pair.Second).item<bool>()));

        var s = LineGanSnapshot.Capture(0, g, d, data, -1, 1.8, points: 15);
        // Where both densities have mass D* varies smoothly; the trained D is close to it there.
        foreach (var (got, want) in s.Discriminator.Zip(s.OptimalDiscriminator).Where(p => p.First.X is > 0.1 and < 0.9))
            Assert.Equal(want.Y, got.Y, 0.08);
        Assert.InRange(s.VirtualCriterion - s.Value, 0, 0.05);                  // V(G, D) ≤ C(G), and close
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Measured_logit_gradients_equal_the_exact_formulas(double dOfGz)
    {
        var exact = GeneratorGradient.At(dOfGz);
        double a = exact.Logit;
        Assert.Equal(exact.MinimaxPerLogit, LossGradients.GeneratorPerLogit(new MinimaxLoss(), [a, a])[0], 1e-12);
        Assert.Equal(exact.NonSaturatingPerLogit, LossGradients.GeneratorPerLogit(new NonSaturatingLoss(), [a])[0], 1e-12);
    }

    [Fact]
    public void Generator_gradient_norm_of_an_affine_pair_matches_the_closed_form()
    {
        // G(z) = a + bz, logit = u·x + c. NS loss mean softplus(−logit): ∂/∂b = mean(−σ(−logit)·u·z), ∂/∂a = mean(−σ(−logit)·u).
        using var g = new AffineLine(0.5, 2);
        using var d = new LinearCritic(-3, 1);
        var zs = new[] { 0.1, 0.4, 0.8 };
        using var z = tensor(zs.Select(v => (float)v).ToArray(), [3, 1]);
        double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));
        var logits = zs.Select(v => -3 * (0.5 + 2 * v) + 1).ToArray();
        double db = zs.Select((v, i) => -Sigmoid(-logits[i]) * -3 * v).Average(), da = logits.Select(l => -Sigmoid(-l) * -3).Average();
        var m = LossGradients.GeneratorGradientNorm(new NonSaturatingLoss(), g, d, z);
        Assert.Equal(Math.Sqrt(da * da + db * db), m.GradientNorm, 1e-5);
        Assert.Equal(logits.Select(Sigmoid).Average(), m.MeanDOfGz, 1e-6);
        Assert.All(d.parameters(), p => Assert.True(p.requires_grad && p.grad is null));
        Assert.All(g.parameters(), p => Assert.Equal(0, p.grad!.abs().sum().item<float>()));
    }
}
