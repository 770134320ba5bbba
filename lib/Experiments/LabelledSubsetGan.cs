using GanWorkbench.Data;
using GanWorkbench.Models;
using GanWorkbench.Runtime;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// Trains a class-conditional GAN (model <c>cdcgan</c>) on a given labelled set — typically the few
/// labelled images of a few-label experiment — with the models, loss, schedule and optimisers of an
/// experiment from experiments.yaml (the same <see cref="ModelZoo"/> and <see cref="AdversarialTrainer"/>
/// as <c>./gwb run</c>, but on the caller's images and without a run directory). This is the fair way to
/// use a conditional GAN for augmentation: a CGAN trained on all 60,000 labelled MNIST images would hand
/// the classifier knowledge of labels it is not supposed to have.
/// Notebook: 07-conditional-and-augmentation.
/// </summary>
public static class LabelledSubsetGan
{
    /// <summary>Trains G and D for <paramref name="steps"/> generator steps on <paramref name="labelled"/> and
    /// returns G in eval mode (the caller disposes it). The batch size is the experiment's, capped at the set's
    /// size; <paramref name="seed"/> seeds the initialisation, the noise and the batch order.</summary>
    public static ConditionalGeneratorModule Train(ExperimentSpec spec, ImageDataset labelled, long steps, long seed)
    {
        if (spec.Model.Name != "cdcgan")
            throw new InputException($"a labelled-subset GAN needs model.name: cdcgan (a class-conditional pair), got '{spec.Model.Name}'.");
        if (steps < 1) throw new InputException($"GAN steps must be positive, got {steps}.");
        var expected = spec.Data.Scale == "zero_one" ? PixelScale.ZeroOne : PixelScale.Tanh;
        if (labelled.Scale != expected)
            throw new InputException($"the labelled images are in {labelled.Scale} scale but the experiment's data.scale is {spec.Data.Scale}; load them with the experiment's scale.");
        Compute.SeedTorch(seed);
        var device = labelled.Device;
        var g = (ConditionalGeneratorModule)ModelZoo.CreateGenerator(spec).to(device);
        try
        {
            using var d = ModelZoo.CreateDiscriminator(spec).to(device);
            using var game = ModelZoo.CreateGame(spec, g, d, labelled);
            using var optimizerG = OptimizerFactory.Create(spec.GOptim, g.parameters());
            using var optimizerD = OptimizerFactory.Create(spec.DOptim, d.parameters());
            using var batches = new ImageBatches(labelled, Math.Min(spec.Data.BatchSize, labelled.Count), seed);
            var schedule = spec.Schedule.Kind == "simultaneous" ? UpdateSchedule.Simultaneous() : UpdateSchedule.Alternating(spec.Schedule.DSteps);
            using var trainer = new AdversarialTrainer(game, schedule, optimizerG, optimizerD, batches.Next, batches.BatchSize);
            g.train(); d.train();
            for (long step = 0; step < steps; step++) trainer.Step();
            g.eval();
            return g;
        }
        catch
        {
            g.Dispose();
            throw;
        }
    }
}
