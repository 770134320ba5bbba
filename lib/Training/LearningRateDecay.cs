using TorchSharp.Modules;

namespace GanWorkbench.Training;

/// <summary>How a learning rate changes over a run's budget (<c>decay</c> of an optimiser).</summary>
public enum DecayKind
{
    /// <summary>Constant.</summary>
    None,
    /// <summary>Half a cosine from the initial rate to the final one.</summary>
    Cosine,
    /// <summary>Divided by a constant factor at every step (pylearn2's <c>ExponentialDecay</c>).</summary>
    Exponential,
    /// <summary>Piecewise constant: stage i lasts base^i epochs at lr·factor^i (Burda et al. 2015's schedule).</summary>
    Stages,
}

/// <summary>A learning-rate schedule: the kind, the initial and smallest rates, the factor of the
/// exponential and staged kinds, the base of the staged kind, and the steps in one epoch.</summary>
/// <param name="Kind">The kind of decay.</param>
/// <param name="Lr">The rate at step 0.</param>
/// <param name="LrMin">The smallest rate (the cosine's end; a floor for the exponential).</param>
/// <param name="Factor">Exponential: the per-step divisor (e.g. 1.000004); stages: the per-stage multiplier (e.g. 10^(−1/7)).</param>
/// <param name="StageBase">Stages: stage i lasts StageBase^i epochs.</param>
/// <param name="StepsPerEpoch">Steps in one epoch (for the staged kind).</param>
public sealed record DecaySchedule(DecayKind Kind, double Lr, double LrMin = 0, double Factor = 1, double StageBase = 3, long StepsPerEpoch = 1);

/// <summary>
/// Learning-rate decay over a run's budget. <see cref="DecayKind.None"/> keeps the rate;
/// <see cref="DecayKind.Cosine"/> follows half a cosine from <c>lr</c> at step 0 towards <c>lrMin</c> at
/// the end of the budget — Loshchilov &amp; Hutter 2017 (SGDR), eq. 5 with a single period and no
/// restart: η_t = η_min + ½(η_max − η_min)(1 + cos(π t / T)); <see cref="DecayKind.Exponential"/> is
/// η_t = max(η_0 / factor^t, η_min) (Goodfellow et al. 2014's mnist.yaml: 1.000004 per step);
/// <see cref="DecayKind.Stages"/> is η = η_0 · factor^i in stage i, which spans base^i epochs (Burda et al.
/// 2015, §5: 3^i passes at 10^(−3 − i/7)). The rate is a function of the step alone, so a resumed run
/// continues on the same curve.
/// </summary>
public static class LearningRateDecay
{
    /// <summary>The learning rate for the step that follows <paramref name="step"/> completed steps of
    /// <paramref name="totalSteps"/>.</summary>
    public static double At(DecaySchedule schedule, long step, long totalSteps) => schedule.Kind switch
    {
        DecayKind.None => schedule.Lr,
        DecayKind.Cosine => schedule.LrMin + 0.5 * (schedule.Lr - schedule.LrMin) * (1 + Math.Cos(Math.PI * Math.Clamp((double)step / Math.Max(1, totalSteps), 0, 1))),
        DecayKind.Exponential => Math.Max(schedule.LrMin, schedule.Lr / Math.Pow(schedule.Factor, step)),
        DecayKind.Stages => schedule.Lr * Math.Pow(schedule.Factor, Stage(step / Math.Max(1, schedule.StepsPerEpoch), schedule.StageBase)),
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Kind, null),
    };

    /// <summary>The stage an epoch (0-based) falls in when stage i spans base^i epochs.</summary>
    public static int Stage(long epoch, double stageBase)
    {
        int stage = 0;
        for (double end = 1; epoch >= end; stage++) end += Math.Pow(stageBase, stage + 1);
        return stage;
    }

    /// <summary>Sets every parameter group of <paramref name="optimizer"/> to <see cref="At"/> (nothing to do
    /// for <see cref="DecayKind.None"/>: the optimiser was built with the initial rate).</summary>
    public static void Apply(OptimizerHelper optimizer, DecaySchedule schedule, long step, long totalSteps)
    {
        if (schedule.Kind == DecayKind.None) return;
        double rate = At(schedule, step, totalSteps);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
