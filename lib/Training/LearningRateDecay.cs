using GanWorkbench.Experiments;
using TorchSharp.Modules;

namespace GanWorkbench.Training;

/// <summary>
/// Learning-rate decay over a run's budget (the <c>decay</c> and <c>lr_min</c> of <c>g_optim</c> /
/// <c>d_optim</c>). <c>none</c> keeps <c>lr</c>; <c>cosine</c> follows half a cosine from <c>lr</c> at
/// step 0 towards <c>lr_min</c> at the end of the budget — Loshchilov &amp; Hutter 2017 (SGDR), eq. 5 with
/// a single period and no restart: η_t = η_min + ½(η_max − η_min)(1 + cos(π t / T)).
/// The rate is a function of the step alone, so a resumed run continues on the same curve.
/// </summary>
public static class LearningRateDecay
{
    /// <summary>Known decay names.</summary>
    public static IReadOnlyCollection<string> Names { get; } = ["none", "cosine"];

    /// <summary>The learning rate for the step that follows <paramref name="step"/> completed steps of
    /// <paramref name="totalSteps"/>.</summary>
    public static double At(OptimizerSpec spec, long step, long totalSteps) => spec.Decay switch
    {
        "none" => spec.Lr,
        "cosine" => spec.LrMin + 0.5 * (spec.Lr - spec.LrMin) * (1 + Math.Cos(Math.PI * Math.Clamp((double)step / Math.Max(1, totalSteps), 0, 1))),
        _ => throw new InputException($"unknown learning-rate decay '{spec.Decay}'; known: {string.Join(", ", Names)}."),
    };

    /// <summary>Sets every parameter group of <paramref name="optimizer"/> to <see cref="At"/>
    /// (nothing to do for <c>none</c>: the optimiser was built with <c>lr</c>).</summary>
    public static void Apply(OptimizerHelper optimizer, OptimizerSpec spec, long step, long totalSteps)
    {
        if (spec.Decay == "none") return;
        double lr = At(spec, step, totalSteps);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
    }
}
