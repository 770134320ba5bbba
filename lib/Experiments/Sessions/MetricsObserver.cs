using GanWorkbench.Data;
using GanWorkbench.Metrics;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// Evaluation during training: computes the metrics an experiment lists in <c>eval_metrics</c> at
/// every evaluation of the run (step 0, every <c>eval_every</c> steps and at the end) on
/// <c>eval_samples</c> fresh samples, and records them, so they land in metrics.jsonl as
/// <c>eval/NAME</c> and in TensorBoard. The runner adds it whenever <c>eval_metrics</c> is not empty
/// and already runs evaluations in eval mode, under no_grad, with torch's random state preserved, so
/// evaluating never changes the training run.
/// <list type="bullet">
/// <item>Image datasets (MNIST, Fashion-MNIST): the classifier metrics of <see cref="ImageMetricSuite"/>
/// against the reference half of the test set: <c>fid</c>, <c>mnist_score</c>, <c>precision_recall</c>,
/// <c>class_coverage</c>. The dataset's evaluation classifier is loaded (or trained, once) at the first
/// evaluation.</item>
/// <item>Toy mixtures (8 and 25 Gaussians): <c>modes</c> → <c>modes_covered</c> and
/// <c>high_quality</c> (<see cref="ToyMixtureQuality"/> with the mixture's own centres and σ).</item>
/// </list>
/// </summary>
public sealed class MetricsObserver(string? dataRoot = null) : RunObserver
{
    /// <summary>The smallest <c>eval_samples</c>: precision/recall needs k = 3 neighbours, the MNIST score 10 splits.</summary>
    public const int MinimumSamples = 20;

    /// <summary>The metric of a toy mixture: modes covered and the high-quality fraction.</summary>
    public const string ModesMetric = "modes";

    /// <summary>The metric names an experiment on <paramref name="dataset"/> may list in <c>eval_metrics</c>.</summary>
    public static IReadOnlyList<string> AllowedMetrics(string dataset) =>
        !ToyDistributions.IsToy(dataset) ? ImageMetricSuite.KnownMetrics
        : ToyDistributions.Modes(dataset).Count > 0 ? [ModesMetric] : [];

    ImageMetricSuite? suite;

    /// <inheritdoc/>
    public override void OnEvaluate(EvaluationContext context)
    {
        var spec = context.Spec;
        if (spec.EvalMetrics.Count == 0) return;
        using var samples = context.Sample(spec.EvalSamples);
        if (context.Samples == SampleSpace.Points)
        {
            var modes = ToyDistributions.Modes(spec.Data.Dataset);
            var result = ToyMixtureQuality.Evaluate(samples, modes.Select(m => new[] { m.X, m.Y }).ToList(), modes[0].Sigma);
            context.Record("modes_covered", result.ModesCovered);
            context.Record("high_quality", result.HighQualityFraction);
            return;
        }
        suite ??= ImageMetricSuite.ForDataset(spec.Data.Dataset, context.Device, spec.EvalMetrics, dataRoot: dataRoot);
        var scale = SampleSpaces.Pixels(context.Samples);
        using var images = samples.reshape(-1, 1, 28, 28);                      // flat 784-pixel generators too
        foreach (var (name, value) in suite.Evaluate(images, scale)) context.Record(name, value);
    }

    /// <inheritdoc/>
    public override void OnEnd(RunStatus status)
    {
        suite?.Dispose();
        suite = null;
    }
}
