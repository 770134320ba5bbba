using GanWorkbench.Metrics;

namespace GanWorkbench.Tests.Metrics;

public class ClusteringMetricsTests
{
    static readonly int[] Classes = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];

    [Fact]
    public void A_permuted_labelling_scores_one_on_every_metric()
    {
        var clusters = Classes.Select(c => new[] { 7, 3, 5 }[c]).ToArray();   // same partition, other names
        Assert.Equal(1.0, ClusteringAccuracy.Compute(clusters, Classes));
        Assert.Equal(1.0, NormalizedMutualInformation.Compute(clusters, Classes), 1e-15);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(clusters, Classes), 1e-15);
    }

    // classes  0 0 0 1 1 1, clusters 0 0 1 1 2 2: table rows (clusters) [[2,0],[1,1],[0,2]].
    static readonly int[] SmallClasses = [0, 0, 0, 1, 1, 1];
    static readonly int[] SmallClusters = [0, 0, 1, 1, 2, 2];

    [Fact]
    public void Hand_computed_small_example()
    {
        // ACC: clusters 0→0 and 2→1 match 4 of 6; the third cluster maps to no class.
        Assert.Equal(4.0 / 6, ClusteringAccuracy.Compute(SmallClusters, SmallClasses), 1e-15);
        // I = (2/3) ln 2, H(classes) = ln 2, H(clusters) = ln 3: NMI = I / ((ln 2 + ln 3)/2).
        Assert.Equal((4.0 / 3) * Math.Log(2) / Math.Log(6), NormalizedMutualInformation.Compute(SmallClusters, SmallClasses), 1e-15);
        Assert.Equal((2.0 / 3) * Math.Log(2) / Math.Sqrt(Math.Log(2) * Math.Log(3)),
            NormalizedMutualInformation.Compute(SmallClusters, SmallClasses, NmiNormalization.Geometric), 1e-15);
        // Σ C(nᵢⱼ, 2) = 2, Σ C(aᵢ, 2) = 3, Σ C(bⱼ, 2) = 6, C(6, 2) = 15: E = 1.2, max = 4.5, ARI = 0.8/3.3 = 8/33.
        Assert.Equal(8.0 / 33, AdjustedRandIndex.Compute(SmallClusters, SmallClasses), 1e-15);
    }

    [Fact]
    public void Accuracy_of_a_known_confusion_needs_the_optimal_not_the_greedy_mapping()
    {
        // Contingency (rows = clusters): [[5, 4, 0], [4, 0, 0], [0, 0, 3]]. Greedy takes 5 (cluster 0 → class 0)
        // and ends with 5 + 0 + 3 = 8; the optimum maps 0 → 1, 1 → 0, 2 → 2 for 4 + 4 + 3 = 11 of 16.
        var (clusters, classes) = FromTable(new[,] { { 5, 4, 0 }, { 4, 0, 0 }, { 0, 0, 3 } });
        Assert.Equal(11.0 / 16, ClusteringAccuracy.Compute(clusters, classes), 1e-15);
        Assert.Equal(new[] { 1, 0, 2 }, ClusteringAccuracy.BestMapping(new ContingencyTable(clusters, classes)));
    }

    [Fact]
    public void Accuracy_of_a_two_class_confusion()
    {
        var (clusters, classes) = FromTable(new[,] { { 3, 1 }, { 2, 4 } });
        Assert.Equal(0.7, ClusteringAccuracy.Compute(clusters, classes), 1e-15);
        var (swapped, same) = FromTable(new[,] { { 1, 3 }, { 4, 2 } });
        Assert.Equal(0.7, ClusteringAccuracy.Compute(swapped, same), 1e-15);
    }

    [Fact]
    public void Single_group_edge_cases()
    {
        int[] one = [4, 4, 4, 4];
        Assert.Equal(1.0, NormalizedMutualInformation.Compute(one, one));
        Assert.Equal(1.0, AdjustedRandIndex.Compute(one, one));
        Assert.Equal(0.0, NormalizedMutualInformation.Compute(one, [0, 1, 2, 3]));
        Assert.Equal(0.25, ClusteringAccuracy.Compute(one, [0, 1, 2, 3]));
        Assert.Throws<ArgumentException>(() => ClusteringAccuracy.Compute([1, 2], [1]));
    }

    [Fact]
    public void Hungarian_method_matches_brute_force_on_random_matrices()
    {
        var random = new Random(12345);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 7), m = n + random.Next(0, 3);
            var cost = new double[n, m];
            for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) cost[i, j] = random.Next(0, 20) - 5 + random.NextDouble();
            var assignment = HungarianAlgorithm.Solve(cost);
            Assert.Equal(n, assignment.Distinct().Count());
            Assert.Equal(BruteForce(cost), HungarianAlgorithm.Cost(cost, assignment), 1e-9);
        }
    }

    static double BruteForce(double[,] cost)
    {
        int n = cost.GetLength(0), m = cost.GetLength(1);
        double best = double.PositiveInfinity;
        void Search(int row, bool[] used, double total)
        {
            if (row == n) { best = Math.Min(best, total); return; }
            for (int j = 0; j < m; j++)
                if (!used[j]) { used[j] = true; Search(row + 1, used, total + cost[row, j]); used[j] = false; }
        }
        Search(0, new bool[m], 0);
        return best;
    }

    static (int[] Clusters, int[] Classes) FromTable(int[,] table)
    {
        var clusters = new List<int>();
        var classes = new List<int>();
        for (int i = 0; i < table.GetLength(0); i++)
            for (int j = 0; j < table.GetLength(1); j++)
                for (int k = 0; k < table[i, j]; k++) { clusters.Add(i); classes.Add(j); }
        return (clusters.ToArray(), classes.ToArray());
    }
}
