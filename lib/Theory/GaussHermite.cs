using MathNet.Numerics.LinearAlgebra;

namespace GanWorkbench.Theory;

/// <summary>
/// Gauss–Hermite quadrature for expectations under a normal distribution:
/// <c>E[g(ε)], ε ~ N(0, σ²)  ≈  Σᵢ wᵢ g(σ xᵢ)</c>, exact for polynomials g of degree ≤ 2n − 1.
/// Nodes and weights come from the Golub–Welsch algorithm: the nodes are the eigenvalues of the
/// Jacobi matrix of the probabilists' Hermite polynomials (zero diagonal, off-diagonal √k), the
/// weights the squared first components of its unit eigenvectors.
/// </summary>
public sealed class GaussHermite
{
    /// <summary>Nodes xᵢ for the standard normal.</summary>
    public IReadOnlyList<double> Nodes { get; }
    /// <summary>Weights wᵢ (they sum to one).</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>An <paramref name="order"/>-point rule (1 … 200).</summary>
    public GaussHermite(int order)
    {
        if (order is < 1 or > 200) throw new ArgumentOutOfRangeException(nameof(order), order, "order must be in 1..200");
        var jacobi = Matrix<double>.Build.Dense(order, order);
        for (int k = 1; k < order; k++) jacobi[k - 1, k] = jacobi[k, k - 1] = Math.Sqrt(k);
        var evd = jacobi.Evd(Symmetricity.Symmetric);
        Nodes = Enumerable.Range(0, order).Select(i => evd.EigenValues[i].Real).ToArray();
        var w = Enumerable.Range(0, order).Select(i => evd.EigenVectors[0, i] * evd.EigenVectors[0, i]).ToArray();
        double total = w.Sum();
        Weights = w.Select(v => v / total).ToArray();
    }

    /// <summary>E[g(ε)] for ε ~ N(0, <paramref name="sd"/>²).</summary>
    public double Expectation(Func<double, double> g, double sd)
    {
        double sum = 0;
        for (int i = 0; i < Nodes.Count; i++) sum += Weights[i] * g(sd * Nodes[i]);
        return sum;
    }
}
