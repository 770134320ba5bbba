using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>The first two moments of a set of feature vectors.</summary>
/// <param name="Mean">Mean vector μ.</param>
/// <param name="Covariance">Unbiased covariance Σ (divided by n − 1).</param>
/// <param name="Count">Number of vectors they were estimated from.</param>
public sealed record GaussianMoments(Vector<double> Mean, Matrix<double> Covariance, int Count)
{
    /// <summary>Moments of the rows of <paramref name="features"/> (N, d), accumulated in float64 on
    /// the tensor's device; only the d + d² results are copied to the host.</summary>
    public static GaussianMoments FromFeatures(Tensor features)
    {
        if (features.dim() != 2 || features.shape[0] < 2)
            throw new ArgumentException($"expected features (N ≥ 2, d), got ({string.Join(", ", features.shape)})", nameof(features));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = features.to_type(ScalarType.Float64);
        long n = x.shape[0], d = x.shape[1];
        var mean = x.mean([0]);                                                 // (d)
        var centred = x - mean;                                                 // (N, d)
        var covariance = centred.t().mm(centred).div(n - 1);                   // (d, d)
        var meanHost = mean.cpu().data<double>().ToArray();
        var covHost = covariance.cpu().data<double>().ToArray();               // row-major
        return new GaussianMoments(Vector<double>.Build.DenseOfArray(meanHost),
            Matrix<double>.Build.Dense((int)d, (int)d, (i, j) => covHost[i * d + j]), (int)n);
    }

    /// <summary>Moments of host rows (each inner array one vector).</summary>
    public static GaussianMoments FromRows(IReadOnlyList<double[]> rows)
    {
        if (rows.Count < 2) throw new ArgumentException("need at least two vectors", nameof(rows));
        var m = Matrix<double>.Build.DenseOfRowArrays(rows);
        var mean = m.ColumnSums() / m.RowCount;
        var centred = m - Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (_, j) => mean[j]);
        return new GaussianMoments(mean, centred.TransposeThisAndMultiply(centred) / (m.RowCount - 1), m.RowCount);
    }
}

/// <summary>
/// The Fréchet (2-Wasserstein) distance between two Gaussians, the formula behind FID
/// (Heusel et al. 2017, <i>GANs Trained by a Two Time-Scale Update Rule…</i>, Eq. 6; Dowson &amp;
/// Landau 1982):
/// <c>d² = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½</c>.
/// <para>Numerics: the usual <c>tr sqrtm(Σ₁Σ₂)</c> takes the square root of a non-symmetric product,
/// which goes complex for nearly singular covariances. Here both roots are of symmetric PSD matrices:
/// Σ₁^½ from Σ₁'s symmetric eigendecomposition (eigenvalues clipped at 0), then the trace of
/// (Σ₁^½ Σ₂ Σ₁^½)^½ as the sum of square roots of that symmetric matrix's (clipped) eigenvalues. The
/// two traces are equal because Σ₁Σ₂ and Σ₁^½Σ₂Σ₁^½ are similar. Everything in double precision
/// with MathNet.Numerics.</para>
/// </summary>
public static class FrechetDistance
{
    /// <summary>d² between N(μ₁, Σ₁) and N(μ₂, Σ₂); never negative (rounding below 0 is clipped).</summary>
    public static double Compute(GaussianMoments first, GaussianMoments second)
    {
        if (first.Mean.Count != second.Mean.Count)
            throw new ArgumentException($"feature dimensions differ: {first.Mean.Count} and {second.Mean.Count}", nameof(second));
        var root1 = SymmetricSqrt(first.Covariance);
        var inner = root1 * second.Covariance * root1;
        inner = (inner + inner.Transpose()) * 0.5;                              // symmetric up to rounding: make it exact
        double traceRoot = inner.Evd(Symmetricity.Symmetric).EigenValues.Sum(l => Math.Sqrt(Math.Max(l.Real, 0)));
        var diff = first.Mean - second.Mean;
        double d2 = diff.DotProduct(diff) + first.Covariance.Trace() + second.Covariance.Trace() - 2 * traceRoot;
        return Math.Max(d2, 0);
    }

    /// <summary>d² between the Gaussians fitted to two feature sets (N, d) and (M, d).</summary>
    public static double Compute(Tensor first, Tensor second) =>
        Compute(GaussianMoments.FromFeatures(first), GaussianMoments.FromFeatures(second));

    /// <summary>The symmetric PSD square root S^½ = V diag(√max(λ, 0)) Vᵀ of a symmetric matrix.</summary>
    public static Matrix<double> SymmetricSqrt(Matrix<double> symmetric)
    {
        var s = (symmetric + symmetric.Transpose()) * 0.5;
        var evd = s.Evd(Symmetricity.Symmetric);
        var roots = Matrix<double>.Build.DiagonalOfDiagonalArray(evd.EigenValues.Select(l => Math.Sqrt(Math.Max(l.Real, 0))).ToArray());
        return evd.EigenVectors * roots * evd.EigenVectors.Transpose();
    }
}
