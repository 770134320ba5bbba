namespace GanWorkbench.Metrics;

/// <summary>
/// The three numbers the clustering papers report side by side (ClusterGAN, Mukherjee et al. 2019,
/// Table 2): unsupervised accuracy <see cref="ClusteringAccuracy"/> (Hungarian matching), normalised
/// mutual information <see cref="NormalizedMutualInformation"/> (arithmetic normalisation, as
/// scikit-learn's default) and the <see cref="AdjustedRandIndex"/> — all from one contingency table.
/// Notebook: 08-clustering.
/// </summary>
/// <param name="Method">What produced the clusters (a row label).</param>
/// <param name="Accuracy">ACC in [0, 1].</param>
/// <param name="Nmi">NMI in [0, 1].</param>
/// <param name="Ari">ARI (1 = identical partitions, about 0 for random ones, can be negative).</param>
/// <param name="Points">Points clustered.</param>
/// <param name="Clusters">Non-empty clusters.</param>
public sealed record ClusteringScores(string Method, double Accuracy, double Nmi, double Ari, int Points, int Clusters)
{
    /// <summary>Scores cluster assignments against the true classes of the same points.</summary>
    public static ClusteringScores Compute(string method, IReadOnlyList<int> clusters, IReadOnlyList<int> classes)
    {
        var table = new ContingencyTable(clusters, classes);
        return new ClusteringScores(method, ClusteringAccuracy.Compute(table), NormalizedMutualInformation.Compute(table),
            AdjustedRandIndex.Compute(table), table.Total, table.ClusterSizes.Length);
    }
}

/// <summary>A contingency table laid out for a heatmap: rows = clusters ordered by the class the Hungarian
/// matching gives them (so matched counts run down the diagonal), columns = classes.</summary>
/// <param name="Counts">n_ij per row (cluster) and column (class).</param>
/// <param name="ClusterLabels">Row labels: "cluster c → class name", or "cluster c (unmatched)".</param>
/// <param name="ClassLabels">Column labels: the class names.</param>
public sealed record MatchedContingency(IReadOnlyList<IReadOnlyList<double>> Counts, IReadOnlyList<string> ClusterLabels, IReadOnlyList<string> ClassLabels)
{
    /// <summary>Builds the layout; <paramref name="classNames"/>[k] names class value k (the classes are 0..K−1).</summary>
    public static MatchedContingency Build(IReadOnlyList<int> clusters, IReadOnlyList<int> classes, IReadOnlyList<string> classNames)
    {
        var table = new ContingencyTable(clusters, classes);
        var clusterIds = clusters.Distinct().Order().ToArray();
        var classIds = classes.Distinct().Order().ToArray();
        if (classIds.Any(c => c < 0 || c >= classNames.Count))
            throw new ArgumentException($"class values must be in 0..{classNames.Count - 1} (one name each)", nameof(classes));
        var mapping = ClusteringAccuracy.BestMapping(table);
        var order = Enumerable.Range(0, clusterIds.Length).OrderBy(i => mapping[i] < 0 ? int.MaxValue : mapping[i]).ThenBy(i => i).ToArray();
        var counts = order.Select(i => (IReadOnlyList<double>)Enumerable.Range(0, classIds.Length).Select(j => (double)table.Counts[i, j]).ToArray()).ToArray();
        var labels = order.Select(i => mapping[i] < 0 ? $"cluster {clusterIds[i]} (unmatched)" : $"cluster {clusterIds[i]} → {classNames[classIds[mapping[i]]]}").ToArray();
        return new MatchedContingency(counts, labels, classIds.Select(c => classNames[c]).ToArray());
    }
}
