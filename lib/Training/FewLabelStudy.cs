using GanWorkbench.Data;
using GanWorkbench.Interactive;
using GanWorkbench.Models;
using GanWorkbench.Plotting;
using Plotly.NET;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>Where a few-label classifier's extra training images come from.</summary>
/// <param name="Name">Label in tables and charts (e.g. "real only", "+ CGAN on the same labels").</param>
/// <param name="Generate">Given the labelled subset and the seed, the extra labelled images in the subset's
/// pixel scale (the study disposes them), or null for none.</param>
public sealed record AugmentationSource(string Name, Func<ImageDataset, long, LabelledSamples?> Generate)
{
    /// <summary>No extra images: the classifier sees only the labelled subset.</summary>
    public static AugmentationSource None { get; } = new("real only", (_, _) => null);
}

/// <summary>One classifier of a few-label study.</summary>
/// <param name="LabelsPerClass">Labelled training images per class.</param>
/// <param name="Seed">Seed of the subset, the classifier and the source.</param>
/// <param name="Source">The <see cref="AugmentationSource.Name"/>.</param>
/// <param name="TestAccuracy">Fraction of the test set labelled correctly.</param>
/// <param name="RealCount">Labelled real images it trained on.</param>
/// <param name="GeneratedCount">Extra (generated) images it trained on.</param>
/// <param name="Seconds">Wall time of the source and the classifier.</param>
public sealed record FewLabelResult(int LabelsPerClass, long Seed, string Source, double TestAccuracy, int RealCount, int GeneratedCount, double Seconds);

/// <summary>Mean and sample standard deviation of test accuracy over seeds, for one (labels, source) cell.</summary>
/// <param name="LabelsPerClass">Labelled images per class.</param>
/// <param name="Source">The augmentation source.</param>
/// <param name="MeanAccuracy">Mean test accuracy over the seeds.</param>
/// <param name="StdDev">Sample standard deviation (n − 1) over the seeds; NaN for one seed.</param>
/// <param name="Seeds">Number of seeds.</param>
public sealed record FewLabelSummary(int LabelsPerClass, string Source, double MeanAccuracy, double StdDev, int Seeds);

/// <summary>
/// The few-label experiment of notebook 07-conditional-and-augmentation: for every number of labels per
/// class and every seed, draw a class-balanced labelled subset of the training set
/// (<see cref="ImageDataset.BalancedSubset"/>), and for every <see cref="AugmentationSource"/> train a
/// classifier (<see cref="ClassifierFit"/>, the same number of optimiser steps for every cell) on the
/// subset plus that source's images, then measure its test accuracy. Data augmentation with generated
/// images in the manner of DAGAN (Antoniou et al. 2017); whether it helps depends on how the generator
/// was trained — with the same few labels (fair) or with all labels (a leak).
/// </summary>
public static class FewLabelStudy
{
    /// <summary>Runs every (labels per class × seed × source) cell, in that order, calling
    /// <paramref name="onResult"/> after each.</summary>
    public static IReadOnlyList<FewLabelResult> Run(ImageDataset train, ImageDataset test, IReadOnlyList<int> labelsPerClass,
        IReadOnlyList<long> seeds, IReadOnlyList<AugmentationSource> sources, ClassifierFitOptions classifier,
        Action<FewLabelResult>? onResult = null)
    {
        if (labelsPerClass.Count == 0 || seeds.Count == 0 || sources.Count == 0)
            throw new InputException("a few-label study needs at least one labels-per-class value, one seed and one source.");
        if (train.Scale != test.Scale) throw new InputException($"train ({train.Scale}) and test ({test.Scale}) images differ in pixel scale.");
        int classes = train.ClassNames.Count;
        var results = new List<FewLabelResult>();
        foreach (int n in labelsPerClass)
            foreach (long seed in seeds)
            {
                using var subset = train.BalancedSubset(n, seed);
                foreach (var source in sources)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    using var extra = source.Generate(subset, seed);
                    using var scope = NewDisposeScope();
                    var images = extra is null ? subset.Images : cat([subset.Images, extra.Images.to(subset.Device)], 0);   // (N, 1, 28, 28)
                    var labels = extra is null ? subset.Labels : cat([subset.Labels, extra.Labels.to(subset.Device)], 0);   // (N)
                    using var fit = ClassifierFit.Train(images, labels, test.Images, test.Labels, classes,
                        classifier with { Seed = seed }, train.Scale);
                    var result = new FewLabelResult(n, seed, source.Name, fit.TestAccuracy, subset.Count, extra?.Count ?? 0, clock.Elapsed.TotalSeconds);
                    results.Add(result);
                    onResult?.Invoke(result);
                }
            }
        return results;
    }

    /// <summary>Mean ± sample standard deviation over seeds per (labels per class, source), in first-seen order.</summary>
    public static IReadOnlyList<FewLabelSummary> Summarize(IReadOnlyList<FewLabelResult> results) =>
        results.GroupBy(r => (r.LabelsPerClass, r.Source)).Select(g =>
        {
            var acc = g.Select(r => r.TestAccuracy).ToArray();
            double mean = acc.Average();
            double sd = acc.Length > 1 ? Math.Sqrt(acc.Sum(a => (a - mean) * (a - mean)) / (acc.Length - 1)) : double.NaN;
            return new FewLabelSummary(g.Key.LabelsPerClass, g.Key.Source, mean, sd, acc.Length);
        }).ToList();

    /// <summary>One row per labels-per-class value, one column per source: "mean ± sd" test accuracy in %.</summary>
    public static MetricTable Table(IReadOnlyList<FewLabelSummary> summaries, string? title = null)
    {
        var sources = summaries.Select(s => s.Source).Distinct().ToList();
        var rows = summaries.Select(s => s.LabelsPerClass).Distinct().Select(n => (IReadOnlyList<object?>)new object?[] { n }
            .Concat(sources.Select(src => summaries.FirstOrDefault(s => s.LabelsPerClass == n && s.Source == src) is { } s
                ? (object?)(double.IsNaN(s.StdDev) ? $"{100 * s.MeanAccuracy:F1}" : $"{100 * s.MeanAccuracy:F1} ± {100 * s.StdDev:F1}")
                : null)).ToArray()).ToList();
        return new MetricTable(title, ["labels per class", .. sources], rows);
    }

    /// <summary>Grouped bars: test accuracy (%) by labels per class, one bar per source, error bars = sd over seeds.</summary>
    public static GenericChart Chart(IReadOnlyList<FewLabelSummary> summaries, string title = "Few-label classifiers: test accuracy")
    {
        var counts = summaries.Select(s => s.LabelsPerClass).Distinct().ToList();
        var series = summaries.Select(s => s.Source).Distinct().Select(src =>
        {
            var cells = counts.Select(n => summaries.FirstOrDefault(s => s.LabelsPerClass == n && s.Source == src)).ToList();
            return new BarSeries(src, cells.Select(c => c is null ? double.NaN : 100 * c.MeanAccuracy).ToList(),
                cells.Select(c => c is null || double.IsNaN(c.StdDev) ? 0 : 100 * c.StdDev).ToList());
        }).ToList();
        return Charts.Bars(counts.Select(n => $"{n} per class").ToList(), series, title, "labelled images", "test accuracy (%)");
    }
}
