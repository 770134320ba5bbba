using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>The outcome of <see cref="KMeans.Fit"/>: the best of its restarts.</summary>
/// <param name="Assignments">Cluster of every point, in 0..k − 1.</param>
/// <param name="Centroids">Cluster means (k, D), float32 on the CPU; the caller owns (and disposes) it.</param>
/// <param name="Inertia">Σᵢ ‖xᵢ − μ_{c(i)}‖², the objective Lloyd's algorithm lowers (summed in float64).</param>
/// <param name="Iterations">Lloyd iterations of the winning restart.</param>
/// <param name="Restarts">Restarts tried.</param>
public sealed record KMeansResult(IReadOnlyList<int> Assignments, Tensor Centroids, double Inertia, int Iterations, int Restarts) : IDisposable
{
    /// <summary>Points per cluster (index = cluster).</summary>
    public IReadOnlyList<int> Sizes => Enumerable.Range(0, (int)Centroids.shape[0]).Select(c => Assignments.Count(a => a == c)).ToArray();

    /// <summary>Frees the centroids.</summary>
    public void Dispose() => Centroids.Dispose();
}

/// <summary>
/// k-means clustering: Lloyd's algorithm (Lloyd 1982) from k-means++ seeds (Arthur &amp; Vassilvitskii
/// 2007), the best of several restarts by inertia — what scikit-learn's <c>KMeans</c> does, and the
/// "k-means on pixels" baseline of the clustering papers (ClusterGAN, Mukherjee et al. 2019, Table 2).
/// Each iteration assigns every point to its nearest centroid (squared Euclidean distance, computed as
/// ‖x‖² − 2x·μ + ‖μ‖² with one matrix product) and moves every centroid to the mean of its points; a
/// cluster that loses all its points is re-seeded at the point farthest from its centroid. It stops
/// when no assignment changes or after <c>maxIterations</c>. Deterministic for a seed (torch
/// generators of its own; torch's global random state is untouched). Runs on the data's device.
/// Notebook: 08-clustering.
/// </summary>
public static class KMeans
{
    /// <summary>Clusters the rows of <paramref name="points"/> (N, D) into <paramref name="k"/> groups.</summary>
    /// <param name="points">(N, D) features; images are flattened by the caller (or pass (N, …): flattened here).</param>
    /// <param name="k">Number of clusters, 1 ≤ k ≤ N.</param>
    /// <param name="seed">Seed of the k-means++ draws.</param>
    /// <param name="restarts">Independent k-means++ starts; the lowest inertia wins (scikit-learn: n_init = 10).</param>
    /// <param name="maxIterations">Lloyd iterations per start.</param>
    public static KMeansResult Fit(Tensor points, int k, long seed = 0, int restarts = 10, int maxIterations = 100)
    {
        if (points.dim() < 2) throw new ArgumentException($"expected points (N, D), got ({string.Join(", ", points.shape)})", nameof(points));
        long n = points.shape[0];
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{n} (the number of points)");
        if (restarts < 1) throw new ArgumentOutOfRangeException(nameof(restarts), restarts, "at least one restart");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "at least one iteration");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = points.detach().flatten(1).to_type(ScalarType.Float32);       // (N, D)
        var squaredNorms = x.square().sum(1);                                  // (N)
        Tensor? bestCentroids = null, bestAssignment = null;
        double bestInertia = double.PositiveInfinity;
        int bestIterations = 0;
        for (int r = 0; r < restarts; r++)
        {
            using var restartScope = NewDisposeScope();
            using var gen = new Generator(unchecked((ulong)(seed * 1_000_003 + r * 7_919 + 1)));
            var centroids = PlusPlusSeeds(x, squaredNorms, k, gen);            // (k, D)
            var assignment = full(n, -1L, dtype: ScalarType.Int64, device: x.device);
            int iterations = 0;
            while (iterations < maxIterations)
            {
                iterations++;
                using var step = NewDisposeScope();
                var distances = SquaredDistances(x, squaredNorms, centroids);  // (N, k)
                var next = distances.argmin(1);                                // (N)
                bool changed = !next.eq(assignment).all().item<bool>();
                var moved = Means(x, next, distances, k);                      // (k, D)
                assignment.Dispose(); centroids.Dispose();
                assignment = next.MoveToOuterDisposeScope();
                centroids = moved.MoveToOuterDisposeScope();
                if (!changed) break;
            }
            var final = SquaredDistances(x, squaredNorms, centroids);
            var nearest = final.argmin(1);
            double inertia = final.gather(1, nearest.unsqueeze(1)).to_type(ScalarType.Float64).sum().item<double>();
            if (inertia < bestInertia)
            {
                bestCentroids?.Dispose(); bestAssignment?.Dispose();
                bestInertia = inertia; bestIterations = iterations;
                bestCentroids = centroids.MoveToOuterDisposeScope();
                bestAssignment = nearest.MoveToOuterDisposeScope();
            }
        }
        var labels = bestAssignment!.cpu().data<long>().ToArray().Select(v => (int)v).ToArray();
        var result = bestCentroids!.cpu().clone().MoveToOuterDisposeScope();
        return new KMeansResult(labels, result, bestInertia, bestIterations, restarts);
    }

    /// <summary>The nearest centroid (k, D) of every row of <paramref name="points"/> (N, D).</summary>
    public static IReadOnlyList<int> Assign(Tensor points, Tensor centroids)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = points.detach().flatten(1).to_type(ScalarType.Float32);
        var c = centroids.to(x.device).to_type(ScalarType.Float32);
        var nearest = SquaredDistances(x, x.square().sum(1), c).argmin(1);
        return nearest.cpu().data<long>().ToArray().Select(v => (int)v).ToArray();
    }

    // ‖x − μ‖² = ‖x‖² − 2 x·μ + ‖μ‖²: (N, k).
    static Tensor SquaredDistances(Tensor x, Tensor squaredNorms, Tensor centroids) =>
        (squaredNorms.unsqueeze(1) - x.matmul(centroids.t()).mul(2) + centroids.square().sum(1).unsqueeze(0)).clamp_min(0);

    // k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest centre so far.
    static Tensor PlusPlusSeeds(Tensor x, Tensor squaredNorms, int k, Generator gen)
    {
        long n = x.shape[0];
        var chosen = new List<long> { randint(0, n, [1], generator: gen).item<long>() };
        var nearest = SquaredDistances(x, squaredNorms, x.index_select(0, tensor(chosen.ToArray(), device: x.device))).squeeze(1); // (N)
        while (chosen.Count < k)
        {
            var weights = nearest.to_type(ScalarType.Float64).cpu();
            long next = weights.sum().item<double>() > 0
                ? multinomial(weights, 1, generator: gen).item<long>()
                : randint(0, n, [1], generator: gen).item<long>();              // every point sits on a centre: any point will do
            chosen.Add(next);
            var toNew = SquaredDistances(x, squaredNorms, x.narrow(0, next, 1)).squeeze(1);
            nearest = minimum(nearest, toNew);
        }
        return x.index_select(0, tensor(chosen.ToArray(), device: x.device)); // (k, D)
    }

    // Cluster means; an empty cluster takes the point farthest from its own centroid.
    static Tensor Means(Tensor x, Tensor assignment, Tensor distances, int k)
    {
        var sums = zeros(k, x.shape[1], device: x.device).index_add(0, assignment, x, 1); // (k, D)
        var counts = bincount(assignment, minlength: k).to_type(ScalarType.Float32);   // (k)
        var means = sums / counts.clamp_min(1).unsqueeze(1);
        var empty = counts.eq(0).cpu().data<bool>().ToArray();
        if (!empty.Any(e => e)) return means;
        var own = distances.gather(1, assignment.unsqueeze(1)).squeeze(1).clone();       // (N) distance to own centroid
        for (int c = 0; c < k; c++)
        {
            if (!empty[c]) continue;
            long far = own.argmax().item<long>();
            means[c] = x[far];
            own[far] = -1;
        }
        return means;
    }
}
