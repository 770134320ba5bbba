using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Models;

namespace GanWorkbench.Experiments;

/// <summary>
/// What a run needs from this machine and its data, checked before the run directory exists (by
/// <see cref="ExperimentRunner.Run"/> and <see cref="ExperimentRunner.Resume"/>): no more threads than cores,
/// the memory the experiment's sizes imply, and every file it will read after training has begun — the test
/// split (read by evaluations and by families that score on it) and the evaluation classifier — present and
/// intact, so a damaged one is an error now rather than a failed run after the training. Each error names the
/// experiment and field, the problem and the fix.
/// </summary>
public static class RunPreflight
{
    /// <summary>Throws the first problem found; <paramref name="where"/> names the experiment in errors.</summary>
    public static void Check(ExperimentSpec spec, string? dataRoot, string where)
    {
        Threads(spec, Environment.ProcessorCount, where);
        Memory(spec, AvailableBytes(), where);
        Files(spec, dataRoot);
    }

    /// <summary>The threads a run of <paramref name="spec"/> asks for (the config's, else GWB_THREADS) must not
    /// exceed <paramref name="cores"/>: torch creates one OS thread for each.</summary>
    public static void Threads(ExperimentSpec spec, int cores, string where)
    {
        if (spec.Threads > cores)
            throw new InputException($"{where}: threads = {spec.Threads} is more than the {cores} cores of this machine; set threads ≤ {cores} (0 = all cores).");
        if (spec.Threads == 0 && Environment.GetEnvironmentVariable("GWB_THREADS") is { Length: > 0 } env
            && long.TryParse(env, out long n) && n > cores)
            throw new InputException($"GWB_THREADS={env} is more than the {cores} cores of this machine; set it to at most {cores}, or unset it to use all cores.");
    }

    /// <summary>
    /// Bytes the experiment's sizes alone imply (a lower bound of what the run allocates), with the field that
    /// contributes most: the fixed latent codes of the sample grids (sample_count × latent_dim), the generated
    /// evaluation samples (eval_samples × pixels, with the classifier's 128 features each), one batch of latent
    /// codes and samples, and the generator's input layer (latent_dim × g_width, with its gradient and Adam's two
    /// moments). Float32 throughout.
    /// </summary>
    public static (long Bytes, string Field) Estimate(ExperimentSpec spec)
    {
        long pixels = ToyDistributions.IsToy(spec.Data.Dataset) ? 2 : 28 * 28;
        long latent = spec.Model.LatentDim;
        var parts = new List<(double Floats, string Field)>
        {
            ((double)spec.SampleCount * (latent + pixels), "sample_count"),
            (spec.EvalMetrics.Count > 0 ? (double)spec.EvalSamples * (pixels + 128) : 0, "eval_samples"),
            ((double)spec.Data.BatchSize * (latent + pixels) * 2, "data.batch_size"),
            (spec.Model is GanOptions gan ? 4.0 * latent * gan.GWidth : 0, "model.latent_dim"),
        };
        double total = parts.Sum(p => p.Floats) * sizeof(float);
        return ((long)Math.Min(total, long.MaxValue), parts.MaxBy(p => p.Floats).Field);
    }

    /// <summary>The estimate must fit in <paramref name="available"/> bytes.</summary>
    public static void Memory(ExperimentSpec spec, long available, string where)
    {
        var (bytes, field) = Estimate(spec);
        if (bytes > available)
            throw new InputException($"{where}: the experiment needs at least {Gigabytes(bytes)} of memory ({field} contributes most), " +
                                     $"more than the {Gigabytes(available)} this machine has; lower {field}.");
    }

    /// <summary>Memory this process may use: physical memory or the container's limit.</summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Reads and verifies the files a run reads only after training has begun.</summary>
    public static void Files(ExperimentSpec spec, string? dataRoot)
    {
        if (ToyDistributions.IsToy(spec.Data.Dataset)) return;
        var family = ModelFamilies.Of(spec.Model);
        bool metrics = spec.EvalMetrics.Count > 0;
        if (metrics || family is GanFamily { EvaluatesOnTestSet: true })
            DatasetStore.Load(spec.Data.Dataset, "test", dataRoot);
        // A classifier that is absent is trained at the first evaluation; one that is present must be intact.
        if (metrics && (File.Exists(EvaluationClassifier.WeightsPath(spec.Data.Dataset, dataRoot)) ||
                        File.Exists(EvaluationClassifier.InfoPath(spec.Data.Dataset, dataRoot))))
            EvaluationClassifier.Verify(spec.Data.Dataset, dataRoot);
    }

    static string Gigabytes(long bytes) => $"{bytes / (double)(1L << 30):0.0#} GB";
}
