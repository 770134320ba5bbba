using GanWorkbench.Losses;
using GanWorkbench.Models;
using GanWorkbench.Plotting;
using GanWorkbench.Native;
using GanWorkbench.Runtime;
using GanWorkbench.Training;
using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>Options of one run that are not part of the experiment itself.</summary>
public sealed record RunOptions
{
    /// <summary>Called with each logging window's metrics and the total number of steps.</summary>
    public Action<StepMetrics, long>? OnLog { get; init; }
    /// <summary>Called with each sample grid written.</summary>
    public Action<long, ImageGrid>? OnSamples { get; init; }
    /// <summary>Observers (loggers, charts, evaluators), called in order after the built-in ones.</summary>
    public IReadOnlyList<RunObserver> Observers { get; init; } = [];
    /// <summary>Where run directories go (default: runs/).</summary>
    public string? RunsRoot { get; init; }
    /// <summary>The exact run directory to create (a sweep member's fixed place) instead of
    /// <c>runs/&lt;experiment&gt;/&lt;UTC time&gt;-s&lt;seed&gt;/</c>; it must not exist yet.</summary>
    public string? RunDirectoryPath { get; init; }
    /// <summary>Where datasets are (default: data/).</summary>
    public string? DataRoot { get; init; }
    /// <summary>Stops the run between steps (status: failed, reason: cancelled).</summary>
    public CancellationToken Cancel { get; init; }
    /// <summary>Asks the run to stop for now (a scheduler's preemption or time-limit signal): it trains on to the
    /// end of the current logging window, writes a checkpoint there and ends as interrupted, so that
    /// <see cref="ExperimentRunner.Resume"/> continues it bit for bit.</summary>
    public CancellationToken Preempt { get; init; }
    /// <summary>Called with each warning (a resume that cannot continue bit for bit); default: standard error.</summary>
    public Action<string>? OnWarning { get; init; }
}

/// <summary>The outcome of a run: where it is, how it ended, its metric history and evaluations
/// (read back from metrics.jsonl, so a resumed run's history covers the whole run).</summary>
public sealed partial record RunResult(RunDirectory Directory, RunStatus Status, IReadOnlyList<StepMetrics> History, ExperimentSpec Spec,
    IReadOnlyList<EvaluationResult> Evaluations)
{
    /// <summary>True when the run completed its budget.</summary>
    public bool Completed => Status.State == RunState.Completed;
    /// <summary>True when a loss went non-finite.</summary>
    public bool Diverged => Status.State == RunState.Diverged;
}

/// <summary>
/// Runs an experiment end to end — data → models → trainer → metrics.jsonl, TensorBoard scalars,
/// sample grids from fixed inputs, evaluations, checkpoints, status.json — for GANs and VAEs alike.
/// The CLI (<c>./gwb run</c>, <c>./gwb resume</c>) and notebooks call these methods; nothing about an
/// experiment is defined twice. The divergence guard: a non-finite loss ends the run as
/// <c>diverged</c> (naming the loss and the first step it happened), and the last checkpoint —
/// always written after a finite window — is kept.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Runs <paramref name="spec"/>. Bad inputs throw <see cref="InputException"/> before the
    /// run directory exists.</summary>
    public static RunResult Run(ExperimentSpec spec, RunOptions? options = null)
    {
        options ??= new RunOptions();
        spec = spec with { Loss = LossFactory.Resolve(spec.Loss) };
        RunPreflight.Check(spec, options.DataRoot, $"experiment '{spec.Name}'");
        var compute = Compute.Create(spec.Device, spec.Threads, spec.Seed);
        using var session = CreateSession(spec, compute, options.DataRoot);
        // Everything above can fail on bad input; only now does the run directory appear.
        var run = options.RunDirectoryPath is { } fixedPath
            ? RunDirectory.CreateAt(fixedPath) ?? throw new InputException($"{fixedPath}: already exists; a run never reuses another run's directory. Delete it or choose another place.")
            : RunDirectory.Create(spec.Name, spec.Seed, options.RunsRoot);
        run.WriteConfig(spec);
        new RunCompute(compute.Threads, TorchLoader.OneDnnIsa).Write(run);
        return Train(session, spec, run, DateTime.UtcNow, options);
    }

    /// <summary>
    /// Continues a run from its last checkpoint (from step 0 when it has none), or from the checkpoint of
    /// step <paramref name="fromCheckpoint"/> when given (0: start over in the same directory). The
    /// checkpoint is verified against its manifest first; the config is the run's own config.yaml;
    /// checkpoints after the one resumed from, metrics.jsonl rows and TensorBoard records past it are dropped, and on the CPU
    /// the rest of the run is bit for bit what the uninterrupted run would have done.
    /// </summary>
    public static RunResult Resume(string runDirectory, RunOptions? options = null, long? fromCheckpoint = null)
    {
        options ??= new RunOptions();
        var run = RunDirectory.Open(runDirectory);
        RunStatus? status;
        try
        {
            status = run.ReadStatus();
        }
        catch (InputException e) when (e.InnerException is System.Text.Json.JsonException)
        {
            Warnings.Write($"{run.File("status.json")}: not a valid status file ({e.InnerException!.Message.Split('\n')[0]}); resuming rewrites it.");
            status = null;
        }
        if (status?.State == RunState.Completed && fromCheckpoint is null)
            throw new InputException($"{run.Path}: the run already completed (step {status.Step} of {status.TotalSteps}); nothing to resume. " +
                                     $"To redo its end, resume from a checkpoint: ./gwb resume {run.Path} --from-checkpoint STEP (the steps are its checkpoints/step-N folders).");
        if (fromCheckpoint < 0)
            throw new InputException($"--from-checkpoint {fromCheckpoint}: a step is 0 or more; give the step of one of the run's checkpoints (folders {Checkpoints.Folder(run.Path)}/step-N), or 0 to start over.");
        if (status?.State == RunState.Diverged)
            throw new InputException($"{run.Path}: the run diverged ({status.Reason}); resumed from its last checkpoint it would train the same steps " +
                                     "and diverge again. Change the experiment (e.g. a lower g_optim.lr and d_optim.lr, or a gradient penalty) and start a new run.");
        run.Acquire();                                                          // refuses a run another process is still training
        try
        {
            return ResumeLocked(run, status, options, fromCheckpoint);
        }
        catch
        {
            run.Release();
            throw;
        }
    }

    static RunResult ResumeLocked(RunDirectory run, RunStatus? status, RunOptions options, long? fromCheckpoint)
    {
        var spec = ReadConfig(run.File("config.yaml"));
        var (threads, warnings) = RunCompute.ResumeThreads(RunCompute.Read(run), spec.Threads, Environment.ProcessorCount, TorchLoader.OneDnnIsa,
                                                        Environment.GetEnvironmentVariable("GWB_THREADS"));
        // The config cannot change under a checkpoint, so its threads are fitted to this machine rather than refused.
        RunPreflight.Check(spec with { Threads = threads }, options.DataRoot, run.File("config.yaml"));
        foreach (var warning in warnings) (options.OnWarning ?? (w => Console.Error.WriteLine($"gwb: warning: {run.Path}: {w}")))(warning);
        var compute = Compute.Create(spec.Device, threads, spec.Seed);
        using var session = CreateSession(spec, compute, options.DataRoot);
        Checkpoints.RemoveIncomplete(run.Path);
        var checkpoint = fromCheckpoint switch
        {
            null => Checkpoints.Latest(run.Path),
            0 => null,
            long step => Checkpoints.At(run.Path, step),
        };
        if (checkpoint is not null)
        {
            string saved = File.ReadAllText(Path.Combine(checkpoint.Path, "config.yaml"));
            if (saved != File.ReadAllText(run.File("config.yaml")))
                throw new InputException($"{checkpoint.Path}: its config.yaml differs from the run's {run.File("config.yaml")}; " +
                                         "the checkpoint belongs to another experiment. Restore the run's config or start a new run.");
            try
            {
                SessionTensors.Load(session, checkpoint.Path);
                session.Restore(checkpoint.State);
                RngState.Restore(Convert.FromBase64String(checkpoint.State.TorchRng));
            }
            catch (Exception e) when (e is not InputException)
            {
                throw Checkpoints.Damaged(run.Path, checkpoint.Step,
                    $"{checkpoint.Path}: the checkpoint is damaged and cannot be loaded ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
            }
        }
        long from = checkpoint?.Step ?? 0;
        var dropped = Checkpoints.Folders(run.Path).Where(f => f.Step > from).Select(f => f.Step).ToList();
        if (dropped.Count > 0)
            Warnings.Write($"{Checkpoints.Folder(run.Path)}: resuming from step {from} deletes the later checkpoint(s) of step {string.Join(", ", dropped)}.");
        Checkpoints.Prune(run.Path, from);                                      // the checkpoints the uninterrupted run held at this step
        MetricsLog.TruncateAfter(run.File("metrics.jsonl"), from);
        TensorBoardEvents.TruncateAfter(run.File("events"), from);
        return Train(session, spec, run, status?.StartedUtc ?? DateTime.UtcNow, options);
    }

    /// <summary>Reads and validates a run's resolved config.yaml.</summary>
    public static ExperimentSpec ReadConfig(string path)
    {
        if (!File.Exists(path)) throw new InputException(MissingConfig(path));
        var root = YamlTree.ReadFile(path) as YamlMappingNode
            ?? throw new InputException($"{path}: not a mapping of experiment fields. Restore the run's config.yaml from one of its checkpoints (checkpoints/step-N/config.yaml) or start a new run with ./gwb run.");
        root = LegacyConfig.Upgrade(root);                                      // runs from before model families had their own options
        var binder = new YamlBinder();
        var spec = binder.Bind<ExperimentSpec>(root);
        ExperimentValidator.Validate(spec, binder.Origins, path);
        return spec with { Loss = LossFactory.Resolve(spec.Loss) };
    }

    // The refusal of a run directory without config.yaml, with the copy to restore it from when a checkpoint holds one.
    static string MissingConfig(string path)
    {
        string dir = Path.GetDirectoryName(path)!;
        var copy = Checkpoints.Folders(dir).Select(f => Path.Combine(f.Path, "config.yaml")).LastOrDefault(File.Exists);
        return copy is not null
            ? $"{path}: missing, so the run's experiment is unknown. Restore it from the newest checkpoint's copy: cp {copy} {path}"
            : $"{path}: missing, and no checkpoint holds a copy; this is not a run directory the workbench can continue. Start a new run with ./gwb run EXPERIMENT.";
    }

    /// <summary>The session that trains <paramref name="spec"/>: a VAE or a GAN, by its model family.</summary>
    internal static ITrainingSession CreateSession(ExperimentSpec spec, Compute compute, string? dataRoot) =>
        ModelFamilies.Of(spec.Model) is VaeFamily ? new VaeSession(spec, compute, dataRoot) : new GanSession(spec, compute, dataRoot);

    // The run loop: step; every log_every a metrics row and the divergence guard; sample grids;
    // evaluations; checkpoints (only after a finite window, so the last one is always good).
    static RunResult Train(ITrainingSession session, ExperimentSpec spec, RunDirectory run, DateTime started, RunOptions options)
    {
        long total = session.TotalSteps;
        var observers = new List<RunObserver>();
        if (spec.Tensorboard) observers.Add(new TensorBoardObserver());
        if (spec.EvalMetrics.Count > 0) observers.Add(new MetricsObserver(options.DataRoot));
        observers.AddRange(options.Observers);
        RunStatus Status(RunState state, string? reason = null) =>
            new(state, session.StepCount, total, reason, started, DateTime.UtcNow, Environment.ProcessId);
        RunResult Result(RunStatus status)
        {
            foreach (var o in observers) o.OnEnd(status);
            var (history, evaluations) = MetricsLog.Read(run.File("metrics.jsonl"));
            return new RunResult(run, status, history, spec, evaluations);
        }

        run.WriteStatus(Status(RunState.Running));
        var start = new RunStart(run, spec, session.StepCount, total, session.Modules);
        foreach (var o in observers) o.OnStart(start);
        try
        {
            // With eval_metrics, the untrained model is evaluated too (unless eval_at_start is off): the baseline of every metric curve.
            if (spec.EvalMetrics.Count > 0 && spec.EvalAtStart && session.StepCount == 0 &&
                !MetricsLog.Read(run.File("metrics.jsonl")).Evaluations.Any(e => e.Step == 0))
                Evaluate(session, run, 0, observers);
            while (session.StepCount < total)
            {
                options.Cancel.ThrowIfCancellationRequested();
                session.Step();
                long step = session.StepCount;
                bool last = step == total;
                foreach (var o in observers) o.OnStep(step);
                if (step % spec.LogEvery == 0 || last)
                {
                    var m = session.Flush();
                    run.AppendMetrics(MetricsLog.TrainingRow(m));
                    options.OnLog?.Invoke(m, total);
                    foreach (var o in observers) o.OnLog(m, total);
                    if (m.Divergence is var (loss, at))
                        return Result(Diverged(run, Status(RunState.Diverged, $"non-finite {loss} at step {at}")));
                    run.WriteStatus(Status(RunState.Running));
                    Native.FreedMemory.Release();                                  // keeps resident memory flat (see FreedMemory)
                }
                if ((spec.SampleEvery > 0 && step % spec.SampleEvery == 0) || last)
                {
                    ImageGrid grid;
                    using (RngState.Preserve()) grid = session.SampleGrid();
                    grid.Save(run.SamplePath(step));
                    options.OnSamples?.Invoke(step, grid);
                    foreach (var o in observers) o.OnSamples(step, grid);
                }
                if ((spec.EvalEvery > 0 && step % spec.EvalEvery == 0) || last)
                    Evaluate(session, run, step, observers);
                bool checkpointed = (spec.CheckpointEvery > 0 && step % spec.CheckpointEvery == 0) || last;
                if (checkpointed)
                {
                    string path = WriteCheckpoint(session, run);
                    foreach (var o in observers) o.OnCheckpoint(step, path);
                }
                // A stop request takes effect at a logging boundary, where no partial window is pending,
                // so the checkpoint holds everything the uninterrupted run would carry on with.
                if (options.Preempt.IsCancellationRequested && !last && step % spec.LogEvery == 0)
                {
                    if (!checkpointed)
                    {
                        string path = WriteCheckpoint(session, run);
                        foreach (var o in observers) o.OnCheckpoint(step, path);
                    }
                    var stopped = Status(RunState.Interrupted, $"stopped by a signal at step {step}; checkpoint written, continue with ./gwb resume {run.Path}");
                    run.WriteStatus(stopped);
                    run.Release();
                    return Result(stopped);
                }
            }
        }
        catch (Exception e)
        {
            var failed = Status(RunState.Failed, e is OperationCanceledException ? "cancelled" : $"{e.GetType().Name}: {e.Message}");
            // The first error is the one reported: a second one while recording it (a full disk fails both) must not hide it.
            try { run.WriteFailedStatus(failed); }
            catch (Exception second) when (second is IOException or UnauthorizedAccessException) { run.Release(); }
            foreach (var o in observers) o.OnEnd(failed);
            if (StorageErrors.IsDiskFull(e))
                throw new InputException($"{run.Path}: the disk is full ({e.Message}); the run stopped at step {session.StepCount} of {total}. " +
                                         $"Free space, then continue it: ./gwb resume {run.Path}", e);
            throw;
        }
        var done = Status(RunState.Completed);
        run.WriteStatus(done);
        return Result(done);
    }

    static RunStatus Diverged(RunDirectory run, RunStatus status)
    {
        run.WriteStatus(status);
        return status;
    }

    static void Evaluate(ITrainingSession session, RunDirectory run, long step, List<RunObserver> observers)
    {
        EvaluationResult result;
        using (RngState.Preserve())
        using (TorchSharp.torch.no_grad())
        {
            var context = session.NewEvaluation(step, run);
            using var eval = new EvalMode(context.Model);
            session.Evaluate(context);
            foreach (var o in observers) o.OnEvaluate(context);
            result = new EvaluationResult(step, new Dictionary<string, double>(context.Results));
        }
        if (result.Values.Count == 0) return;
        run.AppendMetrics(MetricsLog.EvaluationRow(result));
        foreach (var o in observers) o.OnEvaluated(result);
    }

    static string WriteCheckpoint(ITrainingSession session, RunDirectory run)
    {
        var state = new CheckpointState(session.StepCount, Convert.ToBase64String(RngState.Save()), session.Position,
            session.ExtraState(), DateTime.UtcNow);
        return Checkpoints.Write(run, state, folder => SessionTensors.Save(session, folder));
    }
}
