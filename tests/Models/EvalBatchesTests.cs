using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>EvalBatches: every image once, in eval mode, and the caller's training mode back afterwards.</summary>
public class EvalBatchesTests
{
    [Fact]
    public void Batches_cover_every_image_once_in_eval_mode()
    {
        using var net = nn.Linear(3, 1);
        net.train();
        using var images = arange(7 * 3, dtype: float32).reshape(7, 3);
        var sizes = new List<long>();
        var firsts = new List<float>();
        EvalBatches.ForEach(net, images, batchSize: 3, batch =>
        {
            Assert.False(net.training);
            Assert.False(is_grad_enabled());
            sizes.Add(batch.shape[0]);
            firsts.Add(batch[0, 0].item<float>());
        });
        Assert.Equal(new long[] { 3, 3, 1 }, sizes);
        Assert.Equal(new float[] { 0, 9, 18 }, firsts);
        Assert.True(net.training);
    }

    [Fact]
    public void Training_mode_comes_back_when_a_batch_throws()
    {
        using var net = nn.Linear(3, 1);
        net.train();
        using var images = zeros(4, 3);
        var error = Assert.Throws<InvalidOperationException>(() =>
            EvalBatches.ForEach(net, images, batchSize: 2, _ => throw new InvalidOperationException("batch failed")));
        Assert.Equal("batch failed", error.Message);
        Assert.True(net.training);
    }
}
