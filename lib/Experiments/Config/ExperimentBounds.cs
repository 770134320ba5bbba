using GanWorkbench.Data;
using GanWorkbench.Models;

namespace GanWorkbench.Experiments;

/// <summary>
/// Upper bounds of the fields whose size becomes an allocation, a thread count or a loop count, checked with
/// the experiment (by <c>./gwb check</c> as by <c>./gwb run</c>), so an absurd value is a located error with the
/// fix instead of a native allocation failure, an overflow or a process that creates threads until it is
/// killed. The bounds lie far above any experiment of the papers the workbench reproduces; the machine's own
/// limits (cores, memory) are checked when a run starts (<see cref="RunPreflight"/>).
/// </summary>
public static class ExperimentBounds
{
    /// <summary>Largest <c>model.latent_dim</c> (the papers use 2 to 1,000).</summary>
    public const int MaxLatentDim = 65_536;
    /// <summary>Largest <c>model.g_width</c> and <c>model.d_width</c>.</summary>
    public const int MaxWidth = 8_192;
    /// <summary>Largest <c>sample_count</c>: a 64 × 64 grid.</summary>
    public const int MaxSampleCount = 4_096;
    /// <summary>Largest <c>eval_samples</c> (FID is usually computed on 10,000 to 50,000).</summary>
    public const int MaxEvalSamples = 200_000;
    /// <summary>Largest budget in generator steps, given or implied by <c>budget.epochs</c>.</summary>
    public const long MaxSteps = 1_000_000_000;
    /// <summary>Largest <c>budget.epochs</c>.</summary>
    public const double MaxEpochs = 1_000_000;
    /// <summary>Largest <c>data.batch_size</c> of a toy distribution (its points are drawn afresh, so no dataset bounds it).</summary>
    public const int MaxToyBatch = 1 << 20;
    /// <summary>Largest <c>threads</c> written in a file; the machine's core count is checked at run time.</summary>
    public const int MaxThreads = 1_024;

    /// <summary>Throws the first bound exceeded.</summary>
    public static void Validate(ExperimentSpec s, FieldCheck check)
    {
        AtMost(check, "model.latent_dim", s.Model.LatentDim, MaxLatentDim);
        if (s.Model is GanOptions gan)
        {
            AtMost(check, "model.g_width", gan.GWidth, MaxWidth);
            AtMost(check, "model.d_width", gan.DWidth, MaxWidth);
        }
        AtMost(check, "sample_count", s.SampleCount, MaxSampleCount);
        AtMost(check, "eval_samples", s.EvalSamples, MaxEvalSamples);
        AtMost(check, "threads", s.Threads, MaxThreads, " (0 = all cores)");
        if (s.Budget.Steps is long steps) AtMost(check, "budget.steps", steps, MaxSteps);
        if (s.Budget.Epochs is double epochs && !(epochs <= MaxEpochs))
            check.Fail("budget.epochs", $"budget.epochs = {epochs:G4} is more than the {MaxEpochs:N0} a run may train; set budget.epochs ≤ {MaxEpochs:N0}.");

        if (ToyDistributions.IsToy(s.Data.Dataset))
        {
            AtMost(check, "data.batch_size", s.Data.BatchSize, MaxToyBatch);
            return;
        }
        var info = DatasetCatalog.All.FirstOrDefault(d => d.Name == s.Data.Dataset);
        if (info is null) return;
        int all = info.File("train", images: true).Count;
        if (s.Data.TrainImages is int train && train > all)
            check.Fail("data.train_images", $"data.train_images = {train} is more than the {all:N0} training images of {s.Data.Dataset}; set data.train_images ≤ {all} (or remove it to use them all).");
        int images = s.Data.TrainImages ?? all;
        if (s.Data.BatchSize > images)
            check.Fail("data.batch_size", $"data.batch_size = {s.Data.BatchSize} is larger than the training set ({images:N0} images of {s.Data.Dataset}" +
                       (s.Data.TrainImages is null ? "" : ", data.train_images") + $"), so not one batch can be drawn; set data.batch_size ≤ {images}.");
        if (s.Budget.Epochs is double e)
        {
            double implied = Math.Ceiling(e * (images / s.Data.BatchSize) / BudgetSteps.RealBatchesPerStep(s));
            if (implied > MaxSteps)
                check.Fail("budget.epochs", $"budget.epochs = {e:G4} means {implied:G4} generator steps at data.batch_size {s.Data.BatchSize}, more than the {MaxSteps:N0} a run may train; " +
                           $"set budget.epochs ≤ {Math.Floor(MaxSteps * BudgetSteps.RealBatchesPerStep(s) / (double)(images / s.Data.BatchSize)):N0}.");
        }
    }

    static void AtMost(FieldCheck check, string field, long value, long maximum, string note = "")
    {
        if (value > maximum) check.Fail(field, $"{field} = {value} is more than the {maximum:N0} gwb allows{note}; set {field} ≤ {maximum}.");
    }
}
