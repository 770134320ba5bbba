using GanWorkbench.Data;
using GanWorkbench.Models;
using GanWorkbench.Plotting;
using GanWorkbench.Runtime;
using GanWorkbench.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>A GAN experiment being trained: data, the family's players (<see cref="GanPlayers"/>), an
/// optional moving average of G, and the fixed sample inputs.</summary>
internal sealed class GanSession : ITrainingSession
{
    readonly ExperimentSpec spec;
    readonly ImageDataset? data;
    readonly IBatchSource source;
    readonly GanPlayers players;
    readonly nn.Module? average;
    readonly LatentBatch fixedLatent;
    readonly SampleSpace samples;
    readonly string? dataRoot;
    readonly long stepsPerEpoch;

    public GanSession(ExperimentSpec spec, Compute compute, string? dataRoot)
    {
        this.spec = spec; this.dataRoot = dataRoot;
        Device = compute.Device;
        try
        {
            if (ToyDistributions.IsToy(spec.Data.Dataset))
            {
                source = new ToyBatches(spec.Data.Dataset, spec.Data.BatchSize, spec.Seed, Device);
                samples = SampleSpace.Points;
            }
            else
            {
                data = TrainingImages.Load(spec, Device, dataRoot);
                source = new ImageBatches(data, spec.Data.BatchSize, spec.Seed, spec.Data.Binarize);
                samples = SampleSpaces.Of(spec.Data.Scale);                     // samples live where the data does
            }
            players = GanPlayers.Create(spec, Device, data, source.Next, spec.Data.BatchSize);
            if (spec.EmaDecay > 0)
            {
                average = players.NewGenerator(spec, Device);
                var ema = new GeneratorAverage(players.Generator, average, spec.EmaDecay);
                players.Trainer.Stepped += (_, _) => ema.Update();
            }
            fixedLatent = players.Game.FixedLatent(spec.SampleCount, spec.Seed, Device);
            TotalSteps = BudgetSteps.Of(spec, source.BatchesPerEpoch, BudgetSteps.RealBatchesPerStep(spec));
            stepsPerEpoch = Math.Max(1, source.BatchesPerEpoch / BudgetSteps.RealBatchesPerStep(spec));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Device Device { get; }
    public long StepCount => players.Trainer.StepCount;
    public long TotalSteps { get; }
    public SamplerPosition Position => source.Position;
    nn.Module Evaluated => average ?? players.Generator;

    public event EventHandler<long>? Stepped
    {
        add => players.Trainer.Stepped += value;
        remove => players.Trainer.Stepped -= value;
    }

    public void Step()
    {
        OptimizerFactory.ApplyDecay(players.OptimizerG, spec.GOptim, StepCount, TotalSteps, stepsPerEpoch);
        OptimizerFactory.ApplyDecay(players.OptimizerD, spec.DOptim, StepCount, TotalSteps, stepsPerEpoch);
        players.Trainer.Step();
    }

    public StepMetrics Flush() => players.Trainer.Flush();

    public ImageGrid SampleGrid()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var eval = new EvalMode(Evaluated);
        var batch = players.Game.Generate(Evaluated, fixedLatent);
        int columns = (int)Math.Ceiling(Math.Sqrt(batch.shape[0]));
        return samples switch
        {
            SampleSpace.Points => PointCloudImage.Render(ToyDistributions.ReferencePoints(spec.Data.Dataset, spec.Seed, Device), batch,
                ToyDistributions.Modes(spec.Data.Dataset).Select(m => (m.X, m.Y)).ToList()),
            SampleSpace.ZeroOne => ImageGrid.FromBatch(batch, columns, low: 0, high: 1),
            _ => ImageGrid.FromBatch(batch, columns),
        };
    }

    public EvaluationContext NewEvaluation(long step, RunDirectory run) =>
        new(step, spec, run, Device, Evaluated, players.Game, samples, n => ChunkedSampling.Concat(n, 500, (start, count) =>
        {
            using var scope = NewDisposeScope();
            return players.Game.Generate(Evaluated, players.Game.EvaluationLatent(start, count, Device)).MoveToOuterDisposeScope();
        }));

    /// <summary>The family's own scores on the test set (<see cref="GanFamily.Evaluate"/>).</summary>
    public void Evaluate(EvaluationContext context)
    {
        if (!players.Family.EvaluatesOnTestSet || data is null) return;
        using var test = ImageDataset.Load(spec.Data.Dataset, "test", Device, data.Scale, dataRoot);
        players.Family.Evaluate(players.Game, test, context.Record);
    }

    public IReadOnlyDictionary<string, double> ExtraState() => players.Game.SaveState();

    public IReadOnlyDictionary<string, nn.Module> Modules
    {
        get
        {
            var modules = new Dictionary<string, nn.Module> { ["generator"] = players.Generator, ["discriminator"] = players.Discriminator };
            if (average is not null) modules["generator_ema"] = average;
            return modules;
        }
    }

    public IReadOnlyDictionary<string, OptimizerHelper> Optimizers =>
        new Dictionary<string, OptimizerHelper> { ["optimizer_g"] = players.OptimizerG, ["optimizer_d"] = players.OptimizerD };

    public void Restore(CheckpointState state)
    {
        source.Seek(state.Sampler);
        players.Game.LoadState(state.Extra);
        players.Trainer.Restore(state.Step);
    }

    public void Dispose()
    {
        players?.Dispose();
        average?.Dispose();
        fixedLatent?.Z.Dispose();
        fixedLatent?.Labels?.Dispose();
        source?.Dispose();
        data?.Dispose();
    }
}
