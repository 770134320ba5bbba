using System.Diagnostics;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Experiments;
using GanWorkbench.Models;
using GanWorkbench.Runtime;

namespace GanWorkbench.Bench.Loops;

/// <summary>
/// A model trained the way <c>./gwb run</c> trains it, one step at a time: the run loop's own
/// training session (<see cref="GanSession"/> or <see cref="VaeSession"/>: the zoo's models and game,
/// optimisers, batches from the dataset on the device, the trainer, the EMA of G when
/// <c>ema_decay</c> &gt; 0), and at every <c>log_every</c> what the run loop does then: flush the
/// metric window (the only device synchronisation), append the metrics.jsonl row, write the
/// TensorBoard scalars, check for divergence and rewrite status.json — into a scratch run
/// directory. Sample grids, evaluations and checkpoints (every few hundred steps in a run) are left
/// out here; the epoch runs (<see cref="Runner.EpochRun"/>) go through the whole run loop.
/// </summary>
internal sealed class WorkbenchLoop : ITrainingLoop
{
    readonly ITrainingSession session;
    readonly ExperimentSpec spec;
    readonly RunDirectory run;
    readonly TensorBoardObserver? tensorboard;
    readonly DateTime started = DateTime.UtcNow;

    public string Name { get; }

    public WorkbenchLoop(ExperimentSpec spec, Compute compute, string runsRoot, string? dataRoot, string name)
    {
        Name = name;
        this.spec = spec = spec with { Loss = LossFactory.Resolve(spec.Loss) };
        session = ExperimentRunner.CreateSession(spec, compute, dataRoot);
        run = RunDirectory.Create(spec.Name, spec.Seed, runsRoot);
        run.WriteConfig(spec);
        if (spec.Tensorboard)
        {
            tensorboard = new TensorBoardObserver();
            tensorboard.OnStart(new RunStart(run, spec, 0, long.MaxValue, session.Modules));
        }
    }

    public double Run(int steps)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            session.Step();
            if (session.StepCount % spec.LogEvery != 0) continue;
            var metrics = session.Flush();
            run.AppendMetrics(MetricsLog.TrainingRow(metrics));
            tensorboard?.OnLog(metrics, long.MaxValue);
            if (metrics.Divergence is var (loss, at))
                throw new InvalidOperationException($"{Name}: non-finite {loss} at step {at}");
            run.WriteStatus(new RunStatus(RunState.Running, session.StepCount, long.MaxValue, null, started, DateTime.UtcNow, Environment.ProcessId));
        }
        Sgemm.Synchronize(session.Device);
        return clock.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        tensorboard?.OnEnd(new RunStatus(RunState.Completed, session.StepCount, session.StepCount, null, started, DateTime.UtcNow, Environment.ProcessId));
        session.Dispose();
    }
}
