using GanWorkbench.Experiments;
using GanWorkbench.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Losses;

/// <summary>Penalties on a linear critic D(x) = w·x, whose input gradient is w everywhere: WGAN-GP and
/// DRAGAN give exactly λ(‖w‖ − 1)², R1 and R2 give γ/2·‖w‖², whatever the samples.</summary>
public class PenaltyTests
{
    static Func<Tensor, Tensor> LinearCritic(Tensor w) => x => x.flatten(1).mv(w.flatten());   // (B)

    public static TheoryData<long[]> Shapes() => new() { new long[] { 16, 2 }, new long[] { 8, 1, 28, 28 }, new long[] { 4, 3, 5, 7 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradient_penalty_of_a_linear_critic_is_lambda_times_norm_minus_one_squared(long[] shape)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var w = randn(shape[1..]).mul(0.1);                                     // one weight per input dimension
        double norm = w.norm().item<float>();
        var real = randn(shape);
        var fake = randn(shape);
        double expected = 10 * (norm - 1) * (norm - 1);
        Assert.Equal(expected, new GradientPenalty(10).Compute(LinearCritic(w), real, fake).item<float>(), expected * 1e-5);
        Assert.Equal(expected, new DraganPenalty(10).Compute(LinearCritic(w), real, fake).item<float>(), expected * 1e-5);
    }

    [Fact]
    public void A_per_axis_norm_or_per_pixel_mixing_would_give_a_different_value()
    {
        // The classic bug takes the norm over one axis of an image gradient: with w spread over a 28×28
        // image, rows have norm ‖w‖/√28, so the penalty would be far from λ(‖w‖−1)². Ours is not.
        using var scope = NewDisposeScope();
        var w = full(new long[] { 1, 28, 28 }, 1.0f / 28);                      // ‖w‖ = 1 exactly → penalty 0
        var real = randn(4, 1, 28, 28);
        var fake = randn(4, 1, 28, 28);
        Assert.Equal(0, new GradientPenalty(10).Compute(LinearCritic(w), real, fake).item<float>(), 1e-6);
        var rowNorm = w.squeeze(0)[0].norm().item<float>();
        Assert.True(10 * (rowNorm - 1) * (rowNorm - 1) > 1, "a per-row norm would be penalised");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void R1_and_R2_of_a_linear_critic_are_half_gamma_times_squared_norm(long[] shape)
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var w = randn(shape[1..]);
        double squared = w.square().sum().item<float>();
        var real = randn(shape);
        var fake = randn(shape);
        Assert.Equal(5 * squared, new R1Penalty(10).Compute(LinearCritic(w), real, fake).item<float>(), squared * 1e-5);
        Assert.Equal(5 * squared, new R2Penalty(10).Compute(LinearCritic(w), real, fake).item<float>(), squared * 1e-5);
    }

    [Fact]
    public void R1_looks_at_real_data_and_R2_at_generated_data()
    {
        // D(x) = ½·Σx²: ∇D(x) = x, so R1 = γ/2·E‖x_real‖² and R2 = γ/2·E‖x_fake‖².
        using var scope = NewDisposeScope();
        Func<Tensor, Tensor> critic = x => x.flatten(1).square().sum(1).mul(0.5);
        var real = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);                  // ‖·‖² = 5, 25 → mean 15
        var fake = tensor(new float[] { 0, 1, 1, 1 }, [2, 2]);                  // ‖·‖² = 1, 2 → mean 1.5
        Assert.Equal(5 * 15, new R1Penalty(10).Compute(critic, real, fake).item<float>(), 1e-4);
        Assert.Equal(5 * 1.5, new R2Penalty(10).Compute(critic, real, fake).item<float>(), 1e-5);
    }

    [Fact]
    public void The_penalty_is_differentiable_with_respect_to_the_critic()
    {
        // d/dw λ(‖w‖ − 1)² = 2λ(‖w‖ − 1)·w/‖w‖: the penalty's graph must reach the critic's weights.
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 3, 4 }).requires_grad_(true);              // ‖w‖ = 5
        var penalty = new GradientPenalty(10).Compute(x => x.mv(w), randn(6, 2), randn(6, 2));
        Assert.Equal(160, penalty.item<float>(), 1e-3);                         // 10·(5 − 1)²
        penalty.backward();
        var grad = w.grad!.data<float>().ToArray();
        Assert.Equal(2 * 10 * 4 * 3 / 5.0, grad[0], 1e-3);                      // 48
        Assert.Equal(2 * 10 * 4 * 4 / 5.0, grad[1], 1e-3);                      // 64
    }

    [Fact]
    public void Weight_clipping_clamps_every_parameter()
    {
        using var scope = NewDisposeScope();
        using var layer = nn.Linear(3, 2);
        using (no_grad()) layer.weight!.copy_(tensor(new float[] { -1, 0.005f, 2, 0.3f, -0.009f, 0 }, [2, 3]));
        new WeightClipping(0.01).Apply(layer);
        Assert.Equal(new[] { -0.01f, 0.005f, 0.01f, 0.01f, -0.009f, 0 }, layer.weight!.data<float>().ToArray());
        Assert.True(layer.bias!.abs().max().item<float>() <= 0.01f);
    }

    [Fact]
    public void Loss_names_resolve_to_objective_penalty_and_clipping()
    {
        var gp = LossFactory.Resolve(new LossSpec { Name = LossName.WganGp });
        Assert.Equal((PenaltyKind.Gp, 10.0, 0.0), (gp.Penalty!.Value, gp.PenaltyWeight!.Value, gp.Clip!.Value));
        var wgan = LossFactory.Resolve(new LossSpec { Name = LossName.Wgan });
        Assert.Equal((PenaltyKind.None, 0.0, 0.01), (wgan.Penalty!.Value, wgan.PenaltyWeight!.Value, wgan.Clip!.Value));
        var hingeR1 = LossFactory.Resolve(new LossSpec { Name = LossName.Hinge, Penalty = PenaltyKind.R1 });
        Assert.Equal((PenaltyKind.R1, 10.0), (hingeR1.Penalty!.Value, hingeR1.PenaltyWeight!.Value));
        Assert.IsType<WassersteinLoss>(LossFactory.Create(gp));
        Assert.IsType<GradientPenalty>(LossFactory.CreatePenalty(gp));
        Assert.IsType<NonSaturatingLoss>(LossFactory.Create(new LossSpec { Name = LossName.Dragan }));
        Assert.IsType<DraganPenalty>(LossFactory.CreatePenalty(new LossSpec { Name = LossName.Dragan }));
        Assert.Equal(0.01, LossFactory.CreateClipping(wgan)!.Limit);
        Assert.Null(LossFactory.CreateClipping(gp));
        Assert.Equal(["mm", "ns", "wgan", "wgan-gp", "dragan", "lsgan", "hinge", "began", "r1", "r2"], YamlNames.Values(typeof(LossName)));
    }
}
