namespace GanWorkbench.Metrics;

/// <summary>
/// The adjusted Rand index (Hubert &amp; Arabie 1985): the Rand index corrected for chance agreement,
/// from the <see cref="ContingencyTable"/> with C(n) = n(n − 1)/2:
/// <c>ARI = (Σᵢⱼ C(nᵢⱼ) − E) / (½(Σᵢ C(aᵢ) + Σⱼ C(bⱼ)) − E)</c>, <c>E = Σᵢ C(aᵢ) Σⱼ C(bⱼ) / C(N)</c>.
/// 1 for identical partitions (up to names), about 0 for random ones, negative for worse than chance.
/// When both labellings are a single group (or both put every point alone) ARI = 1.
/// </summary>
public static class AdjustedRandIndex
{
    /// <summary>ARI of cluster assignments against true classes.</summary>
    public static double Compute(IReadOnlyList<int> clusters, IReadOnlyList<int> classes) =>
        Compute(new ContingencyTable(clusters, classes));

    /// <summary>ARI from a contingency table.</summary>
    public static double Compute(ContingencyTable table)
    {
        static double Pairs(double n) => n * (n - 1) / 2;
        double index = 0;
        foreach (int nij in table.Counts) index += Pairs(nij);
        double a = table.ClusterSizes.Sum(s => Pairs(s)), b = table.ClassSizes.Sum(s => Pairs(s));
        double expected = a * b / Pairs(table.Total);
        double maximum = 0.5 * (a + b);
        return maximum == expected ? 1 : (index - expected) / (maximum - expected);
    }
}
