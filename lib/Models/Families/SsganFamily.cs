using GanWorkbench.Data;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>The options of <c>model.name: ssgan</c>.</summary>
public sealed record SsganOptions : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "ssgan";
    /// <summary>Labelled examples per class (Salimans et al.: 10, i.e. 100 labels).</summary>
    public int LabelsPerClass { get; init; } = 10;
    /// <summary>Train G by feature matching (Salimans et al. 2016, §3.1) instead of the GAN loss.</summary>
    public bool FeatureMatching { get; init; } = true;
}

/// <summary>The semi-supervised GAN (Salimans et al. 2016): a K+1-class <see cref="SemiSupervisedDiscriminator"/>
/// that also classifies a small labelled subset, in a <see cref="SemiSupervisedGame"/>. Its evaluation
/// records the classifier's <c>test_error</c> on the test set.</summary>
public sealed class SsganFamily : GanFamily<SsganOptions>
{
    /// <inheritdoc/>
    public override string Description => "semi-supervised K+1-class D with feature matching (Salimans et al. 2016)";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.ZeroOne;

    /// <inheritdoc/>
    public override nn.Module Generator(SsganOptions options, int classes) => new SemiSupervisedGenerator(options.LatentDim, options.GWidth);

    /// <inheritdoc/>
    public override nn.Module Discriminator(SsganOptions options, int classes) => new SemiSupervisedDiscriminator(classes, options.DWidth);

    /// <inheritdoc/>
    public override AdversarialGame Game(SsganOptions options, nn.Module g, nn.Module d, GameParts parts)
    {
        var train = parts.Train ?? throw new ArgumentException("the semi-supervised GAN draws its labelled subset from the training set", nameof(parts));
        var subset = train.BalancedSubset(options.LabelsPerClass, parts.Seed);
        int batch = Math.Min(parts.BatchSize, subset.Count);
        var labelled = new ImageBatches(subset, batch, parts.Seed + 1, parts.Binarize, ownsData: true);
        return new SemiSupervisedGame((GeneratorModule)g, (SemiSupervisedDiscriminator)d, parts.Loss, labelled, options.FeatureMatching, parts.Penalty);
    }

    /// <inheritdoc/>
    public override bool Labelled(SsganOptions options) => true;

    /// <inheritdoc/>
    public override void Check(SsganOptions options, FieldCheck check) => check.Positive("model.labels_per_class", options.LabelsPerClass);

    /// <inheritdoc/>
    public override bool EvaluatesOnTestSet => true;

    /// <inheritdoc/>
    public override void Evaluate(AdversarialGame game, ImageDataset test, Action<string, double> record)
    {
        var ssl = (SemiSupervisedGame)game;
        long wrong = 0;
        for (int start = 0; start < test.Count; start += 1000)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(1000, test.Count - start);
            var predicted = ssl.Predict(test.Images.narrow(0, start, count));
            wrong += predicted.ne(test.Labels.narrow(0, start, count)).sum().item<long>();
        }
        record("test_error", (double)wrong / test.Count);
    }
}
