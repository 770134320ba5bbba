using GanWorkbench.Bench.Loops;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Bench.Report;
using GanWorkbench.Data;
using GanWorkbench.Runtime;

namespace GanWorkbench.Bench.Runner;

/// <summary>
/// Measures one model at one batch size in this (fresh) process: first the epoch / memory run with
/// only the workbench's loop alive, so the peak resident memory is that loop's; then the speed
/// rounds, where the bare loop, the workbench (EMA off / on) and the PyTorch peer take turns.
/// </summary>
public static class Worker
{
    /// <summary>Runs <paramref name="job"/>, writes its result file and returns the result.</summary>
    public static ModelResult Run(WorkerJob job, Action<string> log)
    {
        var model = BenchModels.Get(job.Model);
        var compute = Compute.Create(job.Device, job.Threads, job.Seed);
        using var data = ImageDataset.Load("mnist", "train", compute.Device, model.Scale, job.DataRoot);
        var missing = new Dictionary<string, string>();
        string tag = $"{model.Name} b{job.Batch}";

        EpochResult? epoch = job.EpochSteps == 0 ? null : EpochRun.Measure(model, data, job, missing, log);
        SpeedResult? speed = job.Rounds <= 0 ? null : SpeedRounds.Measure(model, data, job, missing, msg => log($"{tag}: {msg}"));

        var result = new ModelResult
        {
            Model = model.Name, Description = model.Description, Batch = job.Batch,
            FlopsPerStep = model.FlopsPerStep(job.Batch), Epoch = epoch, Speed = speed, Missing = missing,
        };
        BenchJson.WriteAtomic(job.ResultPath, result);
        return result;
    }
}

/// <summary>Training for an epoch (or the memory target's step count) while tracing resident memory.</summary>
internal static class EpochRun
{
    public static EpochResult Measure(BenchModel model, ImageDataset data, WorkerJob job, Dictionary<string, string> missing, Action<string> log)
    {
        var (spec, why) = BenchModels.WorkbenchSpec(model, job.Batch, job.Seed);
        using ITrainingLoop loop = BenchModels.Workbench(model, data, job.Batch, job.Seed, job.RunsRoot, ema: false)
                                   ?? BenchModels.Bare(model, data.Images, job.Batch, job.Seed);
        if (spec is null && why is not null) missing.TryAdd(LoopNames.Workbench, why);
        int perEpoch = data.Count / job.Batch;
        int steps = job.EpochSteps < 0 ? perEpoch : job.EpochSteps;
        int sampleEvery = Math.Max(1, steps / 200);
        int warmup = Math.Clamp(steps / 10, 1, 100);
        log($"{model.Name} b{job.Batch}: {steps} steps through the {loop.Name} loop (one epoch = {perEpoch} steps), tracing memory");

        double start = ProcessMemory.ResidentMib(), afterWarmup = start;
        var trace = new List<double[]> { new[] { 0, start } };
        double elapsed = 0;
        double? epochSeconds = null;
        int done = 0, nextReport = Math.Max(1, steps / 10);
        while (done < steps)
        {
            int stop = NextStop(done, steps, sampleEvery, perEpoch, warmup);
            elapsed += loop.Run(stop - done);
            done = stop;
            double resident = ProcessMemory.ResidentMib();
            if (done == perEpoch) epochSeconds = elapsed;
            if (done == warmup) afterWarmup = resident;
            if (done % sampleEvery == 0 || done == steps) trace.Add([done, resident]);
            if (done >= nextReport)
            {
                log($"{model.Name} b{job.Batch}: step {done}/{steps}, {elapsed:F1} s, resident {resident:F0} MiB");
                nextReport += Math.Max(1, steps / 10);
            }
        }
        double end = ProcessMemory.ResidentMib();
        var secondHalf = trace.Where(p => p[0] >= steps / 2.0).ToList();
        double slope = Stats.Slope(secondHalf.Select(p => p[0]).ToList(), secondHalf.Select(p => p[1]).ToList()) * 1000;
        return new EpochResult(loop.Name, steps, perEpoch, epochSeconds, elapsed, warmup, start, afterWarmup, end,
            ProcessMemory.PeakResidentMib(), end - afterWarmup, slope, trace);
    }

    /// <summary>The next step count at which to stop and look: a trace sample, the end of the first
    /// epoch, the end of the warm-up, or the end.</summary>
    internal static int NextStop(int done, int steps, int sampleEvery, int perEpoch, int warmup)
    {
        int stop = Math.Min(steps, (done / sampleEvery + 1) * sampleEvery);
        if (perEpoch > done) stop = Math.Min(stop, perEpoch);
        if (warmup > done) stop = Math.Min(stop, warmup);
        return stop;
    }
}
