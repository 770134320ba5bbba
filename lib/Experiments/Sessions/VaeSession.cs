using GanWorkbench.Data;
using GanWorkbench.Models;
using GanWorkbench.Plotting;
using GanWorkbench.Runtime;
using GanWorkbench.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>A VAE experiment being trained: data (dynamically binarised when asked), the test set
/// (binarised once, with its own generator, so every evaluation sees the same bits), the model, its
/// optimiser (<c>g_optim</c>) and the <see cref="VaeTrainer"/>. Evaluation records the test negative
/// ELBO and its parts.</summary>
internal sealed class VaeSession : ITrainingSession
{
    readonly ExperimentSpec spec;
    readonly ImageDataset data;
    readonly ImageDataset test;
    readonly Tensor? binarizedTest;
    readonly ImageBatches source;
    readonly Vae model;
    readonly OptimizerHelper optimizer;
    readonly VaeTrainer trainer;
    readonly Tensor fixedZ;
    readonly Tensor? fixedLabels;

    public VaeSession(ExperimentSpec spec, Compute compute, string? dataRoot)
    {
        this.spec = spec;
        Device = compute.Device;
        try
        {
            var options = (VaeOptions)spec.Model;
            data = TrainingImages.Load(spec, Device, dataRoot);
            test = ImageDataset.Load(spec.Data.Dataset, "test", Device, spec.Data.Scale, dataRoot);
            binarizedTest = spec.Data.Binarize ? BinarizeOnce(test.Images, spec.Seed) : null;
            source = new ImageBatches(data, spec.Data.BatchSize, spec.Seed, spec.Data.Binarize);
            model = ((VaeFamily)ModelFamilies.Of(options)).Create(options, DatasetCatalog.ClassCount(spec.Data.Dataset)).to(Device);
            VaeFamily.InitializeFromData(options, model, data);
            optimizer = OptimizerFactory.Create(spec.GOptim, model.parameters());
            trainer = new VaeTrainer(model, optimizer, source.Next, options.Objective, options.Beta, options.Samples);
            using (var gen = FixedSamples.Generator(spec.Seed))
            using (var z = randn(spec.SampleCount, spec.Model.LatentDim, generator: gen))
                fixedZ = z.to(Device).DetachFromDisposeScope();
            if (model.Classes > 0) fixedLabels = arange(spec.SampleCount, device: Device).remainder(model.Classes).DetachFromDisposeScope();
            TotalSteps = BudgetSteps.Of(spec, source.BatchesPerEpoch, 1);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    static Tensor BinarizeOnce(Tensor images, long seed)
    {
        using var scope = NewDisposeScope();
        using var gen = new torch.Generator(unchecked((ulong)(seed * 7_777 + 3)));
        var u = rand(images.shape, generator: gen).to(images.device);
        return u.lt(images).to(images.dtype).MoveToOuterDisposeScope().DetachFromDisposeScope();
    }

    public Device Device { get; }
    public long StepCount => trainer.StepCount;
    public long TotalSteps { get; }
    public SamplerPosition Position => source.Position;

    public event EventHandler<long>? Stepped
    {
        add => trainer.Stepped += value;
        remove => trainer.Stepped -= value;
    }

    public void Step()
    {
        OptimizerFactory.ApplyDecay(optimizer, spec.GOptim, StepCount, TotalSteps, source.BatchesPerEpoch);
        trainer.Step();
    }
    public StepMetrics Flush() => trainer.Flush();

    public ImageGrid SampleGrid()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var eval = new EvalMode(model);
        var images = model.Decode(fixedZ, fixedLabels);
        return ImageGrid.FromBatch(images, (int)Math.Ceiling(Math.Sqrt(images.shape[0])), low: 0, high: 1);
    }

    public EvaluationContext NewEvaluation(long step, RunDirectory run) =>
        new(step, spec, run, Device, model, null, SampleSpace.ZeroOne, n => ChunkedSampling.Concat(n, 1000, (start, count) =>
        {
            using var scope = NewDisposeScope();
            var z = randn(count, model.LatentDim, device: Device);
            var labels = model.Classes > 0 ? arange(start, start + count, device: Device).remainder(model.Classes) : null;
            return model.Decode(z, labels).MoveToOuterDisposeScope();
        }));

    public void Evaluate(EvaluationContext context)
    {
        var (negativeElbo, reconstruction, kl) = VaeTrainer.Evaluate(model, binarizedTest ?? test.Images, test.Labels);
        context.Record("test_neg_elbo", negativeElbo);
        context.Record("test_reconstruction", reconstruction);
        context.Record("test_kl", kl);
    }

    public IReadOnlyDictionary<string, double> ExtraState() => new Dictionary<string, double>();

    public IReadOnlyDictionary<string, nn.Module> Modules => new Dictionary<string, nn.Module> { ["vae"] = model };

    public IReadOnlyDictionary<string, OptimizerHelper> Optimizers => new Dictionary<string, OptimizerHelper> { ["optimizer"] = optimizer };

    public void Restore(CheckpointState state)
    {
        source.Seek(state.Sampler);
        trainer.Restore(state.Step);
    }

    public void Dispose()
    {
        trainer?.Dispose();
        optimizer?.Dispose();
        model?.Dispose();
        source?.Dispose();
        fixedZ?.Dispose();
        fixedLabels?.Dispose();
        binarizedTest?.Dispose();
        test?.Dispose();
        data?.Dispose();
    }
}
