using GanWorkbench.Data;
using GanWorkbench.Metrics;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Metrics;

/// <summary>MNIST score, precision/recall, coverage, stacked-MNIST modes, nearest neighbours, toy
/// mixtures — each on small synthetic inputs with hand-computed answers.</summary>
public class SampleMetricsTests
{
    [Fact]
    public void MNIST_score_is_K_for_confident_balanced_and_1_for_identical_predictions()
    {
        using var balanced = eye(10).repeat(30, 1);                              // (300, 10) one-hot, 30 per class
        var score = MnistScore.FromProbabilities(balanced, splits: 3);
        Assert.Equal(10, score.Mean, 1e-12);
        Assert.Equal(0, score.StdDev, 1e-12);
        Assert.Equal((3, 300), (score.Splits, score.SampleCount));
        using var same = full(100, 10, 0.1);
        Assert.Equal(1, MnistScore.FromProbabilities(same, splits: 1).Mean, 1e-12);
    }

    [Fact]
    public void MNIST_score_hand_computed_two_class_case()
    {
        // Rows (0.9, 0.1) and (0.1, 0.9): p(y) = (½, ½), KL per row = 0.9 ln 1.8 + 0.1 ln 0.2.
        using var p = tensor(new[] { 0.9, 0.1, 0.1, 0.9 }, [2, 2]);
        Assert.Equal(Math.Exp(0.9 * Math.Log(1.8) + 0.1 * Math.Log(0.2)), MnistScore.FromProbabilities(p, 1).Mean, 1e-12);
    }

    [Fact]
    public void Precision_and_recall_are_one_for_identical_sets()
    {
        manual_seed(5);
        using var features = randn(300, 8);
        var result = PrecisionRecall.Compute(features, features.clone(), k: 3);
        Assert.Equal((1.0, 1.0), (result.Precision, result.Recall));
        Assert.Equal((3, 300, 300), (result.K, result.RealCount, result.SampleCount));
    }

    [Fact]
    public void Precision_and_recall_hand_computed_1d()
    {
        // Real {0, 1, 2, 3}: 1-NN radii all 1. Samples {0.5, 10}: radii 9.5 each.
        using var real = tensor(new[] { 0.0, 1, 2, 3 }, [4, 1]);
        using var fake = tensor(new[] { 0.5, 10 }, [2, 1]);
        var r = PrecisionRecall.Compute(real, fake, k: 1);
        Assert.Equal(0.5, r.Precision);                                        // 0.5 is inside, 10 is not
        Assert.Equal(1.0, r.Recall);                                           // every real point within 9.5 of 0.5
        using var radii = PrecisionRecall.KthNeighbourDistances(real, 2);
        Assert.Equal(new[] { 2.0, 1, 1, 2 }, radii.data<double>().ToArray());
    }

    [Fact]
    public void Class_coverage_counts_classes_and_measures_KL_to_uniform()
    {
        var balanced = ClassCoverage.FromLabels(Enumerable.Range(0, 100).Select(i => i % 10).ToArray(), 10);
        Assert.Equal((10, 0.0), (balanced.Covered, balanced.KlToUniform));
        var half = ClassCoverage.FromLabels(Enumerable.Range(0, 100).Select(i => i % 5).ToArray(), 10);
        Assert.Equal(5, half.Covered);
        Assert.Equal(0.5, half.Fraction);
        Assert.Equal(Math.Log(2), half.KlToUniform, 1e-15);
        var collapsed = ClassCoverage.FromLabels([3, 3, 3], 10);
        Assert.Equal(Math.Log(10), collapsed.KlToUniform, 1e-15);
        // Counts 3, 1 of 4 with min count 2: one class covered; KL = ¾ ln(10·¾) + ¼ ln(10·¼).
        var skewed = ClassCoverage.FromLabels([0, 0, 0, 1], 10, minCount: 2);
        Assert.Equal(1, skewed.Covered);
        Assert.Equal(0.75 * Math.Log(7.5) + 0.25 * Math.Log(2.5), skewed.KlToUniform, 1e-15);
        Assert.Equal(new[] { 3, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, skewed.Counts);
    }

    [Fact]
    public void Stacked_MNIST_modes_from_channel_labels()
    {
        var all = Enumerable.Range(0, 1000).ToArray();
        var full = StackedMnistModes.FromChannelLabels(all.Select(m => m / 100).ToArray(), all.Select(m => m / 10 % 10).ToArray(), all.Select(m => m % 10).ToArray());
        Assert.Equal((1000, 1000, 0.0), (full.Covered, full.Classes, full.KlToUniform));
        var two = StackedMnistModes.FromChannelLabels([1, 1, 9], [2, 2, 9], [3, 3, 9]);
        Assert.Equal(2, two.Covered);
        Assert.Equal(2, two.Counts[123]);
        Assert.Equal(1, two.Counts[999]);
    }

    [Fact]
    public void Stacked_MNIST_composition_is_deterministic_and_labels_name_the_channels()
    {
        // Synthetic digits: image i is filled with the value i, label i % 10.
        int n = 50;
        var pixels = Enumerable.Range(0, n).SelectMany(i => Enumerable.Repeat((byte)i, 4)).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
        using var digits = ImageDataset.FromBytes(new LabelledImages("mnist", "test", pixels, labels, n, 2, 2), CPU, PixelScale.ZeroOne);
        using var a = StackedMnist.Compose(digits, 200, seed: 7);
        using var b = StackedMnist.Compose(digits, 200, seed: 7);
        Assert.Equal(new long[] { 200, 3, 2, 2 }, a.Images.shape);
        Assert.Equal(a.Labels.data<long>().ToArray(), b.Labels.data<long>().ToArray());
        var images = a.Images.data<float>().ToArray();
        var stacked = a.Labels.data<long>().ToArray();
        for (int i = 0; i < 200; i++)
        {
            var source = Enumerable.Range(0, 3).Select(c => (int)Math.Round(images[(i * 3 + c) * 4] * 255)).ToArray();
            Assert.Equal(100 * (source[0] % 10) + 10 * (source[1] % 10) + source[2] % 10, stacked[i]);
        }
    }

    [Fact]
    public void Nearest_training_neighbour_finds_the_perturbed_original()
    {
        manual_seed(9);
        using var training = rand(200, 1, 6, 6);
        using var rows = tensor(new long[] { 17, 3, 150, 99 });
        using var noise = randn(4, 1, 6, 6) * 0.01;
        using var samples = training.index_select(0, rows) + noise;
        var matches = NearestTrainingNeighbour.Find(samples, training, blockSize: 3);
        Assert.Equal(new[] { 17, 3, 150, 99 }, matches.Select(m => m.TrainingIndex));
        Assert.Equal(new[] { 0, 1, 2, 3 }, matches.Select(m => m.SampleIndex));
        var norms = noise.flatten(1).to_type(ScalarType.Float64).pow(2).sum(1).sqrt().data<double>().ToArray();
        for (int i = 0; i < 4; i++) Assert.Equal(norms[i], matches[i].Distance, 1e-6);
        using var pairs = NearestTrainingNeighbour.SideBySide(samples, training, matches);
        Assert.Equal(new long[] { 8, 1, 6, 6 }, pairs.shape);
        Assert.True(pairs[1].eq(training[17]).all().item<bool>());
    }

    [Fact]
    public void Toy_mixture_counts_modes_and_high_quality_samples()
    {
        // Ring of 8 modes of radius 2, σ = 0.02: samples on 3 modes (one 2σ off), one at 4σ, one far away.
        var centres = Enumerable.Range(0, 8).Select(k => new[] { 2 * Math.Cos(k * Math.PI / 4), 2 * Math.Sin(k * Math.PI / 4) }).ToArray();
        var samples = new List<double[]>
        {
            centres[0], centres[0], new[] { centres[2][0] + 0.04, centres[2][1] }, centres[5],
            new[] { centres[6][0], centres[6][1] + 0.08 }, new[] { 0.0, 0.0 },
        };
        var r = ToyMixtureQuality.Evaluate(samples, centres, 0.02);
        Assert.Equal((3, 8, 6), (r.ModesCovered, r.Modes, r.SampleCount));
        Assert.Equal(4.0 / 6, r.HighQualityFraction, 1e-15);
        Assert.Equal(new[] { 2, 0, 1, 0, 0, 1, 0, 0 }, r.HighQualityPerMode);
        Assert.Equal(1, ToyMixtureQuality.Evaluate(samples, centres, 0.02, minSamplesPerMode: 2).ModesCovered);
    }
}
