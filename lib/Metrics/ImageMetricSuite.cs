using GanWorkbench.Data;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>
/// The classifier-based image metrics of one run, against one reference set, ready to be applied
/// to sample after sample: the reference's classifier features and moments are computed once. Used
/// by evaluation during training (<c>eval.metrics</c> in experiments.yaml), by
/// <c>./gwb data classifier</c>'s reference numbers and by notebooks.
/// <para>Metric names and the values they produce:</para>
/// <list type="bullet">
/// <item><c>fid</c> → <c>fid</c> (<see cref="ClassifierFid"/>);</item>
/// <item><c>mnist_score</c> → <c>mnist_score</c>, <c>mnist_score_std</c> (<see cref="MnistScore"/>, 10 splits);</item>
/// <item><c>precision_recall</c> → <c>precision</c>, <c>recall</c> (<see cref="PrecisionRecall"/>, k = 3, as many
/// reference vectors as samples);</item>
/// <item><c>class_coverage</c> → <c>classes_covered</c>, <c>class_kl</c> (<see cref="ClassCoverage"/>).</item>
/// </list>
/// </summary>
public sealed class ImageMetricSuite : IDisposable
{
    /// <summary>The metric names a suite understands.</summary>
    public static IReadOnlyList<string> KnownMetrics { get; } = ["fid", "mnist_score", "precision_recall", "class_coverage"];

    /// <summary>Default number of reference images: half of a 10,000-image test set, so that the other
    /// half is the natural real-data baseline at the same sample size.</summary>
    public const int DefaultReferenceCount = 5000;

    /// <summary>Seed of the fixed permutation that splits a test set into reference and held-out halves.</summary>
    public const long ReferenceSplitSeed = 2014;

    readonly Tensor referenceFeatures;
    readonly GaussianMoments referenceMoments;

    /// <summary>The classifier whose features and labels the metrics use.</summary>
    public EvaluationClassifier Classifier { get; }
    /// <summary>The metrics computed by <see cref="Evaluate"/>.</summary>
    public IReadOnlyList<string> Metrics { get; }
    /// <summary>Reference images used.</summary>
    public int ReferenceCount { get; }

    /// <summary>Prepares the metrics against the first <paramref name="referenceCount"/> of
    /// <paramref name="referenceImages"/> (N, 1, 28, 28) in <paramref name="referenceScale"/>.</summary>
    public ImageMetricSuite(EvaluationClassifier classifier, Tensor referenceImages, PixelScale referenceScale,
        IReadOnlyList<string> metrics, int referenceCount = DefaultReferenceCount)
    {
        foreach (var m in metrics)
            if (!KnownMetrics.Contains(m))
                throw new InputException($"unknown metric '{m}'; known metrics: {string.Join(", ", KnownMetrics)}.");
        Classifier = classifier;
        Metrics = metrics.ToArray();
        ReferenceCount = (int)Math.Min(referenceCount, referenceImages.shape[0]);
        using var reference = referenceImages.narrow(0, 0, ReferenceCount);
        using var outputs = classifier.Evaluate(reference, referenceScale);
        referenceFeatures = outputs.Features.detach().clone().DetachFromDisposeScope();
        referenceMoments = GaussianMoments.FromFeatures(referenceFeatures);
    }

    /// <summary>Loads the dataset's classifier (training it when missing) and uses the reference part of
    /// its test split (<see cref="SplitTestSet"/>) as reference.</summary>
    public static ImageMetricSuite ForDataset(string dataset, Device device, IReadOnlyList<string> metrics,
        int referenceCount = DefaultReferenceCount, string? dataRoot = null, Action<string>? log = null)
    {
        var classifier = EvaluationClassifier.LoadOrTrain(dataset, device, dataRoot, log);
        using var test = ImageDataset.Load(dataset, "test", device, PixelScale.Tanh, dataRoot);
        using var split = SplitTestSet(test.Images, referenceCount);
        return new ImageMetricSuite(classifier, split.Reference, PixelScale.Tanh, metrics, referenceCount) { ownsClassifier = true };
    }

    /// <summary>
    /// Splits test images into a reference part of <paramref name="referenceCount"/> images and the held-out
    /// rest by a fixed random permutation (<see cref="ReferenceSplitSeed"/>). Random, not first/second half:
    /// MNIST's test set is ordered — its first 5,000 digits come from NIST's cleaner SD-3 writers, the last
    /// 5,000 from SD-1 — and the two halves differ enough to give a classifier-FID of about 28 between them.
    /// </summary>
    public static ReferenceSplit SplitTestSet(Tensor images, int referenceCount = DefaultReferenceCount)
    {
        long n = images.shape[0];
        if (referenceCount < 1 || referenceCount >= n)
            throw new ArgumentOutOfRangeException(nameof(referenceCount), referenceCount, $"must be in 1..{n - 1}");
        using var gen = new Generator(ReferenceSplitSeed);
        using var order = randperm(n, generator: gen).to(images.device);
        using var first = order.narrow(0, 0, referenceCount);
        using var rest = order.narrow(0, referenceCount, n - referenceCount);
        return new ReferenceSplit(images.index_select(0, first), images.index_select(0, rest));
    }

    bool ownsClassifier;

    /// <summary>Computes every metric of <see cref="Metrics"/> on <paramref name="samples"/> (N, 1, 28, 28).</summary>
    public IReadOnlyDictionary<string, double> Evaluate(Tensor samples, PixelScale scale = PixelScale.Tanh)
    {
        using var scope = NewDisposeScope();
        using var outputs = Classifier.Evaluate(samples, scale);
        var values = new Dictionary<string, double>();
        int n = (int)samples.shape[0];
        foreach (var metric in Metrics)
        {
            switch (metric)
            {
                case "fid":
                    values["fid"] = FrechetDistance.Compute(referenceMoments, GaussianMoments.FromFeatures(outputs.Features));
                    break;
                case "mnist_score":
                    var score = MnistScore.FromProbabilities(outputs.Probabilities, Math.Min(10, n));
                    values["mnist_score"] = score.Mean;
                    values["mnist_score_std"] = score.StdDev;
                    break;
                case "precision_recall":
                    var reference = referenceFeatures.narrow(0, 0, Math.Min(n, ReferenceCount));
                    var pr = PrecisionRecall.Compute(reference, outputs.Features);
                    values["precision"] = pr.Precision;
                    values["recall"] = pr.Recall;
                    break;
                case "class_coverage":
                    var coverage = ClassCoverage.FromLabels(outputs.PredictedLabels(), Classifier.Network.Classes);
                    values["classes_covered"] = coverage.Covered;
                    values["class_kl"] = coverage.KlToUniform;
                    break;
            }
        }
        return values;
    }

    /// <summary>Generates <paramref name="count"/> images from <paramref name="generator"/> with latent codes
    /// from a private random generator seeded by <paramref name="seed"/> (so torch's global random state,
    /// and with it a training run, is untouched), in eval mode, under no_grad, in batches.</summary>
    public static Tensor Generate(GeneratorModule generator, int count, long seed, int batchSize = 500)
    {
        var device = generator.parameters().First().device;
        using var noGrad = no_grad();
        bool wasTraining = generator.training;
        generator.eval();
        using var gen = new Generator(unchecked((ulong)(seed * 6_364_136_223L + 1_442_695_040_888_963_407L)));
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (int start = 0; start < count; start += batchSize)
        {
            var z = randn(Math.Min(batchSize, count - start), generator.LatentDim, generator: gen).to(device); // (b, nz)
            parts.Add(generator.forward(z));                                                                 // (b, C, H, W)
        }
        if (wasTraining) generator.train();
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Frees the reference features (and the classifier when the suite loaded it).</summary>
    public void Dispose()
    {
        referenceFeatures.Dispose();
        if (ownsClassifier) Classifier.Dispose();
    }
}

/// <summary>A test set split into reference images and the held-out rest; disposing frees both.</summary>
/// <param name="Reference">The images metrics compare against.</param>
/// <param name="HeldOut">The rest: real images never used as reference (the real-data baseline).</param>
public sealed record ReferenceSplit(Tensor Reference, Tensor HeldOut) : IDisposable
{
    /// <summary>Frees both tensors.</summary>
    public void Dispose() { Reference.Dispose(); HeldOut.Dispose(); }
}
