using GanWorkbench.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace GanWorkbench.Experiments;

/// <summary>Builds a player's optimiser from its <c>g_optim</c>/<c>d_optim</c> section and follows the
/// section's learning-rate decay. Two-time-scale updates (Heusel et al. 2017) are simply different
/// learning rates for D and G.</summary>
public static class OptimizerFactory
{
    /// <summary>Creates the optimiser over <paramref name="parameters"/>.</summary>
    public static OptimizerHelper Create(OptimizerSpec spec, IEnumerable<Parameter> parameters) => spec.Name switch
    {
        OptimizerName.Adam => new Training.Adam(parameters, spec.Lr, spec.Beta1, spec.Beta2, spec.Eps ?? 1e-8, spec.WeightDecay ?? 0),
        OptimizerName.Rmsprop => torch.optim.RMSProp(parameters, spec.Lr, momentum: spec.Momentum, weight_decay: spec.WeightDecay ?? 0),
        OptimizerName.Sgd => torch.optim.SGD(parameters, spec.Lr, momentum: spec.Momentum, weight_decay: spec.WeightDecay ?? 0),
        var other => throw new ArgumentOutOfRangeException(nameof(spec), other, null),
    };

    /// <summary>The section's learning-rate schedule, for a run of <paramref name="stepsPerEpoch"/> steps per epoch.</summary>
    public static DecaySchedule Schedule(OptimizerSpec spec, long stepsPerEpoch = 1) =>
        new(spec.Decay, spec.Lr, spec.LrMin, spec.DecayFactor, spec.StageBase, stepsPerEpoch);

    /// <summary>The learning rate the section gives the step after <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    public static double LearningRate(OptimizerSpec spec, long step, long totalSteps, long stepsPerEpoch = 1) =>
        LearningRateDecay.At(Schedule(spec, stepsPerEpoch), step, totalSteps);

    /// <summary>Sets the optimiser's rate (and an SGD's ramped momentum) for the coming step.</summary>
    public static void ApplyDecay(OptimizerHelper optimizer, OptimizerSpec spec, long step, long totalSteps, long stepsPerEpoch = 1)
    {
        LearningRateDecay.Apply(optimizer, Schedule(spec, stepsPerEpoch), step, totalSteps);
        if (spec.MomentumFinal is not double final || optimizer is not SGD sgd) return;
        double momentum = Momentum(spec.Momentum, final, spec.MomentumEpochs, step / Math.Max(1, stepsPerEpoch) + 1);
        foreach (var group in sgd.ParamGroups) ((SGD.ParamGroup)group).Momentum = momentum;
    }

    /// <summary>pylearn2's <c>MomentumAdjustor</c>: <paramref name="initial"/> at epoch 1 rising linearly to
    /// <paramref name="final"/> at epoch <paramref name="saturate"/> and staying there.</summary>
    public static double Momentum(double initial, double final, int saturate, long epoch) =>
        saturate <= 1 ? final : initial + (final - initial) * Math.Clamp((epoch - 1) / (double)(saturate - 1), 0, 1);
}
