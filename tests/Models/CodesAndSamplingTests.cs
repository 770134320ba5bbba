using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>InfoGAN's code layout and read-out, and class-conditional sampling.</summary>
public class CodesAndSamplingTests
{
    [Fact]
    public void Latents_are_noise_then_one_hot_then_continuous()
    {
        using var noise = tensor(new float[] { 7, 8, 9, 10 }, [2, 2]);
        using var categories = tensor(new long[] { 2, 0 });
        using var continuous = tensor(new float[] { 0.5f, -1, 0.25f, 1 }, [2, 2]);
        using var z = InfoGanCodes.Latents(noise, categories, continuous, 3);
        Assert.Equal(new float[] { 7, 8, 0, 0, 1, 0.5f, -1, 9, 10, 1, 0, 0, 0.25f, 1 }, z.data<float>().ToArray());
    }

    [Fact]
    public void Traversal_varies_one_code_along_rows_and_the_category_down_columns()
    {
        using var z = InfoGanCodes.Traversal(noiseDim: 3, categoryCount: 2, continuousCodes: 2, code: 1, values: [-2, 0, 2], seed: 4);
        Assert.Equal(new long[] { 6, 3 + 2 + 2 }, z.shape);
        var rows = Enumerable.Range(0, 6).Select(i => z[i].data<float>().ToArray()).ToArray();
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(rows[0][..3], rows[i][..3]);                            // one noise vector for the grid
            Assert.Equal(i / 3 == 0 ? new float[] { 1, 0 } : new float[] { 0, 1 }, rows[i][3..5]);
            Assert.Equal(new float[] { 0, new float[] { -2, 0, 2 }[i % 3] }, rows[i][5..]);
        }
    }

    [Fact]
    public void Q_head_categories_and_features_have_one_entry_per_image()
    {
        manual_seed(3);
        using var d = new InfoGanDiscriminator(categories: 4, continuousCodes: 2, width: 8);
        using var images = rand(7, 1, 28, 28).mul(2).sub(1);
        var categories = InfoGanCodes.PredictCategories(d, images, batchSize: 3);
        Assert.Equal(7, categories.Count);
        Assert.All(categories, c => Assert.InRange(c, 0, 3));
        using var features = InfoGanCodes.Features(d, images, batchSize: 3);
        Assert.Equal(new long[] { 7, 1024 }, features.shape);
        Assert.True(d.training);                                                // the caller's mode is restored
        d.eval();                                                               // the read-out uses running BN statistics
        using var noGrad = no_grad();
        using var direct = d.ForwardWithCodes(images).CategoryLogits.argmax(1);
        Assert.Equal(direct.data<long>().ToArray().Select(c => (int)c), categories);
    }

    [Fact]
    public void Conditional_samples_come_in_label_blocks_and_are_reproducible()
    {
        manual_seed(1);
        using var g = new ConditionalDcganGenerator(latentDim: 5, classes: 3, embedding: 2, width: 4);
        using var first = ConditionalSampling.Generate(g, perClass: 4, seed: 9, batchSize: 5);
        using var second = ConditionalSampling.Generate(g, perClass: 4, seed: 9, batchSize: 5);
        using var other = ConditionalSampling.Generate(g, perClass: 4, seed: 10, batchSize: 5);
        Assert.Equal(new long[] { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2 }, first.Labels.data<long>().ToArray());
        Assert.Equal(new long[] { 12, 1, 28, 28 }, first.Images.shape);
        Assert.Equal(first.Images.data<float>().ToArray(), second.Images.data<float>().ToArray());
        Assert.NotEqual(first.Images.data<float>().ToArray(), other.Images.data<float>().ToArray());
        using var rows = ConditionalSampling.ClassRows(g, columns: 2, seed: 1);
        Assert.Equal(new long[] { 6, 1, 28, 28 }, rows.shape);
        Assert.Throws<InputException>(() => ConditionalSampling.Generate(g, 0, 1));
    }
}
