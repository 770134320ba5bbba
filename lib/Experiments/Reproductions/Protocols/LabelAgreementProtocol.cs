using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Models;

namespace GanWorkbench.Experiments;

/// <summary>
/// How often a class-conditional generator draws the class it is asked for (Mirza &amp; Osindero 2014's
/// class-conditional samples, measured): <c>per_class</c> samples of every label, each judged by the
/// dataset's evaluation classifier; the value is the fraction whose predicted class is the requested
/// one, the judge's own test accuracy an extra.
/// </summary>
public sealed record LabelAgreementProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "label_agreement";
    /// <summary>Samples per label.</summary>
    public int PerClass { get; init; } = 500;
    /// <summary>Seed of the samples' noise.</summary>
    public long SampleSeed { get; init; } = 7;

    /// <inheritdoc/>
    public override string Describe() =>
        $"{PerClass:N0} samples per requested label, judged by the evaluation classifier; the fraction judged as the requested label.";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (reproduction.Experiments.Count != 1) check.Fail("experiments", $"protocol '{Kind}' scores one conditional experiment; list exactly one.");
        check.Positive("protocol.per_class", PerClass);
    }

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        var perSeed = new List<SeedValue>();
        double judge = 0;
        foreach (var member in context.Members)
        {
            var run = member.Run();
            using var classifier = EvaluationClassifier.LoadOrTrain(run.Spec.Data.Dataset, context.Device, context.DataRoot, context.Log);
            judge = classifier.Info.TestAccuracy;
            using var g = run.LoadGenerator() as ConditionalGeneratorModule
                ?? throw new InputException($"{member.Directory}: protocol '{Kind}' needs a class-conditional generator (model.name: cdcgan).");
            using var samples = ConditionalSampling.Generate(g, PerClass, SampleSeed);
            using var outputs = classifier.Evaluate(samples.Images, SampleSpaces.Pixels(ModelFamilies.Of(run.Spec.Model).Samples));
            var predicted = outputs.PredictedLabels();
            var requested = samples.Labels.cpu().data<long>().ToArray();
            double agreement = predicted.Zip(requested).Count(p => p.First == p.Second) / (double)predicted.Length;
            context.Log($"{member.Experiment} seed {member.Seed}: {agreement:P1} of {predicted.Length} samples judged as their label");
            perSeed.Add(new SeedValue(member.Seed, agreement, member.Directory));
        }
        return new ProtocolResult(perSeed, new Dictionary<string, double> { ["judge_test_accuracy"] = judge });
    }
}
