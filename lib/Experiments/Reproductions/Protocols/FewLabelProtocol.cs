using GanWorkbench.Data;
using GanWorkbench.Models;
using GanWorkbench.Training;

namespace GanWorkbench.Experiments;

/// <summary>
/// Data augmentation with a GAN in the manner of DAGAN (Antoniou et al. 2017), on MNIST, where no paper
/// number exists: for every seed, a LeNet trained on <c>labels_per_class</c> labelled digits per class
/// alone, and the same classifier trained on them plus <c>generated_per_class</c> images per class of a
/// class-conditional GAN trained on the same few labels (<see cref="LabelledSubsetGan"/>, the experiment's
/// settings, <c>gan_steps</c> steps) — <see cref="FewLabelStudy"/>. The value is the mean gain in test
/// accuracy (percentage points) that the generated images bring; each cell's accuracy is an extra.
/// </summary>
public sealed record FewLabelProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "few_label";
    /// <summary>Labelled digits per class.</summary>
    public int LabelsPerClass { get; init; } = 10;
    /// <summary>Generator steps of each subset CGAN.</summary>
    public int GanSteps { get; init; } = 1500;
    /// <summary>Generated images per class added to the classifier's training set.</summary>
    public int GeneratedPerClass { get; init; } = 200;
    /// <summary>Optimiser steps of every classifier.</summary>
    public int ClassifierSteps { get; init; } = 1500;
    /// <summary>Test digits per class scored (0: the whole test set).</summary>
    public int TestPerClass { get; init; }

    /// <inheritdoc/>
    public override bool TrainsRuns => false;

    /// <inheritdoc/>
    public override string Describe() =>
        $"LeNet on {LabelsPerClass} labelled digits per class ({ClassifierSteps} steps) without and with {GeneratedPerClass} samples per class " +
        $"of a CGAN trained {GanSteps} steps on the same labels; the mean gain in test accuracy (points).";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (reproduction.Experiments.Count != 1) check.Fail("experiments", $"protocol '{Kind}' takes the subset CGAN's settings from one conditional experiment; list exactly one.");
        check.Positive("protocol.labels_per_class", LabelsPerClass);
        check.Positive("protocol.gan_steps", GanSteps);
        check.Positive("protocol.generated_per_class", GeneratedPerClass);
        check.Positive("protocol.classifier_steps", ClassifierSteps);
        check.NonNegative("protocol.test_per_class", TestPerClass, "0 = the whole test set");
    }

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        var spec = context.Members[0].Spec;
        using var train = ImageDataset.Load(spec.Data.Dataset, "train", context.Device, spec.Data.Scale, context.DataRoot);
        using var testAll = ImageDataset.Load(spec.Data.Dataset, "test", context.Device, spec.Data.Scale, context.DataRoot);
        using var test = TestPerClass > 0 ? testAll.BalancedSubset(TestPerClass, 99) : null;
        var sources = new List<AugmentationSource>
        {
            AugmentationSource.None,
            new("+ CGAN on the same labels", (subset, seed) =>
            {
                using var g = LabelledSubsetGan.Train(spec, subset, GanSteps, seed);
                return ConditionalSampling.Generate(g, GeneratedPerClass, seed);
            }),
        };
        var results = FewLabelStudy.Run(train, test ?? testAll, [LabelsPerClass], context.Reproduction.Seeds, sources,
            new ClassifierFitOptions { Steps = ClassifierSteps },
            r => context.Log($"{r.LabelsPerClass}/class seed {r.Seed} {r.Source}: {100 * r.TestAccuracy:F1}%"));
        var perSeed = context.Reproduction.Seeds.Select(seed =>
        {
            double real = results.Single(r => r.Seed == seed && r.Source == sources[0].Name).TestAccuracy;
            double augmented = results.Single(r => r.Seed == seed && r.Source == sources[1].Name).TestAccuracy;
            return new SeedValue(seed, 100 * (augmented - real), "");
        }).ToList();
        var extras = FewLabelStudy.Summarize(results).ToDictionary(s => $"{s.Source}.accuracy", s => 100 * s.MeanAccuracy);
        return new ProtocolResult(perSeed, extras);
    }
}
