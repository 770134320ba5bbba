using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using GanWorkbench.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Training;

/// <summary>Dirac-GAN players (Mescheder et al. 2018): G outputs θ whatever z is, D(x) = ψ·x.</summary>
sealed class DiracGenerator : GeneratorModule
{
    readonly Parameter theta;
    public DiracGenerator(float value) : base(nameof(DiracGenerator), 1, [1])
    {
        theta = new Parameter(tensor(new[] { value }));
        RegisterComponents();
    }
    public double Theta => theta.item<float>();
    public override Tensor forward(Tensor z) => theta.expand(z.shape[0], 1);    // (B, 1)
}

sealed class DiracDiscriminator : DiscriminatorModule
{
    readonly Parameter psi;
    public DiracDiscriminator(float value) : base(nameof(DiracDiscriminator))
    {
        psi = new Parameter(tensor(new[] { value }));
        RegisterComponents();
    }
    public double Psi => psi.item<float>();
    public override Tensor forward(Tensor x) => x.select(1, 0) * psi;            // (B)
}

/// <summary>Records the order in which the trainer asks for D and G objectives.</summary>
sealed class RecordingGame(GeneratorModule g, DiscriminatorModule d, GanLoss loss) : StandardGame(g, d, loss)
{
    public List<char> Calls { get; } = [];
    public override Tensor DiscriminatorLoss(RealBatch real, MetricWindow log) { Calls.Add('D'); return base.DiscriminatorLoss(real, log); }
    public override Tensor GeneratorLoss(long batchSize, Device device, MetricWindow log) { Calls.Add('G'); return base.GeneratorLoss(batchSize, device, log); }
}

public class ScheduleTests
{
    const double H = 0.2;                                                       // Mescheder et al.'s step size
    static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));

    static (DiracGenerator G, DiracDiscriminator D, AdversarialTrainer Trainer) Dirac(UpdateSchedule schedule)
    {
        var g = new DiracGenerator(1f);
        var d = new DiracDiscriminator(1f);
        var trainer = AdversarialTrainer.Create(g, d, new NonSaturatingLoss(), schedule,
            optim.SGD(g.parameters(), H), optim.SGD(d.parameters(), H), () => zeros(4, 1), batchSize: 4);
        return (g, d, trainer);
    }

    // With data δ₀ and the NS loss: L_D = log 2 + softplus(ψθ), ∂L_D/∂ψ = θ·σ(ψθ);
    // L_G = softplus(−ψθ), ∂L_G/∂θ = −ψ·σ(−ψθ).
    [Fact]
    public void Simultaneous_steps_use_gradients_from_the_same_parameters()
    {
        var (g, d, trainer) = Dirac(UpdateSchedule.Simultaneous());
        trainer.Step();
        double psi = 1 - H * 1 * Sigmoid(1);                                    // both gradients at (θ, ψ) = (1, 1)
        double theta = 1 + H * 1 * Sigmoid(-1);
        Assert.Equal(psi, d.Psi, 1e-6);
        Assert.Equal(theta, g.Theta, 1e-6);
    }

    [Fact]
    public void Alternating_steps_give_G_the_updated_discriminator()
    {
        var (g, d, trainer) = Dirac(UpdateSchedule.Alternating(1));
        trainer.Step();
        double psi = 1 - H * 1 * Sigmoid(1);                                    // D first, at (1, 1)
        double theta = 1 + H * psi * Sigmoid(-psi);                             // then G, at (1, ψ')
        Assert.Equal(psi, d.Psi, 1e-6);
        Assert.Equal(theta, g.Theta, 1e-6);
        Assert.True(Math.Abs(theta - (1 + H * Sigmoid(-1))) > 1e-3, "the two schedules must differ here");
    }

    [Fact]
    public void With_k_5_the_discriminator_is_stepped_exactly_5_times_per_generator_step()
    {
        var g = new DiracGenerator(1f);
        var d = new DiracDiscriminator(1f);
        var game = new RecordingGame(g, d, new WassersteinLoss());
        int realBatches = 0;
        double thetaBefore = g.Theta;
        var optD = optim.SGD(d.parameters(), 0.1);
        var trainer = new AdversarialTrainer(game, UpdateSchedule.Alternating(5), optim.SGD(g.parameters(), 0.1), optD,
            () => { realBatches++; return new RealBatch(zeros(2, 1), null); }, 2);
        trainer.Step();
        Assert.Equal("DDDDDG", new string(game.Calls.ToArray()));
        trainer.Step();
        trainer.Step();
        Assert.Equal(string.Concat(Enumerable.Repeat("DDDDDG", 3)), new string(game.Calls.ToArray()));
        Assert.Equal((3L, 15L, 15), (trainer.StepCount, trainer.DiscriminatorSteps, realBatches));
        Assert.NotEqual(thetaBefore, g.Theta);
    }

    [Fact]
    public void Discriminator_steps_leave_G_alone_and_generator_steps_leave_D_alone()
    {
        var g = new DiracGenerator(0.5f);
        var d = new DiracDiscriminator(0.7f);
        var game = new StandardGame(g, d, new NonSaturatingLoss());
        using var window = new MetricWindow(CPU);
        var optG = optim.SGD(g.parameters(), 0.1);
        var optD = optim.SGD(d.parameters(), 0.1);
        using (var scope = NewDisposeScope())
        {
            var loss = game.DiscriminatorLoss(new RealBatch(zeros(3, 1), null), window);
            optG.zero_grad(); optD.zero_grad();
            loss.backward();
            Assert.Null(g.parameters().Single().grad);                           // no graph into G
            Assert.NotNull(d.parameters().Single().grad);
        }
        using (var scope = NewDisposeScope())
        using (new FrozenParameters(d))
        {
            optD.zero_grad();
            game.GeneratorLoss(3, CPU, window).backward();
            Assert.NotNull(g.parameters().Single().grad);
            var dGrad = d.parameters().Single().grad;
            Assert.True(dGrad is null || dGrad.abs().sum().item<float>() == 0);
        }
        Assert.True(d.parameters().Single().requires_grad);                      // unfrozen again
    }
}
