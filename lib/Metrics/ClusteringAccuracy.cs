namespace GanWorkbench.Metrics;

/// <summary>
/// Unsupervised clustering accuracy (as in Xie et al. 2016, DEC, Eq. 10; ClusterGAN, Mukherjee et
/// al. 2019, reports it with NMI and ARI):
/// <c>ACC = max_m (1/N) Σᵢ 1[yᵢ = m(cᵢ)]</c> over one-to-one maps m from clusters to classes, found
/// with the <see cref="HungarianAlgorithm"/> on the contingency table. With more clusters than
/// classes the extra clusters map to no class and count as errors. In [0, 1]; 1 for any relabelling
/// of the true classes.
/// </summary>
public static class ClusteringAccuracy
{
    /// <summary>ACC of cluster assignments against true classes.</summary>
    public static double Compute(IReadOnlyList<int> clusters, IReadOnlyList<int> classes) =>
        Compute(new ContingencyTable(clusters, classes));

    /// <summary>ACC from a contingency table.</summary>
    public static double Compute(ContingencyTable table) => (double)MatchedCount(table, out _) / table.Total;

    /// <summary>The best cluster → class mapping (index = cluster row of the table, value = class column,
    /// −1 where a cluster maps to no class).</summary>
    public static int[] BestMapping(ContingencyTable table)
    {
        MatchedCount(table, out var mapping);
        return mapping;
    }

    static int MatchedCount(ContingencyTable table, out int[] mapping)
    {
        int rows = table.Counts.GetLength(0), cols = table.Counts.GetLength(1), size = Math.Max(rows, cols);
        // Square cost matrix (padding = clusters or classes that match nothing); maximise matches = minimise max − n_ij.
        int max = table.Total;
        var cost = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                cost[i, j] = max - (i < rows && j < cols ? table.Counts[i, j] : 0);
        var assignment = HungarianAlgorithm.Solve(cost);
        mapping = Enumerable.Range(0, rows).Select(i => assignment[i] < cols ? assignment[i] : -1).ToArray();
        int matched = 0;
        for (int i = 0; i < rows; i++) if (mapping[i] >= 0) matched += table.Counts[i, mapping[i]];
        return matched;
    }
}
