using GanWorkbench.Experiments;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>Builds optimisers by name (the <c>g_optim</c>/<c>d_optim</c> of experiments.yaml).</summary>
public static class OptimizerFactory
{
    /// <summary>Known optimiser names.</summary>
    public static IReadOnlyCollection<string> Names { get; } = ["adam", "rmsprop", "sgd"];

    /// <summary>Creates the optimiser over <paramref name="parameters"/>.</summary>
    public static optim.Optimizer Create(OptimizerSpec spec, IEnumerable<TorchSharp.Modules.Parameter> parameters) => spec.Name switch
    {
        "adam" => optim.Adam(parameters, spec.Lr, spec.Beta1, spec.Beta2),
        "rmsprop" => optim.RMSProp(parameters, spec.Lr),
        "sgd" => optim.SGD(parameters, spec.Lr),
        _ => throw new InputException($"unknown optimizer '{spec.Name}'; known: {string.Join(", ", Names)}."),
    };
}
