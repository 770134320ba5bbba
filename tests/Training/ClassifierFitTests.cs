using GanWorkbench.Data;
using GanWorkbench.Training;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Training;

/// <summary>The few-label classifier: it learns an easy task, is reproducible, and refuses bad tensors.</summary>
public class ClassifierFitTests
{
    // Class k: a bright 6×6 square at (8k + 2, 8k + 2) on a dark, noisy 28×28 image, pixels in [0, 1].
    static (Tensor Images, Tensor Labels) Squares(int perClass, long seed)
    {
        using var gen = new Generator((ulong)seed);
        var images = rand(3 * perClass, 1, 28, 28, generator: gen).mul(0.3);
        var labels = arange(3, dtype: ScalarType.Int64).repeat_interleave(perClass);
        for (int i = 0; i < 3 * perClass; i++)
        {
            int k = i / perClass, at = 8 * k + 2;
            images[i, 0, TensorIndex.Slice(at, at + 6), TensorIndex.Slice(at, at + 6)] = ones(6, 6);
        }
        return (images, labels);
    }

    [Fact]
    public void Learns_an_easy_three_class_task_and_is_reproducible()
    {
        var (train, trainLabels) = Squares(10, 1);
        var (test, testLabels) = Squares(30, 2);
        var options = new ClassifierFitOptions { Steps = 40, BatchSize = 16, Seed = 5 };
        using var first = ClassifierFit.Train(train, trainLabels, test, testLabels, classes: 3, options, PixelScale.ZeroOne);
        using var second = ClassifierFit.Train(train, trainLabels, test, testLabels, classes: 3, options, PixelScale.ZeroOne);
        Assert.Equal(1.0, first.TestAccuracy);
        Assert.Equal(1.0, first.TrainAccuracy);
        Assert.Equal(30, first.TrainCount);
        Assert.Equal(3, first.Network.Classes);
        var w1 = first.Network.parameters().First().data<float>().ToArray();
        var w2 = second.Network.parameters().First().data<float>().ToArray();
        Assert.Equal(w1, w2);
        Assert.Equal(1.0, ClassifierFit.Accuracy(first.Network, test, testLabels, PixelScale.ZeroOne));
        // Half the test labels shifted by one class: accuracy exactly 0.5.
        using var wrong = testLabels.clone();
        wrong[TensorIndex.Slice(0, 45)] = wrong[TensorIndex.Slice(0, 45)].add(1).remainder(3);
        Assert.Equal(0.5, ClassifierFit.Accuracy(first.Network, test, wrong, PixelScale.ZeroOne));
    }

    [Fact]
    public void Bad_tensors_are_refused_with_the_shape_that_was_given()
    {
        using var images = zeros(4, 1, 28, 28);
        using var flat = zeros(4, 784);
        using var labels = zeros(3, dtype: ScalarType.Int64);
        using var good = zeros(4, dtype: ScalarType.Int64);
        var e = Assert.Throws<InputException>(() => ClassifierFit.Train(flat, good, images, good));
        Assert.Equal("training images must be (N, 1, 28, 28), got (4, 784).", e.Message);
        e = Assert.Throws<InputException>(() => ClassifierFit.Train(images, good, images, labels));
        Assert.Equal("test labels must be (N) with N = 4 (one per image), got (3).", e.Message);
        e = Assert.Throws<InputException>(() => ClassifierFit.Train(images, good, images, good, options: new() { Steps = 0 }));
        Assert.Equal("classifier steps must be positive, got 0.", e.Message);
    }
}
