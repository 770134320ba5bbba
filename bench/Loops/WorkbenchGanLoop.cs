using System.Diagnostics;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Data;
using GanWorkbench.Experiments;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Bench.Loops;

/// <summary>
/// A GAN trained the way <c>./gwb run</c> trains it: models, loss and optimisers from the
/// library's factories, batches from <see cref="BatchSampler"/>, the <see cref="AdversarialTrainer"/>
/// step, and every <see cref="LogEvery"/> steps a flush whose metrics an event handler appends to a
/// real metrics.jsonl in a scratch run directory. Only the sample grids of a run are left out.
/// </summary>
internal sealed class WorkbenchGanLoop : ITrainingLoop
{
    /// <summary>Steps between metric flushes (the experiments' default <c>log_every</c>).</summary>
    public const int LogEvery = 50;

    readonly nn.Module generator, discriminator;
    readonly TorchSharp.Modules.OptimizerHelper optG, optD;
    readonly BatchSampler sampler;
    readonly AdversarialTrainer trainer;
    readonly ImageDataset data;
    readonly Device device;

    public string Name { get; }

    /// <summary>The number of metric windows written so far.</summary>
    public int Flushes { get; private set; }

    public WorkbenchGanLoop(ExperimentSpec spec, ImageDataset data, string runsRoot, string name)
    {
        Name = name;
        this.data = data;
        device = data.Device;
        generator = ModelZoo.CreateGenerator(spec).to(device);
        discriminator = ModelZoo.CreateDiscriminator(spec).to(device);
        var game = ModelZoo.CreateGame(spec, generator, discriminator, data);
        optG = OptimizerFactory.Create(spec.GOptim, generator.parameters());
        optD = OptimizerFactory.Create(spec.DOptim, discriminator.parameters());
        sampler = new BatchSampler(data.Count, spec.Data.BatchSize, spec.Seed, device);
        trainer = new AdversarialTrainer(game, UpdateSchedule.Alternating(spec.Schedule.DSteps), optG, optD, NextReal, spec.Data.BatchSize);
        var run = RunDirectory.Create(spec.Name, spec.Seed, runsRoot);
        trainer.Logged += (_, m) => { run.AppendMetrics(MetricsLog.TrainingRow(m)); Flushes++; };
    }

    RealBatch NextReal()
    {
        using var index = sampler.Next();
        return new RealBatch(data.Images.index_select(0, index), null);
    }

    public double Run(int steps)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            trainer.Step();
            if (trainer.StepCount % LogEvery == 0) trainer.Flush();
        }
        Sgemm.Synchronize(device);
        return clock.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        trainer.Dispose(); sampler.Dispose();
        optG.Dispose(); optD.Dispose(); generator.Dispose(); discriminator.Dispose();
    }
}
