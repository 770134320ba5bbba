using GanWorkbench.Experiments;
using TorchSharp;
using TorchSharp.Modules;

namespace GanWorkbench.Training;

/// <summary>Builds optimisers by name (the <c>g_optim</c>/<c>d_optim</c> of experiments.yaml).
/// Two-time-scale updates (Heusel et al. 2017) are simply different learning rates for D and G.</summary>
public static class OptimizerFactory
{
    /// <summary>Known optimiser names.</summary>
    public static IReadOnlyCollection<string> Names { get; } = ["adam", "rmsprop", "sgd"];

    /// <summary>Creates the optimiser over <paramref name="parameters"/>.</summary>
    public static OptimizerHelper Create(OptimizerSpec spec, IEnumerable<Parameter> parameters) => spec.Name switch
    {
        "adam" => new Adam(parameters, spec.Lr, spec.Beta1, spec.Beta2),
        "rmsprop" => torch.optim.RMSProp(parameters, spec.Lr, momentum: spec.Momentum),
        "sgd" => torch.optim.SGD(parameters, spec.Lr, momentum: spec.Momentum),
        _ => throw new InputException($"unknown optimizer '{spec.Name}'; known: {string.Join(", ", Names)}."),
    };
}
