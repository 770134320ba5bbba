namespace GanWorkbench.Metrics;

/// <summary>How NMI divides the mutual information.</summary>
public enum NmiNormalization
{
    /// <summary>(H(U) + H(V)) / 2 — scikit-learn's default since 0.22.</summary>
    Arithmetic,
    /// <summary>√(H(U)·H(V)) — Strehl &amp; Ghosh 2002, scikit-learn's default before 0.22.</summary>
    Geometric,
    /// <summary>max(H(U), H(V)).</summary>
    Max,
    /// <summary>min(H(U), H(V)).</summary>
    Min,
}

/// <summary>
/// Normalised mutual information between a clustering U and the classes V (Strehl &amp; Ghosh 2002):
/// <c>NMI = I(U; V) / norm(H(U), H(V))</c> with
/// <c>I(U; V) = Σᵢⱼ (nᵢⱼ/N) log(N nᵢⱼ / (aᵢ bⱼ))</c> and <c>H(U) = −Σᵢ (aᵢ/N) log(aᵢ/N)</c> from the
/// <see cref="ContingencyTable"/>. In [0, 1], invariant to relabelling; 1 when the clustering equals
/// the classes up to names. Two single-cluster labellings are identical: NMI = 1 by convention.
/// The default normaliser is the arithmetic mean, as scikit-learn (which ClusterGAN's numbers come from).
/// </summary>
public static class NormalizedMutualInformation
{
    /// <summary>NMI of cluster assignments against true classes.</summary>
    public static double Compute(IReadOnlyList<int> clusters, IReadOnlyList<int> classes, NmiNormalization normalization = NmiNormalization.Arithmetic) =>
        Compute(new ContingencyTable(clusters, classes), normalization);

    /// <summary>NMI from a contingency table.</summary>
    public static double Compute(ContingencyTable table, NmiNormalization normalization = NmiNormalization.Arithmetic)
    {
        double hu = Entropy(table.ClusterSizes, table.Total), hv = Entropy(table.ClassSizes, table.Total);
        if (hu == 0 && hv == 0) return 1;
        double mi = MutualInformation(table);
        double norm = normalization switch
        {
            NmiNormalization.Arithmetic => (hu + hv) / 2,
            NmiNormalization.Geometric => Math.Sqrt(hu * hv),
            NmiNormalization.Max => Math.Max(hu, hv),
            _ => Math.Min(hu, hv),
        };
        return norm > 0 ? Math.Clamp(mi / norm, 0, 1) : 0;
    }

    /// <summary>I(U; V) in nats.</summary>
    public static double MutualInformation(ContingencyTable table)
    {
        double n = table.Total, mi = 0;
        for (int i = 0; i < table.ClusterSizes.Length; i++)
            for (int j = 0; j < table.ClassSizes.Length; j++)
            {
                int nij = table.Counts[i, j];
                if (nij > 0) mi += nij / n * Math.Log(n * nij / ((double)table.ClusterSizes[i] * table.ClassSizes[j]));
            }
        return Math.Max(mi, 0);
    }

    /// <summary>Entropy in nats of a labelling given its group sizes.</summary>
    public static double Entropy(IReadOnlyList<int> sizes, int total) =>
        -sizes.Where(s => s > 0).Sum(s => (double)s / total * Math.Log((double)s / total));
}
