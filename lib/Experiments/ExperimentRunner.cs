using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using GanWorkbench.Plotting;
using GanWorkbench.Runtime;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>Options of one run that are not part of the experiment itself.</summary>
public sealed record RunOptions
{
    /// <summary>Called with each logging window's metrics and the total number of steps.</summary>
    public Action<StepMetrics, long>? OnLog { get; init; }
    /// <summary>Called with each sample grid written.</summary>
    public Action<long, ImageGrid>? OnSamples { get; init; }
    /// <summary>Where run directories go (default: runs/).</summary>
    public string? RunsRoot { get; init; }
    /// <summary>The exact run directory to create (a sweep member's fixed place) instead of
    /// <c>runs/&lt;experiment&gt;/&lt;UTC time&gt;-s&lt;seed&gt;/</c>; it must not exist yet.</summary>
    public string? RunDirectoryPath { get; init; }
    /// <summary>Where datasets are (default: data/).</summary>
    public string? DataRoot { get; init; }
    /// <summary>Stops the run between steps (status: failed, reason: cancelled).</summary>
    public CancellationToken Cancel { get; init; }
}

/// <summary>The outcome of a run: where it is, how it ended, and its metric history.</summary>
public sealed partial record RunResult(RunDirectory Directory, RunStatus Status, IReadOnlyList<StepMetrics> History, ExperimentSpec Spec)
{
    /// <summary>True when the run completed its budget.</summary>
    public bool Completed => Status.State == "completed";
}

/// <summary>
/// Runs a GAN experiment end to end: data → models → <see cref="AdversarialTrainer"/> → metrics.jsonl,
/// sample grids from a fixed noise batch, status.json. The CLI (<c>./gwb run</c>) and notebooks call
/// this same method; nothing about an experiment is defined twice.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Runs <paramref name="spec"/>. Bad inputs throw <see cref="InputException"/> before the
    /// run directory exists; a non-finite loss ends the run with state <c>diverged</c>.</summary>
    public static RunResult Run(ExperimentSpec spec, RunOptions? options = null)
    {
        options ??= new RunOptions();
        var compute = Compute.Create(spec.Device, spec.Threads, spec.Seed);
        var scale = spec.Data.Scale == "zero_one" ? PixelScale.ZeroOne : PixelScale.Tanh;
        using var data = ImageDataset.Load(spec.Data.Dataset, "train", compute.Device, scale, options.DataRoot);
        using var sampler = new BatchSampler(data.Count, spec.Data.BatchSize, spec.Seed, compute.Device);
        long totalSteps = TotalSteps(spec, sampler.BatchesPerEpoch);

        using var models = ModelZoo.Create(spec.Model);
        models.Generator.to(compute.Device);
        models.Discriminator.to(compute.Device);
        var loss = LossZoo.Create(spec.Loss);
        using var optG = OptimizerFactory.Create(spec.GOptim, models.Generator.parameters());
        using var optD = OptimizerFactory.Create(spec.DOptim, models.Discriminator.parameters());
        var schedule = spec.Schedule.Kind == "simultaneous" ? UpdateSchedule.Simultaneous() : UpdateSchedule.Alternating(spec.Schedule.DSteps);
        Tensor NextReal()
        {
            using var index = sampler.Next();
            return data.Images.index_select(0, index);
        }
        using var trainer = new AdversarialTrainer(models.Generator, models.Discriminator, loss, schedule, optG, optD, NextReal, spec.Data.BatchSize);
        using var fixedNoise = FixedNoise(models.Generator, spec.SampleCount, spec.Seed, compute.Device);

        // Everything above can fail on bad input; only now does the run directory appear.
        var run = options.RunDirectoryPath is { } fixedPath
            ? RunDirectory.CreateAt(fixedPath) ?? throw new InputException($"{fixedPath}: already exists; a run never reuses another run's directory.")
            : RunDirectory.Create(spec.Name, spec.Seed, options.RunsRoot);
        run.WriteConfig(spec);
        var started = DateTime.UtcNow;
        RunStatus Status(string state, string? reason = null) =>
            new(state, trainer.StepCount, totalSteps, reason, started, DateTime.UtcNow, Environment.ProcessId);
        run.WriteStatus(Status("running"));

        var history = new List<StepMetrics>();
        try
        {
            while (trainer.StepCount < totalSteps)
            {
                options.Cancel.ThrowIfCancellationRequested();
                trainer.Step();
                long step = trainer.StepCount;
                if (step % spec.LogEvery == 0 || step == totalSteps)
                {
                    var m = trainer.Flush();
                    history.Add(m);
                    run.AppendMetrics(MetricsRow(m));
                    options.OnLog?.Invoke(m, totalSteps);
                    if (NonFinite(m) is string which)
                    {
                        var diverged = Status("diverged", $"non-finite {which} at step {step}");
                        run.WriteStatus(diverged);
                        return new RunResult(run, diverged, history, spec);
                    }
                    run.WriteStatus(Status("running"));
                }
                if ((spec.SampleEvery > 0 && step % spec.SampleEvery == 0) || step == totalSteps)
                {
                    var grid = Samples(models.Generator, fixedNoise, scale);
                    grid.Save(run.SamplePath(step));
                    options.OnSamples?.Invoke(step, grid);
                }
            }
        }
        catch (Exception e)
        {
            run.WriteStatus(Status("failed", e is OperationCanceledException ? "cancelled" : $"{e.GetType().Name}: {e.Message}"));
            throw;
        }
        var done = Status("completed");
        run.WriteStatus(done);
        return new RunResult(run, done, history, spec);
    }

    /// <summary>Generator steps of a budget: given, or epochs × batches per epoch ÷ real batches per step.</summary>
    public static long TotalSteps(ExperimentSpec spec, int batchesPerEpoch)
    {
        if (spec.Budget.Steps is long steps) return steps;
        int realBatchesPerStep = spec.Schedule.Kind == "simultaneous" ? 1 : spec.Schedule.DSteps;
        return Math.Max(1, (long)Math.Ceiling(spec.Budget.Epochs!.Value * batchesPerEpoch / realBatchesPerStep));
    }

    /// <summary>A fixed latent batch drawn from its own generator, so sample grids of a run (and of
    /// runs with the same seed) show the same z over time.</summary>
    public static Tensor FixedNoise(GeneratorModule g, int count, long seed, Device device)
    {
        using var gen = new Generator(unchecked((ulong)(seed * 31 + 7)));
        using var cpu = randn(count, g.LatentDim, generator: gen);
        return cpu.to(device);
    }

    /// <summary>Generates from <paramref name="noise"/> in eval mode and tiles the result.</summary>
    public static ImageGrid Samples(GeneratorModule g, Tensor noise, PixelScale scale)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        bool wasTraining = g.training;
        g.eval();
        var images = g.forward(noise);
        if (wasTraining) g.train();
        int columns = (int)Math.Ceiling(Math.Sqrt(noise.shape[0]));
        return scale == PixelScale.Tanh ? ImageGrid.FromBatch(images, columns) : ImageGrid.FromBatch(images, columns, low: 0, high: 1);
    }

    /// <summary>The metrics.jsonl row of a window.</summary>
    public static Dictionary<string, object> MetricsRow(StepMetrics m) => new()
    {
        ["step"] = m.Step,
        ["d_loss"] = Finite(m.DLoss),
        ["d_loss_real"] = Finite(m.DLossReal),
        ["d_loss_fake"] = Finite(m.DLossFake),
        ["g_loss"] = Finite(m.GLoss),
        ["d_real"] = Finite(m.DReal),
        ["d_fake"] = Finite(m.DFake),
        ["images_per_sec"] = Math.Round(m.ImagesPerSecond, 1),
        ["time"] = DateTime.UtcNow.ToString("o"),
    };

    // JSON has no NaN/Infinity: write them as strings so the line stays valid and the value visible.
    static object Finite(double v) => double.IsFinite(v) ? v : v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    static string? NonFinite(StepMetrics m) =>
        !double.IsFinite(m.DLoss) ? "discriminator loss" : !double.IsFinite(m.GLoss) ? "generator loss" : null;
}
