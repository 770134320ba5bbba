using TorchSharp.Modules;

namespace GanWorkbench.Training;

/// <summary>How a learning rate changes over a run's budget (<c>decay</c> of an optimiser).</summary>
public enum DecayKind
{
    /// <summary>Constant.</summary>
    None,
    /// <summary>Half a cosine from the initial rate to the final one.</summary>
    Cosine,
}

/// <summary>
/// Learning-rate decay over a run's budget. <see cref="DecayKind.None"/> keeps the rate;
/// <see cref="DecayKind.Cosine"/> follows half a cosine from <c>lr</c> at step 0 towards <c>lrMin</c> at
/// the end of the budget — Loshchilov &amp; Hutter 2017 (SGDR), eq. 5 with a single period and no
/// restart: η_t = η_min + ½(η_max − η_min)(1 + cos(π t / T)). The rate is a function of the step alone,
/// so a resumed run continues on the same curve.
/// </summary>
public static class LearningRateDecay
{
    /// <summary>The learning rate for the step that follows <paramref name="step"/> completed steps of
    /// <paramref name="totalSteps"/>.</summary>
    public static double At(DecayKind kind, double lr, double lrMin, long step, long totalSteps) => kind switch
    {
        DecayKind.None => lr,
        DecayKind.Cosine => lrMin + 0.5 * (lr - lrMin) * (1 + Math.Cos(Math.PI * Math.Clamp((double)step / Math.Max(1, totalSteps), 0, 1))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Sets every parameter group of <paramref name="optimizer"/> to <see cref="At"/> (nothing to do
    /// for <see cref="DecayKind.None"/>: the optimiser was built with <paramref name="lr"/>).</summary>
    public static void Apply(OptimizerHelper optimizer, DecayKind kind, double lr, double lrMin, long step, long totalSteps)
    {
        if (kind == DecayKind.None) return;
        double rate = At(kind, lr, lrMin, step, totalSteps);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
