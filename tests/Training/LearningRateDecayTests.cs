using GanWorkbench.Experiments;
using GanWorkbench.Training;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Training;

/// <summary>The cosine decay of Loshchilov &amp; Hutter 2017 (eq. 5, one period): its values at the
/// ends and the middle, and that the optimiser really steps with them.</summary>
public class LearningRateDecayTests
{
    static readonly OptimizerSpec Cosine = new() { Lr = 1e-3, LrMin = 1e-4, Decay = DecayKind.Cosine };

    [Theory]
    [InlineData(0, 1e-3)]                 // starts at lr
    [InlineData(500, 5.5e-4)]             // halfway: the mean of lr and lr_min
    [InlineData(250, 1e-4 + 0.45e-3 * (1 + 0.70710678118654752))]
    [InlineData(1000, 1e-4)]              // ends at lr_min
    [InlineData(1200, 1e-4)]              // and stays there past the budget
    public void Cosine_follows_half_a_cosine_from_lr_to_lr_min(long step, double expected) =>
        Assert.Equal(expected, OptimizerFactory.LearningRate(Cosine, step, 1000), 15);

    [Fact]
    public void None_keeps_the_learning_rate() =>
        Assert.Equal(2e-4, OptimizerFactory.LearningRate(new OptimizerSpec { Lr = 2e-4 }, 700, 1000));

    [Fact]
    public void Sgd_steps_with_the_decayed_rate()
    {
        var spec = Cosine with { Name = OptimizerName.Sgd };
        var w = new TorchSharp.Modules.Parameter(tensor(new float[] { 1f }));
        using var sgd = OptimizerFactory.Create(spec, [w]);
        // Loss w: gradient 1, so an SGD step moves w by exactly -lr.
        OptimizerFactory.ApplyDecay(sgd, spec, 500, 1000);
        sgd.zero_grad();
        w.sum().backward();
        sgd.step();
        Assert.Equal(1 - 5.5e-4, w.item<float>(), 6);
    }
}
