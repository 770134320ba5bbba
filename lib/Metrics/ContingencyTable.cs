namespace GanWorkbench.Metrics;

/// <summary>
/// Counts n_ij of points with cluster i and class j, for two labellings of the same points (labels
/// are any integers; they are renumbered 0.. in ascending order). The clustering metrics
/// (<see cref="ClusteringAccuracy"/>, <see cref="NormalizedMutualInformation"/>,
/// <see cref="AdjustedRandIndex"/>) are functions of this table.
/// </summary>
public sealed class ContingencyTable
{
    /// <summary>n_ij: rows = clusters, columns = classes.</summary>
    public int[,] Counts { get; }
    /// <summary>Number of points.</summary>
    public int Total { get; }
    /// <summary>Row sums a_i (points per cluster).</summary>
    public int[] ClusterSizes { get; }
    /// <summary>Column sums b_j (points per class).</summary>
    public int[] ClassSizes { get; }

    /// <summary>Builds the table from cluster assignments and true classes of the same points.</summary>
    public ContingencyTable(IReadOnlyList<int> clusters, IReadOnlyList<int> classes)
    {
        if (clusters.Count != classes.Count)
            throw new ArgumentException($"labellings differ in length: {clusters.Count} clusters, {classes.Count} classes");
        if (clusters.Count == 0) throw new ArgumentException("no points", nameof(clusters));
        var clusterIds = clusters.Distinct().Order().Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        var classIds = classes.Distinct().Order().Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        Counts = new int[clusterIds.Count, classIds.Count];
        for (int i = 0; i < clusters.Count; i++) Counts[clusterIds[clusters[i]], classIds[classes[i]]]++;
        Total = clusters.Count;
        ClusterSizes = Enumerable.Range(0, clusterIds.Count).Select(i => Enumerable.Range(0, classIds.Count).Sum(j => Counts[i, j])).ToArray();
        ClassSizes = Enumerable.Range(0, classIds.Count).Select(j => Enumerable.Range(0, clusterIds.Count).Sum(i => Counts[i, j])).ToArray();
    }
}
