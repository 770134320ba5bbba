using GanWorkbench.Data;
using GanWorkbench.Models;
using GanWorkbench.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// A GAN experiment's players: the family's G and D on the device, their game (with the experiment's
/// loss, penalty and clipping), an optimiser for each and the <see cref="AdversarialTrainer"/> that steps
/// them under the experiment's schedule. <c>./gwb run</c> (<see cref="GanSession"/>) and the
/// labelled-subset GAN build them here, in this order, so both train the same way.
/// </summary>
internal sealed class GanPlayers : IDisposable
{
    bool ownsGenerator = true;

    public GanFamily Family { get; }
    public nn.Module Generator { get; }
    public nn.Module Discriminator { get; }
    public AdversarialGame Game { get; }
    public OptimizerHelper OptimizerG { get; }
    public OptimizerHelper OptimizerD { get; }
    public AdversarialTrainer Trainer { get; }

    GanPlayers(GanFamily family, nn.Module g, nn.Module d, AdversarialGame game, OptimizerHelper optimizerG, OptimizerHelper optimizerD,
        AdversarialTrainer trainer)
    {
        Family = family; Generator = g; Discriminator = d; Game = game; OptimizerG = optimizerG; OptimizerD = optimizerD; Trainer = trainer;
    }

    /// <summary>Builds the players; <paramref name="train"/> is the training set (for families that draw
    /// their own batches from it), <paramref name="next"/> the source of real batches of <paramref name="batchSize"/>.</summary>
    public static GanPlayers Create(ExperimentSpec spec, Device device, ImageDataset? train, Func<RealBatch> next, int batchSize)
    {
        var family = (GanFamily)ModelFamilies.Of(spec.Model);
        int classes = DatasetCatalog.ClassCount(spec.Data.Dataset);
        var built = new List<IDisposable>();
        try
        {
            var g = Keep(family.CreateGenerator(spec.Model, classes).to(device));
            var d = Keep(family.CreateDiscriminator(spec.Model, classes).to(device));
            if (train is not null) family.InitializeFromData(spec.Model, g, d, train);
            var parts = new GameParts(LossFactory.Create(spec.Loss), LossFactory.CreatePenalty(spec.Loss), LossFactory.CreateClipping(spec.Loss),
                train, spec.Seed, spec.Data.BatchSize, spec.Data.Binarize);
            var game = Keep(family.CreateGame(spec.Model, g, d, parts));
            var optimizerG = Keep(OptimizerFactory.Create(spec.GOptim, g.parameters()));
            var optimizerD = Keep(OptimizerFactory.Create(spec.DOptim, d.parameters()));
            var schedule = new UpdateSchedule(spec.Schedule.Kind, spec.Schedule.Kind == UpdateKind.Simultaneous ? 1 : spec.Schedule.DSteps);
            var trainer = new AdversarialTrainer(game, schedule, optimizerG, optimizerD, next, batchSize);
            return new GanPlayers(family, g, d, game, optimizerG, optimizerD, trainer);
        }
        catch
        {
            for (int i = built.Count - 1; i >= 0; i--) built[i].Dispose();
            throw;
        }

        T Keep<T>(T item) where T : IDisposable
        {
            built.Add(item);
            return item;
        }
    }

    /// <summary>A new, untrained generator of the same family and options (the EMA copy).</summary>
    public nn.Module NewGenerator(ExperimentSpec spec, Device device) =>
        Family.CreateGenerator(spec.Model, DatasetCatalog.ClassCount(spec.Data.Dataset)).to(device);

    /// <summary>Hands the generator to the caller, who then disposes it; the rest goes with the players.</summary>
    public nn.Module ReleaseGenerator()
    {
        ownsGenerator = false;
        return Generator;
    }

    public void Dispose()
    {
        Trainer.Dispose();
        OptimizerG.Dispose();
        OptimizerD.Dispose();
        Game.Dispose();
        if (ownsGenerator) Generator.Dispose();
        Discriminator.Dispose();
    }
}
