using GanWorkbench.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Data;

public class ToyDistributionTests
{
    static (double X, double Y)[] Points(Tensor t) =>
        Enumerable.Range(0, (int)t.shape[0]).Select(i => ((double)t[i, 0].item<float>(), (double)t[i, 1].item<float>())).ToArray();

    [Fact]
    public void Mode_centres_and_sigmas_are_gan_toys_after_scaling()
    {
        var eight = ToyDistributions.Modes("8gaussians");
        Assert.Equal(8, eight.Count);
        Assert.All(eight, m => Assert.Equal(2 / 1.414, Math.Sqrt(m.X * m.X + m.Y * m.Y), 1e-12));
        Assert.All(eight, m => Assert.Equal(0.02 / 1.414, m.Sigma, 1e-15));
        var grid = ToyDistributions.Modes("25gaussians");
        Assert.Equal(25, grid.Count);
        Assert.Equal([-4 / 2.828, -2 / 2.828, 0, 2 / 2.828, 4 / 2.828], grid.Select(m => m.X).Distinct().Order());
        Assert.All(grid, m => Assert.Equal(0.05 / 2.828, m.Sigma, 1e-15));
        Assert.Empty(ToyDistributions.Modes("swissroll"));
    }

    [Theory]
    [InlineData("8gaussians")]
    [InlineData("25gaussians")]
    public void Samples_lie_around_their_modes_with_the_stated_spread(string name)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var modes = ToyDistributions.Modes(name);
        var points = name == "8gaussians" ? ToyDistributions.SampleEightGaussians(4000) : ToyDistributions.TwentyFiveGaussiansSet(1).narrow(0, 0, 4000);
        var distances = Points(points).Select(p => modes.Min(m => Math.Sqrt((p.X - m.X) * (p.X - m.X) + (p.Y - m.Y) * (p.Y - m.Y)))).ToArray();
        double sigma = modes[0].Sigma;
        Assert.True(distances.Max() < 6 * sigma, $"a point {distances.Max() / sigma:F1}σ from every mode");
        // The distance to the centre of a 2-D isotropic Gaussian is Rayleigh: mean σ·√(π/2).
        Assert.Equal(sigma * Math.Sqrt(Math.PI / 2), distances.Average(), sigma * 0.05);
        var counts = Points(points).GroupBy(p => modes.Select((m, i) => (i, d: Math.Abs(p.X - m.X) + Math.Abs(p.Y - m.Y))).MinBy(t => t.d).i).ToList();
        Assert.Equal(modes.Count, counts.Count);                                 // every mode is used
    }

    [Fact]
    public void The_25_gaussian_set_has_4000_points_per_mode_and_depends_on_the_seed()
    {
        using var scope = NewDisposeScope();
        var set = ToyDistributions.TwentyFiveGaussiansSet(3);
        Assert.Equal([100_000L, 2], set.shape);
        var modes = ToyDistributions.Modes("25gaussians");
        var nearest = (set.unsqueeze(1) - tensor(modes.SelectMany(m => new[] { (float)m.X, (float)m.Y }).ToArray(), [25, 2]).unsqueeze(0))
            .square().sum(2).argmin(1);
        Assert.All(nearest.bincount(null, 0).data<long>().ToArray(), c => Assert.Equal(4000, c));
        Assert.True(set.equal(ToyDistributions.TwentyFiveGaussiansSet(3)).all().item<bool>());
        Assert.False(set.equal(ToyDistributions.TwentyFiveGaussiansSet(4)).all().item<bool>());
    }

    [Fact]
    public void Swiss_roll_points_follow_the_spiral()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        // Without noise the radius of (t cos t, t sin t) is t ∈ [1.5π, 4.5π]; noise 0.25 per axis widens it a little.
        var radius = ToyDistributions.SampleSwissRoll(5000).mul(7.5).norm(1);
        Assert.InRange(radius.min().item<float>(), 1.5 * Math.PI - 1.5, 1.5 * Math.PI + 0.5);
        Assert.InRange(radius.max().item<float>(), 4.5 * Math.PI - 0.5, 4.5 * Math.PI + 1.5);
        Assert.Equal(3 * Math.PI, radius.mean().item<float>(), 0.2);            // t is uniform: mean 3π
    }

    [Fact]
    public void Toy_batches_resume_from_their_position()
    {
        using var scope = NewDisposeScope();
        using var a = new ToyBatches("25gaussians", 256, seed: 2, CPU);
        var batches = Enumerable.Range(0, 5).Select(_ => a.Next().Samples.clone()).ToList();
        using var b = new ToyBatches("25gaussians", 256, seed: 2, CPU);
        b.Seek(new SamplerPosition(0, 3));
        Assert.True(b.Next().Samples.equal(batches[3]).all().item<bool>());
        Assert.Equal(390, a.BatchesPerEpoch);                                   // 100,000 / 256, the remainder dropped
    }
}
