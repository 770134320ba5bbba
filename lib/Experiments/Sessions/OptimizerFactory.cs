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
        OptimizerName.Adam => new Training.Adam(parameters, spec.Lr, spec.Beta1, spec.Beta2),
        OptimizerName.Rmsprop => torch.optim.RMSProp(parameters, spec.Lr, momentum: spec.Momentum),
        OptimizerName.Sgd => torch.optim.SGD(parameters, spec.Lr, momentum: spec.Momentum),
        var other => throw new ArgumentOutOfRangeException(nameof(spec), other, null),
    };

    /// <summary>The learning rate the section gives the step after <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    public static double LearningRate(OptimizerSpec spec, long step, long totalSteps) =>
        LearningRateDecay.At(spec.Decay, spec.Lr, spec.LrMin, step, totalSteps);

    /// <summary>Sets the optimiser's rate for the coming step (nothing to do without decay).</summary>
    public static void ApplyDecay(OptimizerHelper optimizer, OptimizerSpec spec, long step, long totalSteps) =>
        LearningRateDecay.Apply(optimizer, spec.Decay, spec.Lr, spec.LrMin, step, totalSteps);
}
