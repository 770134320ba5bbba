using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Metrics;

/// <summary>
/// The trained evaluation classifiers from the cache (data/classifiers/, trained by <c>make setup</c>;
/// trained here on first use when missing) and the metrics that stand on them, on real test images.
/// </summary>
public class EvaluationClassifierTests
{
    static EvaluationClassifier Mnist() => EvaluationClassifier.LoadOrTrain("mnist", CPU);

    [Theory]
    [InlineData("mnist", 0.990)]
    [InlineData("fashion-mnist", 0.900)]
    public void Cached_classifier_reaches_its_accuracy_and_the_record_says_so(string dataset, double required)
    {
        using var classifier = EvaluationClassifier.LoadOrTrain(dataset, CPU);
        using var test = ImageDataset.Load(dataset, "test", CPU);
        double accuracy = ClassifierTraining.Accuracy(classifier.Network, test);
        Assert.True(accuracy >= required, $"{dataset}: test accuracy {accuracy:P2} < {required:P1}");
        Assert.Equal(classifier.Info.TestAccuracy, accuracy, 1e-12);
        Assert.Equal(dataset, classifier.Info.Dataset);
        Assert.Equal(nameof(LeNetClassifier), classifier.Info.Architecture);
    }

    [Fact]
    public void Real_test_images_score_near_ten_cover_all_classes_and_halves_have_a_small_FID()
    {
        using var classifier = Mnist();
        using var test = ImageDataset.Load("mnist", "test", CPU);
        var score = MnistScore.Compute(classifier, test.Images);
        Assert.InRange(score.Mean, 9.5, 10.0);
        var coverage = ClassCoverage.Compute(classifier, test.Images);
        Assert.Equal(10, coverage.Covered);
        Assert.InRange(coverage.KlToUniform, 0, 0.01);                        // MNIST's test classes are nearly balanced
        using var split = ImageMetricSuite.SplitTestSet(test.Images);
        var halves = ClassifierFid.Compute(classifier, split.Reference, split.HeldOut);
        manual_seed(1);
        using var noise = rand(5000, 1, 28, 28) * 2 - 1;
        var toNoise = ClassifierFid.Compute(classifier, split.Reference, noise);
        Assert.Equal((5000, 5000), (halves.ReferenceCount, halves.SampleCount));
        Assert.True(halves.Value * 100 < toNoise.Value, $"halves {halves.Value}, noise {toNoise.Value}");
        Assert.Equal(0, ClassifierFid.Compute(classifier, split.Reference, split.Reference).Value, 1e-9);
        // MNIST's test set is ordered (NIST SD-3 writers first, SD-1 last): its literal halves differ far more.
        using var first = test.Images.narrow(0, 0, 5000);
        using var second = test.Images.narrow(0, 5000, 5000);
        Assert.True(ClassifierFid.Compute(classifier, first, second).Value > 5 * halves.Value);
    }

    [Fact]
    public void Stacked_MNIST_from_real_digits_covers_nearly_all_1000_modes()
    {
        using var classifier = Mnist();
        using var test = ImageDataset.Load("mnist", "test", CPU);
        using var stacked = StackedMnist.Compose(test, 10_000, seed: 3);
        var modes = StackedMnistModes.Compute(classifier, stacked.Images);
        Assert.InRange(modes.Covered, 995, 1000);
        Assert.InRange(modes.KlToUniform, 0, 0.1);
    }

    [Fact]
    public void A_corrupt_or_missing_classifier_is_an_input_error_naming_the_file_and_the_fix()
    {
        using var temp = new TempFolder();
        var missing = Assert.Throws<InputException>(() => EvaluationClassifier.Verify("mnist", temp.Path));
        Assert.Equal($"{EvaluationClassifier.WeightsPath("mnist", temp.Path)}: missing (the mnist evaluation classifier is not trained). " +
                     "Train it: ./gwb data classifier mnist", missing.Message);

        EvaluationClassifier.Verify("mnist");                                 // make sure the real cache exists
        Directory.CreateDirectory(Path.Combine(temp.Path, "classifiers"));
        string weights = EvaluationClassifier.WeightsPath("mnist", temp.Path);
        File.Copy(EvaluationClassifier.WeightsPath("mnist"), weights);
        File.Copy(EvaluationClassifier.InfoPath("mnist"), EvaluationClassifier.InfoPath("mnist", temp.Path));
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(weights, bytes);
        var corrupt = Assert.Throws<InputException>(() => EvaluationClassifier.Load("mnist", CPU, temp.Path));
        Assert.StartsWith($"{weights}: checksum mismatch: SHA-256 is {DatasetStore.Sha256(bytes)}, mnist-lenet.json records ", corrupt.Message);
        Assert.EndsWith("Retrain: ./gwb data classifier mnist --force", corrupt.Message);
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        var options = new ClassifierTrainingOptions { Epochs = 1, BatchSize = 64, Seed = 4 };
        string Hash()
        {
            var outcome = ClassifierTraining.Train("mnist", CPU, options, trainLimit: 640);
            using var net = outcome.Network;
            using var temp = new TempFolder();
            net.save(temp.File("w.bin"));
            return DatasetStore.Sha256(File.ReadAllBytes(temp.File("w.bin")));
        }
        Assert.Equal(Hash(), Hash());
    }
}
