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
/// experiment from experiments.yaml (the same <see cref="GanPlayers"/> as <c>./gwb run</c>, but on the
/// caller's images and without a run directory). This is the fair way to
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
        if (spec.Model is not CdcganOptions)
            throw new InputException($"a labelled-subset GAN needs model.name: cdcgan (a class-conditional pair), got '{spec.Model.Name}'.");
        if (steps < 1) throw new InputException($"GAN steps must be positive, got {steps}.");
        if (labelled.Scale != spec.Data.Scale)
            throw new InputException($"the labelled images are in {labelled.Scale} scale but the experiment's data.scale is {YamlNames.Of(spec.Data.Scale)}; load them with the experiment's scale.");
        Compute.SeedTorch(seed);
        using var batches = new ImageBatches(labelled, Math.Min(spec.Data.BatchSize, labelled.Count), seed);
        using var players = GanPlayers.Create(spec, labelled.Device, labelled, batches.Next, batches.BatchSize);
        for (long step = 0; step < steps; step++) players.Trainer.Step();
        var g = (ConditionalGeneratorModule)players.ReleaseGenerator();
        g.eval();
        return g;
    }
}
