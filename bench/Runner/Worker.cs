using System.Diagnostics;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Bench.Report;
using GanWorkbench.Experiments;
using GanWorkbench.Native;
using GanWorkbench.Runtime;

namespace GanWorkbench.Bench.Runner;

/// <summary>
/// Measures one model at one batch size in this (fresh) process: first the epoch / memory run
/// through the whole run loop (<see cref="ExperimentRunner.Run"/>), alone in the process so the peak
/// resident memory is that run's; then the speed rounds, where the bare loop, the workbench (EMA off
/// / on) and the PyTorch peer take turns.
/// </summary>
public static class Worker
{
    /// <summary>Runs <paramref name="job"/>, writes its result file and returns the result.</summary>
    public static ModelResult Run(WorkerJob job, Action<string> log)
    {
        var model = BenchModels.Get(job.Model);
        var compute = Compute.Create(job.Device, job.Threads, job.Seed);
        var missing = new Dictionary<string, string>();
        string tag = $"{model.Name} b{job.Batch}";

        EpochResult? epoch = job.EpochSteps == 0 ? null : EpochRun.Measure(model, job, compute, msg => log($"{tag}: {msg}"));
        SpeedResult? speed = job.Rounds <= 0 ? null : SpeedRounds.Measure(model, job, compute, missing, msg => log($"{tag}: {msg}"));

        var result = new ModelResult
        {
            Model = model.Name, Description = model.Description, Batch = job.Batch,
            FlopsPerStep = model.FlopsPerStep(job.Batch), OneDnnIsa = TorchLoader.OneDnnIsa, Malloc = MallocTuning.State,
            Epoch = epoch, Speed = speed, Missing = missing,
        };
        BenchJson.WriteAtomic(job.ResultPath, result);
        return result;
    }
}

/// <summary>
/// An epoch (or the memory target's step count) of <c>./gwb run</c>'s own loop — metrics.jsonl,
/// TensorBoard, sample grids every 200 steps, status.json, a checkpoint and the evaluation at the
/// end — with an observer that times the first epoch and traces resident memory.
/// </summary>
internal static class EpochRun
{
    public static EpochResult Measure(BenchModel model, WorkerJob job, Compute compute, Action<string> log)
    {
        int perEpoch = 60_000 / job.Batch;
        int steps = job.EpochSteps < 0 ? perEpoch : job.EpochSteps;
        var spec = BenchModels.WorkbenchSpec(model, job.Batch, job.Seed, compute.Device.ToString(), compute.Threads) with
        {
            Name = "bench-epoch-" + model.Name, Budget = new BudgetSpec { Steps = steps },
        };
        log($"{steps} steps of the run loop (one epoch = {perEpoch} steps), tracing resident memory");
        var trace = new TraceObserver(steps, perEpoch, log);
        var result = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = job.RunsRoot, DataRoot = job.DataRoot, Observers = [trace] });
        if (!result.Completed) throw new InvalidOperationException($"the {model.Name} run ended {YamlNames.Of(result.Status.State)}: {result.Status.Reason}");
        return trace.Result();
    }
}

/// <summary>Times the first epoch and samples resident memory after steps (the run loop calls
/// <see cref="OnStep"/> right after each training step, before its logging and sampling).</summary>
internal sealed class TraceObserver(int steps, int perEpoch, Action<string> log) : RunObserver
{
    readonly int sampleEvery = Math.Max(1, steps / 200);
    readonly int warmup = Math.Clamp(steps / 10, 1, 100);
    readonly List<double[]> trace = [];
    readonly Stopwatch clock = new();
    double start, afterWarmup;
    double? epochSeconds;
    int nextReport = Math.Max(1, steps / 10);

    public override void OnStart(RunStart run)
    {
        start = afterWarmup = ProcessMemory.ResidentMib();
        trace.Add([0, start]);
        clock.Start();
    }

    public override void OnStep(long step)
    {
        if (step == perEpoch) epochSeconds = clock.Elapsed.TotalSeconds;
        if (step != warmup && step % sampleEvery != 0 && step != steps) return;
        double resident = ProcessMemory.ResidentMib();
        if (step == warmup) afterWarmup = resident;
        var (mallocInUse, mallocFree) = NativeHeap.Malloc();                    // once per sampled step, for the trace and the log
        double managed = NativeHeap.ManagedCommittedMib();
        if (step % sampleEvery == 0 || step == steps)
            trace.Add([step, resident, mallocInUse, mallocFree, managed, GC.CollectionCount(0)]);
        if (step >= nextReport)
        {
            log($"step {step}/{steps}, {clock.Elapsed.TotalSeconds:F1} s, resident {resident:F0} MiB " +
                $"(malloc {mallocInUse:F0} in use + {mallocFree:F0} free, managed {managed:F0} committed, {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} GCs of gen 0/1/2, {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MiB allocated)");
            nextReport += Math.Max(1, steps / 10);
        }
    }

    public EpochResult Result()
    {
        double end = trace[^1][1];
        var secondHalf = trace.Where(p => p[0] >= steps / 2.0).ToList();
        double slope = Stats.Slope(secondHalf.Select(p => p[0]).ToList(), secondHalf.Select(p => p[1]).ToList()) * 1000;
        double growth = Stats.WindowGrowth(trace.Where(p => p[0] >= warmup).Select(p => p[1]).ToList());
        return new EpochResult("workbench (run loop)", steps, perEpoch, epochSeconds, clock.Elapsed.TotalSeconds, warmup,
            start, afterWarmup, end, ProcessMemory.PeakResidentMib(), growth, slope, trace);
    }
}
