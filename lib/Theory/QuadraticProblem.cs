using MathNet.Numerics.LinearAlgebra;

namespace GanWorkbench.Theory;

/// <summary>One iterate of a minimisation: the point, the objective there and the update count.</summary>
/// <param name="Step">Update number (0 = the start).</param>
/// <param name="Point">The iterate x.</param>
/// <param name="Value">f(x).</param>
public sealed record DescentStep(int Step, IReadOnlyList<double> Point, double Value)
{
    /// <summary>Euclidean norm of the iterate.</summary>
    public double Norm => Math.Sqrt(Point.Sum(v => v * v));
}

/// <summary>
/// Coordinate descent against full gradient descent on the quadratic
/// <c>f(x) = ½ xᵀAx − bᵀx</c> (A symmetric positive definite; minimiser x* = A⁻¹b), the simplest
/// place to see what "block-coordinate" means before the GAN version of it
/// (<see cref="MinMaxGame"/>, <see cref="DiracGanDynamics"/>):
/// <list type="bullet">
/// <item>cyclic coordinate descent minimises f exactly along one coordinate at a time,
/// xᵢ ← (bᵢ − Σ_{j≠i} Aᵢⱼxⱼ)/Aᵢᵢ (this is the Gauss–Seidel iteration; it converges for every SPD A);</item>
/// <item>block-coordinate descent takes a gradient step on one block of coordinates, then on the
/// next block using the already-updated first block (alternating updates);</item>
/// <item>simultaneous gradient descent updates every coordinate from the same point,
/// x ← x − η(Ax − b), and converges only for η &lt; 2/λ_max(A).</item>
/// </list>
/// Notebook: 03-coordinate-descent.
/// </summary>
public sealed class QuadraticProblem
{
    /// <summary>The matrix A.</summary>
    public Matrix<double> A { get; }
    /// <summary>The vector b.</summary>
    public Vector<double> B { get; }
    /// <summary>The exact minimiser A⁻¹b.</summary>
    public Vector<double> Minimizer { get; }

    /// <summary>Creates f(x) = ½ xᵀAx − bᵀx; A must be symmetric positive definite.</summary>
    public QuadraticProblem(double[,] a, double[] b)
    {
        A = Matrix<double>.Build.DenseOfArray(a);
        B = Vector<double>.Build.DenseOfArray(b);
        if (A.RowCount != A.ColumnCount || A.RowCount != B.Count)
            throw new ArgumentException($"A must be n×n and b of length n; got {A.RowCount}×{A.ColumnCount} and {B.Count}", nameof(a));
        if (!A.IsSymmetric()) throw new ArgumentException("A must be symmetric", nameof(a));
        var evd = A.Evd(Symmetricity.Symmetric);
        if (evd.EigenValues.Any(l => l.Real <= 0)) throw new ArgumentException("A must be positive definite", nameof(a));
        Minimizer = A.Solve(B);
    }

    /// <summary>f(x).</summary>
    public double Value(IReadOnlyList<double> x)
    {
        var v = Vector<double>.Build.DenseOfEnumerable(x);
        return 0.5 * v.DotProduct(A * v) - B.DotProduct(v);
    }

    /// <summary>The minimum value f(x*).</summary>
    public double MinimumValue => Value(Minimizer.ToArray());

    /// <summary>Cyclic coordinate descent with exact line minimisation; one entry per coordinate update
    /// (so a sweep over n coordinates adds n entries, and a chart shows the staircase path).</summary>
    public IReadOnlyList<DescentStep> CyclicCoordinateDescent(double[] x0, int sweeps)
    {
        var x = Start(x0);
        var path = new List<DescentStep> { Record(0, x) };
        int step = 0;
        for (int s = 0; s < sweeps; s++)
            for (int i = 0; i < x.Length; i++)
            {
                double rest = 0;
                for (int j = 0; j < x.Length; j++) if (j != i) rest += A[i, j] * x[j];
                x[i] = (B[i] - rest) / A[i, i];
                path.Add(Record(++step, x));
            }
        return path;
    }

    /// <summary>Block-coordinate (alternating) gradient descent: per iteration, a gradient step of size
    /// <paramref name="learningRate"/> on each block in turn, each block seeing the blocks already
    /// updated. <paramref name="blockSizes"/> must sum to n (e.g. [1, 1] for two scalar players).</summary>
    public IReadOnlyList<DescentStep> BlockCoordinateDescent(double[] x0, IReadOnlyList<int> blockSizes, double learningRate, int iterations)
    {
        if (blockSizes.Sum() != B.Count || blockSizes.Any(s => s < 1))
            throw new ArgumentException($"block sizes must be positive and sum to {B.Count}", nameof(blockSizes));
        var x = Start(x0);
        var path = new List<DescentStep> { Record(0, x) };
        for (int k = 1; k <= iterations; k++)
        {
            int offset = 0;
            foreach (int size in blockSizes)
            {
                var gradient = Gradient(x);
                for (int i = offset; i < offset + size; i++) x[i] -= learningRate * gradient[i];
                offset += size;
            }
            path.Add(Record(k, x));
        }
        return path;
    }

    /// <summary>Simultaneous (full) gradient descent x ← x − η∇f(x).</summary>
    public IReadOnlyList<DescentStep> GradientDescent(double[] x0, double learningRate, int iterations)
    {
        var x = Start(x0);
        var path = new List<DescentStep> { Record(0, x) };
        for (int k = 1; k <= iterations; k++)
        {
            var gradient = Gradient(x);
            for (int i = 0; i < x.Length; i++) x[i] -= learningRate * gradient[i];
            path.Add(Record(k, x));
        }
        return path;
    }

    /// <summary>The largest step size for which gradient descent converges: 2/λ_max(A).</summary>
    public double MaxStableLearningRate => 2 / A.Evd(Symmetricity.Symmetric).EigenValues.Max(l => l.Real);

    double[] Gradient(double[] x) => (A * Vector<double>.Build.DenseOfArray(x) - B).ToArray();

    double[] Start(double[] x0) => x0.Length == B.Count ? (double[])x0.Clone()
        : throw new ArgumentException($"start point must have {B.Count} coordinates, got {x0.Length}", nameof(x0));

    DescentStep Record(int step, double[] x) => new(step, (double[])x.Clone(), Value(x));
}
