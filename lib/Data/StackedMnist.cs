using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Data;

/// <summary>
/// Stacked MNIST (Metz et al. 2017, <i>Unrolled Generative Adversarial Networks</i>, §3.3; also
/// Srivastava et al. 2017, VEEGAN): each example stacks three MNIST digits drawn independently and
/// uniformly as the three channels of one image, giving 10³ = 1,000 equally likely modes (label
/// 100·d₀ + 10·d₁ + d₂). A generator that covers all 1,000 has not mode-collapsed; counting uses
/// the MNIST evaluation classifier on each channel (<c>Metrics.StackedMnistModes</c>).
/// </summary>
public static class StackedMnist
{
    /// <summary>Composes <paramref name="count"/> stacked examples from a one-channel digit set
    /// (images (N, 1, H, W), labels (N)), deterministically for <paramref name="seed"/>. Returns images
    /// (count, 3, H, W) and labels (count) on the source's device, in the source's pixel scale.</summary>
    public static ImageDataset Compose(ImageDataset digits, int count, long seed)
    {
        if (count < 1) throw new InputException($"stacked MNIST: count must be positive, got {count}.");
        if (digits.Images.shape[1] != 1) throw new InputException($"stacked MNIST: source images must have one channel, got {digits.Images.shape[1]}.");
        using var scope = NewDisposeScope();
        using var gen = new Generator(unchecked((ulong)(seed * 2_654_435_761L + 11)));
        var picks = randint(digits.Count, [3, count], generator: gen, dtype: ScalarType.Int64).to(digits.Device); // (3, count)
        var channels = Enumerable.Range(0, 3).Select(c => digits.Images.index_select(0, picks[c])).ToArray();       // 3 × (count, 1, H, W)
        var images = cat(channels, 1);                                                                              // (count, 3, H, W)
        var labels = digits.Labels.index_select(0, picks[0]) * 100 + digits.Labels.index_select(0, picks[1]) * 10
                     + digits.Labels.index_select(0, picks[2]);                                                     // (count)
        var names = Enumerable.Range(0, 1000).Select(i => i.ToString("D3")).ToList();
        return ImageDataset.FromTensors("stacked-mnist", images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), digits.Scale, names);
    }
}
