using GanWorkbench.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Data;

public class SamplingTests
{
    static long[] Draw(BatchSampler s, int batches) =>
        Enumerable.Range(0, batches).SelectMany(_ => { using var t = s.Next(); return t.data<long>().ToArray(); }).ToArray();

    [Fact]
    public void Batch_order_is_a_function_of_the_seed()
    {
        using var a = new BatchSampler(100, 10, seed: 5, CPU);
        using var b = new BatchSampler(100, 10, seed: 5, CPU);
        using var c = new BatchSampler(100, 10, seed: 6, CPU);
        var first = Draw(a, 25);
        Assert.Equal(first, Draw(b, 25));
        Assert.NotEqual(first, Draw(c, 25));
    }

    [Fact]
    public void Each_epoch_is_a_permutation_and_epochs_differ()
    {
        using var s = new BatchSampler(50, 10, seed: 1, CPU);
        var epoch0 = Draw(s, 5);
        var epoch1 = Draw(s, 5);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), epoch0.Order());
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), epoch1.Order());
        Assert.NotEqual(epoch0, epoch1);
        Assert.Equal(new SamplerPosition(1, 5), s.Position);
    }

    [Fact]
    public void Seeking_to_a_position_resumes_the_same_sequence()
    {
        using var whole = new BatchSampler(60, 8, seed: 3, CPU);
        var all = Draw(whole, 20);
        using var resumed = new BatchSampler(60, 8, seed: 3, CPU);
        resumed.Seek(new SamplerPosition(1, 2));   // 7 batches per epoch: batch 9 overall
        Assert.Equal(all[(9 * 8)..], Draw(resumed, 11));
    }

    [Fact]
    public void An_incomplete_last_batch_is_dropped()
    {
        using var s = new BatchSampler(25, 10, seed: 1, CPU);
        Assert.Equal(2, s.BatchesPerEpoch);
        Draw(s, 2);
        Draw(s, 1);
        Assert.Equal(new SamplerPosition(1, 1), s.Position);
    }

    [Fact]
    public void Bad_batch_sizes_are_input_errors()
    {
        Assert.Equal("batch size must be positive, got 0.", Assert.Throws<InputException>(() => new BatchSampler(10, 0, 1, CPU)).Message);
        Assert.Equal("batch size 11 is larger than the dataset (10 examples).", Assert.Throws<InputException>(() => new BatchSampler(10, 11, 1, CPU)).Message);
    }

    static ImageDataset Synthetic(int perClassCount)
    {
        int n = perClassCount * 3;
        var labels = Enumerable.Range(0, n).Select(i => (byte)(i % 3)).ToArray();
        var pixels = Enumerable.Range(0, n * 4).Select(i => (byte)(i % 256)).ToArray();
        return ImageDataset.FromBytes(new LabelledImages("synthetic", "train", pixels, labels, n, 2, 2), CPU, PixelScale.ZeroOne);
    }

    [Fact]
    public void Balanced_subsets_have_n_of_each_class_and_depend_on_the_seed()
    {
        using var data = Synthetic(20);
        using var subset = data.BalancedSubset(5, seed: 1);
        // 10 class names (digits by default) but only 3 present: ask per present class.
        Assert.Equal(15, subset.Count);
        var counts = subset.Labels.data<long>().ToArray().GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<long, int> { [0] = 5, [1] = 5, [2] = 5 }, counts);
        using var again = data.BalancedSubset(5, seed: 1);
        using var other = data.BalancedSubset(5, seed: 2);
        Assert.Equal(subset.Labels.data<long>().ToArray(), again.Labels.data<long>().ToArray());
        Assert.Equal(subset.Images.data<float>().ToArray(), again.Images.data<float>().ToArray());
        Assert.NotEqual(subset.Images.data<float>().ToArray(), other.Images.data<float>().ToArray());
    }

    [Fact]
    public void Pixel_scales_map_0_and_255_to_the_interval_ends()
    {
        var bytes = new LabelledImages("mnist", "train", [0, 255, 0, 255], [0], 1, 2, 2);
        using var zeroOne = ImageDataset.FromBytes(bytes, CPU, PixelScale.ZeroOne);
        using var tanh = ImageDataset.FromBytes(bytes, CPU, PixelScale.Tanh);
        Assert.Equal([0f, 1f, 0f, 1f], zeroOne.Images.data<float>().ToArray());
        Assert.Equal([-1f, 1f, -1f, 1f], tanh.Images.data<float>().ToArray());
    }

    [Fact]
    public void Dynamic_binarisation_draws_ones_with_the_pixel_probability()
    {
        manual_seed(0);
        using var p = full(200_000, 0.3f);
        using var bits = ImageDataset.Binarize(p);
        Assert.True(bits.eq(0).logical_or(bits.eq(1)).all().item<bool>());
        Assert.InRange(bits.mean().item<float>(), 0.297, 0.303);   // 0.3 ± 3σ (σ ≈ 0.001)
    }
}
