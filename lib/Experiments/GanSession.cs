using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Models;
using GanWorkbench.Plotting;
using GanWorkbench.Runtime;
using GanWorkbench.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>A GAN experiment being trained: data, the zoo's models and game, optimisers, the
/// <see cref="AdversarialTrainer"/>, an optional moving average of G, and the fixed sample inputs.</summary>
internal sealed class GanSession : ITrainingSession
{
    readonly ExperimentSpec spec;
    readonly ImageDataset? data;
    readonly IBatchSource source;
    readonly nn.Module generator;
    readonly nn.Module discriminator;
    readonly nn.Module? average;
    readonly AdversarialGame game;
    readonly OptimizerHelper optimizerG;
    readonly OptimizerHelper optimizerD;
    readonly AdversarialTrainer trainer;
    readonly GeneratorAverage? ema;
    readonly LatentBatch fixedLatent;
    readonly string scale;
    readonly string? dataRoot;

    public GanSession(ExperimentSpec spec, Compute compute, string? dataRoot)
    {
        this.spec = spec; this.dataRoot = dataRoot;
        Device = compute.Device;
        scale = ToyDistributions.IsToy(spec.Data.Dataset) ? "points" : spec.Data.Scale;   // samples live where the data does
        try
        {
            if (ToyDistributions.IsToy(spec.Data.Dataset))
            {
                source = new ToyBatches(spec.Data.Dataset, spec.Data.BatchSize, spec.Seed, Device);
            }
            else
            {
                data = ImageDataset.Load(spec.Data.Dataset, "train", Device,
                    spec.Data.Scale == "zero_one" ? PixelScale.ZeroOne : PixelScale.Tanh, dataRoot);
                source = new ImageBatches(data, spec.Data.BatchSize, spec.Seed, spec.Data.Binarize);
            }
            generator = ModelZoo.CreateGenerator(spec).to(Device);
            discriminator = ModelZoo.CreateDiscriminator(spec).to(Device);
            game = ModelZoo.CreateGame(spec, generator, discriminator, data);
            optimizerG = OptimizerFactory.Create(spec.GOptim, generator.parameters());
            optimizerD = OptimizerFactory.Create(spec.DOptim, discriminator.parameters());
            var schedule = spec.Schedule.Kind == "simultaneous" ? UpdateSchedule.Simultaneous() : UpdateSchedule.Alternating(spec.Schedule.DSteps);
            trainer = new AdversarialTrainer(game, schedule, optimizerG, optimizerD, source.Next, spec.Data.BatchSize);
            if (spec.EmaDecay > 0)
            {
                average = ModelZoo.CreateGenerator(spec).to(Device);
                ema = new GeneratorAverage(generator, average, spec.EmaDecay);
                trainer.Stepped += (_, _) => ema.Update();
            }
            fixedLatent = game.FixedLatent(spec.SampleCount, spec.Seed, Device);
            TotalSteps = BudgetSteps.Of(spec, source.BatchesPerEpoch, BudgetSteps.RealBatchesPerStep(spec));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Device Device { get; }
    public long StepCount => trainer.StepCount;
    public long TotalSteps { get; }
    public SamplerPosition Position => source.Position;
    public AdversarialTrainer Trainer => trainer;
    nn.Module Evaluated => average ?? generator;

    public event EventHandler<long>? Stepped
    {
        add => trainer.Stepped += value;
        remove => trainer.Stepped -= value;
    }

    public void Step()
    {
        LearningRateDecay.Apply(optimizerG, spec.GOptim, StepCount, TotalSteps);
        LearningRateDecay.Apply(optimizerD, spec.DOptim, StepCount, TotalSteps);
        trainer.Step();
    }
    public StepMetrics Flush() => trainer.Flush();

    public ImageGrid SampleGrid()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var eval = new EvalMode(Evaluated);
        var samples = game.Generate(Evaluated, fixedLatent);
        int columns = (int)Math.Ceiling(Math.Sqrt(samples.shape[0]));
        return scale switch
        {
            "points" => PointCloudImage.Render(ReferencePoints(), samples,
                ToyDistributions.Modes(spec.Data.Dataset).Select(m => (m.X, m.Y)).ToList()),
            "zero_one" => ImageGrid.FromBatch(samples, columns, low: 0, high: 1),
            _ => ImageGrid.FromBatch(samples, columns),
        };
    }

    // Real points for the toy pictures: drawn inside the runner's RNG guard, so training is unaffected.
    Tensor ReferencePoints() => spec.Data.Dataset switch
    {
        "8gaussians" => ToyDistributions.SampleEightGaussians(512, Device),
        "swissroll" => ToyDistributions.SampleSwissRoll(512, Device),
        _ => ToyDistributions.TwentyFiveGaussiansSet(spec.Seed, Device).narrow(0, 0, 1000),
    };

    public EvaluationContext NewEvaluation(long step, RunDirectory run) =>
        new(step, spec, run, Device, Evaluated, game, scale, n => SessionParts.Batched(n, 500, (start, count) =>
        {
            using var scope = NewDisposeScope();
            var latent = game.SampleLatent(count, Device);
            if (latent.Labels is not null && game is ConditionalGame c)
                latent = latent with { Labels = arange(start, start + count, device: Device).remainder(c.G.Classes) };
            return game.Generate(Evaluated, latent).MoveToOuterDisposeScope();
        }));

    /// <summary>Model-specific scores on the test set: the semi-supervised discriminator's
    /// <c>test_error</c>; InfoGAN's categorical code as a clustering of the test images
    /// (<c>code_acc</c>, <c>code_nmi</c>, <c>code_ari</c>: Q's most likely category against the labels).</summary>
    public void Evaluate(EvaluationContext context)
    {
        if (game is not (SemiSupervisedGame or InfoGanGame) || data is null) return;
        using var test = ImageDataset.Load(spec.Data.Dataset, "test", Device, data.Scale, dataRoot);
        if (game is InfoGanGame info)
        {
            var scores = ClusteringScores.Compute("InfoGAN categorical code", InfoGanCodes.PredictCategories(info.D, test.Images), test.LabelArray());
            context.Record("code_acc", scores.Accuracy);
            context.Record("code_nmi", scores.Nmi);
            context.Record("code_ari", scores.Ari);
            return;
        }
        var ssl = (SemiSupervisedGame)game;
        long wrong = 0;
        for (int start = 0; start < test.Count; start += 1000)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(1000, test.Count - start);
            var predicted = ssl.Predict(test.Images.narrow(0, start, count));
            wrong += predicted.ne(test.Labels.narrow(0, start, count)).sum().item<long>();
        }
        context.Record("test_error", (double)wrong / test.Count);
    }

    public void SaveTensors(string folder)
    {
        generator.save(Path.Combine(folder, "generator.pt"));
        discriminator.save(Path.Combine(folder, "discriminator.pt"));
        average?.save(Path.Combine(folder, "generator_ema.pt"));
        optimizerG.save_state_dict(Path.Combine(folder, "optimizer_g.pt"));
        optimizerD.save_state_dict(Path.Combine(folder, "optimizer_d.pt"));
    }

    public void LoadTensors(string folder)
    {
        generator.load(Path.Combine(folder, "generator.pt"));
        discriminator.load(Path.Combine(folder, "discriminator.pt"));
        average?.load(Path.Combine(folder, "generator_ema.pt"));
        optimizerG.load_state_dict(Path.Combine(folder, "optimizer_g.pt"));
        optimizerD.load_state_dict(Path.Combine(folder, "optimizer_d.pt"));
    }

    public IReadOnlyDictionary<string, double> ExtraState() => game.SaveState();

    public IReadOnlyDictionary<string, nn.Module> Modules
    {
        get
        {
            var modules = new Dictionary<string, nn.Module> { ["generator"] = generator, ["discriminator"] = discriminator };
            if (average is not null) modules["generator_ema"] = average;
            return modules;
        }
    }

    public void Restore(CheckpointState state)
    {
        source.Seek(state.Sampler);
        game.LoadState(state.Extra);
        trainer.Restore(state.Step);
    }

    public void Dispose()
    {
        trainer?.Dispose();
        optimizerG?.Dispose();
        optimizerD?.Dispose();
        game?.Dispose();
        generator?.Dispose();
        discriminator?.Dispose();
        average?.Dispose();
        fixedLatent?.Z.Dispose();
        fixedLatent?.Labels?.Dispose();
        source?.Dispose();
        data?.Dispose();
    }
}
