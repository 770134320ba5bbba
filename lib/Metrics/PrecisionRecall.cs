using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>Improved precision and recall, with the settings used.</summary>
/// <param name="Precision">Fraction of samples inside the real manifold estimate (sample quality).</param>
/// <param name="Recall">Fraction of real vectors inside the samples' manifold estimate (coverage).</param>
/// <param name="K">Neighbour rank that sets each hypersphere's radius.</param>
/// <param name="RealCount">Real feature vectors.</param>
/// <param name="SampleCount">Generated feature vectors.</param>
public sealed record PrecisionRecallResult(double Precision, double Recall, int K, int RealCount, int SampleCount);

/// <summary>
/// Improved precision and recall (Kynkäänniemi et al. 2019, <i>Improved Precision and Recall Metric
/// for Assessing Generative Models</i>, §2, Eq. 1–3). Each set's manifold is estimated as the union
/// of hyperspheres centred at its feature vectors, each with radius the distance to that vector's
/// k-th nearest neighbour within the same set (k = 3 in the paper):
/// <c>f(φ, Φ) = 1 if ‖φ − φ′‖ ≤ ‖φ′ − NN_k(φ′, Φ)‖ for some φ′ ∈ Φ, else 0</c>;
/// <c>precision = (1/|Φ_g|) Σ_{φ_g} f(φ_g, Φ_r)</c>, <c>recall = (1/|Φ_r|) Σ_{φ_r} f(φ_r, Φ_g)</c>.
/// Distances are Euclidean in the classifier's feature space, computed exactly in float64 on the
/// tensors' device, in blocks (memory O(block · N)).
/// </summary>
public static class PrecisionRecall
{
    /// <summary>Precision and recall of <paramref name="sampleFeatures"/> (M, d) against
    /// <paramref name="realFeatures"/> (N, d).</summary>
    public static PrecisionRecallResult Compute(Tensor realFeatures, Tensor sampleFeatures, int k = 3, int blockSize = 1024)
    {
        if (realFeatures.dim() != 2 || sampleFeatures.dim() != 2 || realFeatures.shape[1] != sampleFeatures.shape[1])
            throw new ArgumentException($"expected (N, d) and (M, d) features, got ({string.Join(", ", realFeatures.shape)}) and ({string.Join(", ", sampleFeatures.shape)})");
        long n = realFeatures.shape[0], m = sampleFeatures.shape[0];
        if (k < 1 || k >= Math.Min(n, m))
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{Math.Min(n, m) - 1} for sets of {n} and {m} vectors");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var real = realFeatures.to_type(ScalarType.Float64);
        var fake = sampleFeatures.to_type(ScalarType.Float64);
        var realRadii = KthNeighbourDistances(real, k, blockSize);              // (N)
        var fakeRadii = KthNeighbourDistances(fake, k, blockSize);              // (M)
        double precision = FractionInside(fake, real, realRadii, blockSize);
        double recall = FractionInside(real, fake, fakeRadii, blockSize);
        return new PrecisionRecallResult(precision, recall, k, (int)n, (int)m);
    }

    /// <summary>Distance from each row to its k-th nearest other row of the same set (N).</summary>
    public static Tensor KthNeighbourDistances(Tensor set, int k, int blockSize = 1024)
    {
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (long start = 0; start < set.shape[0]; start += blockSize)
        {
            var block = set.narrow(0, start, Math.Min(blockSize, set.shape[0] - start));
            var distances = cdist(block, set);                                  // (b, N); the row itself is at 0
            // The k+1 smallest include the row's own zero, so the (k+1)-th smallest is the k-th neighbour.
            parts.Add(distances.topk(k + 1, dim: 1, largest: false, sorted: true).values.select(1, k));
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    // Fraction of `queries` within radius[i] of some centres[i].
    static double FractionInside(Tensor queries, Tensor centres, Tensor radii, int blockSize)
    {
        long inside = 0;
        for (long start = 0; start < queries.shape[0]; start += blockSize)
        {
            using var scope = NewDisposeScope();
            var block = queries.narrow(0, start, Math.Min(blockSize, queries.shape[0] - start));
            var distances = cdist(block, centres);                              // (b, N)
            inside += distances.le(radii.unsqueeze(0)).any(1).sum().item<long>();
        }
        return (double)inside / queries.shape[0];
    }
}
