namespace GanWorkbench.Experiments;

/// <summary>
/// How many generator steps a budget means. A budget in steps is that many; a budget in epochs
/// (passes over the training images) is epochs × batches per epoch ÷ the real batches one generator
/// step reads: k for an alternating schedule with k D steps, 1 for simultaneous updates and for VAEs.
/// The trainers and the notebooks count with this one rule.
/// </summary>
public static class BudgetSteps
{
    /// <summary>Real batches one GAN generator step reads under the spec's schedule.</summary>
    public static int RealBatchesPerStep(ExperimentSpec spec) => spec.Schedule.Kind == Training.UpdateKind.Simultaneous ? 1 : spec.Schedule.DSteps;

    /// <summary>Generator steps of the spec's budget, given the batches per epoch and the real batches per step.</summary>
    public static long Of(ExperimentSpec spec, int batchesPerEpoch, int realBatchesPerStep)
    {
        if (spec.Budget.Steps is long steps) return steps;
        return Math.Max(1, (long)Math.Ceiling(spec.Budget.Epochs!.Value * batchesPerEpoch / realBatchesPerStep));
    }

    /// <summary>Generator steps of a GAN spec's budget on <paramref name="trainImages"/> training images
    /// (whole batches only, as the sampler draws them).</summary>
    public static long OfGan(ExperimentSpec spec, int trainImages) =>
        Of(spec, trainImages / spec.Data.BatchSize, RealBatchesPerStep(spec));
}
