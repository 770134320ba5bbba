using GanWorkbench.Metrics;

namespace GanWorkbench.Tests.Metrics;

/// <summary>ACC, NMI and ARI together, and the matched heatmap layout of a contingency table.</summary>
public class ClusteringScoresTests
{
    [Fact]
    public void A_relabelled_partition_scores_one_on_all_three()
    {
        var s = ClusteringScores.Compute("perfect", [7, 7, 3, 3, 5, 5], [0, 0, 1, 1, 2, 2]);
        Assert.Equal(("perfect", 1.0, 6, 3), (s.Method, s.Accuracy, s.Points, s.Clusters));
        Assert.Equal(1.0, s.Nmi, 12);
        Assert.Equal(1.0, s.Ari, 12);
    }

    [Fact]
    public void Scores_are_the_individual_metrics_of_one_table()
    {
        int[] clusters = [0, 0, 1, 1, 1, 2, 2, 0], classes = [0, 0, 0, 1, 1, 1, 2, 2];
        var s = ClusteringScores.Compute("k-means", clusters, classes);
        Assert.Equal(5.0 / 8, s.Accuracy, 12);                                 // 0→0 (2), 1→1 (2), 2→2 (1)
        Assert.Equal(NormalizedMutualInformation.Compute(clusters, classes), s.Nmi, 12);
        Assert.Equal(AdjustedRandIndex.Compute(clusters, classes), s.Ari, 12);
    }

    [Fact]
    public void The_heatmap_layout_puts_matched_counts_on_the_diagonal()
    {
        // Cluster 9 holds class 1, cluster 4 holds class 0, cluster 6 is a small mix that matches nothing.
        var m = MatchedContingency.Build([9, 9, 9, 4, 4, 6, 6], [1, 1, 0, 0, 0, 1, 0], ["zero", "one"]);
        Assert.Equal(["cluster 4 → zero", "cluster 9 → one", "cluster 6 (unmatched)"], m.ClusterLabels);
        Assert.Equal(["zero", "one"], m.ClassLabels);
        Assert.Equal(new double[][] { [2, 0], [1, 2], [1, 1] }, m.Counts.Select(r => r.ToArray()).ToArray());
    }
}
