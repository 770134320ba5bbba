using GanWorkbench.Data;
using GanWorkbench.Models;
using GanWorkbench.Training;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Training;

/// <summary>The few-label study: its grid of cells, the seed statistics and the table it shows.</summary>
public class FewLabelStudyTests
{
    // Class k of 3: a bright 6×6 square at (8k + 2, 8k + 2) on dark noise, pixels in [0, 1].
    static ImageDataset Squares(int perClass, long seed)
    {
        using var gen = new Generator((ulong)seed);
        var images = rand(3 * perClass, 1, 28, 28, generator: gen).mul(0.3);
        var labels = arange(3, dtype: ScalarType.Int64).repeat_interleave(perClass);
        for (int i = 0; i < 3 * perClass; i++)
        {
            int at = 8 * (i / perClass) + 2;
            images[i, 0, TensorIndex.Slice(at, at + 6), TensorIndex.Slice(at, at + 6)] = ones(6, 6);
        }
        return ImageDataset.FromTensors("squares", images, labels, PixelScale.ZeroOne, ["a", "b", "c"]);
    }

    [Fact]
    public void Every_cell_is_trained_once_with_the_sources_images_added()
    {
        using var train = Squares(20, 1);
        using var test = Squares(10, 2);
        var seen = new List<(int, long)>();
        var copies = new AugmentationSource("copies", (subset, seed) =>
        {
            seen.Add((subset.Count, seed));
            return new LabelledSamples(subset.Images.repeat(2, 1, 1, 1), subset.Labels.repeat(2));
        });
        var streamed = new List<FewLabelResult>();
        var results = FewLabelStudy.Run(train, test, [1, 4], [7, 8], [AugmentationSource.None, copies],
            new ClassifierFitOptions { Steps = 3, BatchSize = 8 }, streamed.Add);
        Assert.Equal(results, streamed);
        Assert.Equal(
            [(1, 7L, "real only", 3, 0), (1, 7L, "copies", 3, 6), (1, 8L, "real only", 3, 0), (1, 8L, "copies", 3, 6),
             (4, 7L, "real only", 12, 0), (4, 7L, "copies", 12, 24), (4, 8L, "real only", 12, 0), (4, 8L, "copies", 12, 24)],
            results.Select(r => (r.LabelsPerClass, r.Seed, r.Source, r.RealCount, r.GeneratedCount)));
        Assert.Equal([(3, 7L), (3, 8L), (12, 7L), (12, 8L)], seen);
        Assert.All(results, r => Assert.InRange(r.TestAccuracy, 0, 1));
        var e = Assert.Throws<InputException>(() => FewLabelStudy.Run(train, test, [], [1], [AugmentationSource.None], new()));
        Assert.Equal("a few-label study needs at least one labels-per-class value, one seed and one source.", e.Message);
    }

    [Fact]
    public void Summaries_are_the_mean_and_sample_deviation_over_seeds()
    {
        FewLabelResult R(int n, long seed, string source, double acc) => new(n, seed, source, acc, 10 * n, 0, 1);
        var summaries = FewLabelStudy.Summarize([
            R(10, 1, "real only", 0.70), R(10, 2, "real only", 0.80), R(10, 3, "real only", 0.90),
            R(10, 1, "+ CGAN", 0.75), R(100, 1, "real only", 0.95), R(100, 1, "+ CGAN", 0.96)]);
        Assert.Equal(4, summaries.Count);
        Assert.Equal((10, "real only", 3), (summaries[0].LabelsPerClass, summaries[0].Source, summaries[0].Seeds));
        Assert.Equal(0.80, summaries[0].MeanAccuracy, 12);
        Assert.Equal(0.10, summaries[0].StdDev, 12);                           // √((0.01 + 0 + 0.01) / 2)
        Assert.True(double.IsNaN(summaries[1].StdDev));                         // one seed: no spread
        var table = FewLabelStudy.Table(summaries);
        Assert.Equal(["labels per class", "real only", "+ CGAN"], table.Columns);
        Assert.Equal(new object?[] { 10, "80.0 ± 10.0", "75.0" }, table.Rows[0]);
        Assert.Equal(new object?[] { 100, "95.0", "96.0" }, table.Rows[1]);
        var html = FewLabelStudy.Chart(summaries).ToString();
        Assert.NotNull(html);
    }
}
