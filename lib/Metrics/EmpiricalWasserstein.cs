using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>
/// The exact 1-Wasserstein distance between two equally large point sets, <c>W₁ = min over permutations σ of
/// (1/n) Σᵢ ‖aᵢ − b_σ(i)‖₂</c>: for uniform empirical measures of the same size an optimal coupling is a
/// permutation (Birkhoff–von Neumann), so the transport problem is an assignment problem, solved exactly by
/// <see cref="HungarianAlgorithm"/> (O(n³): a few hundred points take well under a second). By the
/// Kantorovich–Rubinstein duality (Villani 2009, Theorem 5.10) every 1-Lipschitz critic f satisfies
/// <c>mean f(aᵢ) − mean f(bⱼ) ≤ W₁</c> on the same points — a critic whose estimate exceeds this number is not
/// 1-Lipschitz. Notebook: 03b-wasserstein.
/// </summary>
public static class EmpiricalWasserstein
{
    /// <summary>W₁ between the rows of <paramref name="a"/> and of <paramref name="b"/>, both (n, d), Euclidean cost.</summary>
    public static double Distance(Tensor a, Tensor b)
    {
        if (a.dim() != 2 || b.dim() != 2 || a.shape[0] != b.shape[0] || a.shape[1] != b.shape[1])
            throw new ArgumentException($"need two (n, d) point sets of the same shape, got ({string.Join(", ", a.shape)}) and ({string.Join(", ", b.shape)})");
        double[,] cost;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var distances = cdist(a.detach().to_type(ScalarType.Float64).cpu(), b.detach().to_type(ScalarType.Float64).cpu()); // (n, n)
            int n = (int)a.shape[0];
            var flat = distances.data<double>().ToArray();
            cost = new double[n, n];
            Buffer.BlockCopy(flat, 0, cost, 0, flat.Length * sizeof(double));
        }
        var assignment = HungarianAlgorithm.Solve(cost);
        return HungarianAlgorithm.Cost(cost, assignment) / assignment.Length;
    }
}
