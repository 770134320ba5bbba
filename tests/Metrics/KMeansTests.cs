using GanWorkbench.Metrics;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Metrics;

/// <summary>k-means against hand-computed partitions, centroids and inertias.</summary>
public class KMeansTests
{
    [Fact]
    public void Two_groups_on_a_line_give_their_means_and_the_summed_squared_deviations()
    {
        using var points = tensor(new float[] { 0, 11, 1, 10 }, [4, 1]);
        using var result = KMeans.Fit(points, k: 2, seed: 3);
        Assert.Equal(result.Assignments[0], result.Assignments[2]);
        Assert.Equal(result.Assignments[1], result.Assignments[3]);
        Assert.NotEqual(result.Assignments[0], result.Assignments[1]);
        var centres = result.Centroids.data<float>().ToArray().Order().ToArray();
        Assert.Equal(new[] { 0.5f, 10.5f }, centres);
        Assert.Equal(1.0, result.Inertia, 1e-6);                              // 4 × 0.5²
        Assert.Equal(new[] { 2, 2 }, result.Sizes);
    }

    [Fact]
    public void One_cluster_is_the_mean_and_the_total_sum_of_squares()
    {
        using var points = tensor(new float[] { 1, 2, 3, 6, 5, 4, -1, 0 }, [4, 2]);
        using var result = KMeans.Fit(points, k: 1);
        Assert.Equal(new[] { 2f, 3f }, result.Centroids.data<float>().ToArray());
        // deviations (−1,−1), (1,3), (3,1), (−3,−3): 2 + 10 + 10 + 18.
        Assert.Equal(40.0, result.Inertia, 1e-5);
        Assert.All(result.Assignments, a => Assert.Equal(0, a));
    }

    [Fact]
    public void Well_separated_blobs_are_recovered_exactly_and_reproducibly()
    {
        // 3 blobs of 50 points in 5-D around centres 10 apart, noise σ = 0.5.
        using var gen = new Generator(42);
        var centres = new float[,] { { 0, 0, 0, 0, 0 }, { 10, 0, 0, 0, 0 }, { 0, 10, 0, 10, 0 } };
        var classes = Enumerable.Range(0, 150).Select(i => i % 3).ToArray();
        using var centreTensor = tensor(centres);
        using var labels = tensor(classes.Select(c => (long)c).ToArray());
        using var points = centreTensor.index_select(0, labels) + randn(150, 5, generator: gen).mul(0.5);
        using var first = KMeans.Fit(points, k: 3, seed: 7, restarts: 3);
        using var second = KMeans.Fit(points, k: 3, seed: 7, restarts: 3);
        Assert.Equal(1.0, ClusteringAccuracy.Compute(first.Assignments, classes));
        Assert.Equal(first.Assignments, second.Assignments);
        Assert.Equal(first.Inertia, second.Inertia);
        Assert.Equal(new[] { 50, 50, 50 }, first.Sizes);
        // The inertia is the within-blob scatter: ≈ 150 · 5 · 0.25 = 187.5 (a χ² with 750 − 15 degrees of freedom).
        Assert.InRange(first.Inertia, 150, 225);
        Assert.Equal(first.Assignments, KMeans.Assign(points, first.Centroids));
    }

    [Fact]
    public void More_restarts_never_end_higher()
    {
        using var gen = new Generator(9);
        using var points = randn(300, 4, generator: gen);
        using var one = KMeans.Fit(points, k: 6, seed: 1, restarts: 1);
        using var ten = KMeans.Fit(points, k: 6, seed: 1, restarts: 10);
        Assert.True(ten.Inertia <= one.Inertia, $"{ten.Inertia} > {one.Inertia}");   // restart 0 is the same start in both
    }

    [Fact]
    public void Images_are_flattened_and_bad_k_is_refused()
    {
        using var images = zeros(6, 1, 2, 2);
        images[3] = ones(1, 2, 2);
        images[4] = ones(1, 2, 2);
        images[5] = ones(1, 2, 2);
        using var result = KMeans.Fit(images, k: 2);
        Assert.Equal(1.0, ClusteringAccuracy.Compute(result.Assignments, [0, 0, 0, 1, 1, 1]));
        Assert.Equal(new long[] { 2, 4 }, result.Centroids.shape);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(images, k: 7));
        Assert.StartsWith("k must be in 1..6 (the number of points)", e.Message);
    }
}
