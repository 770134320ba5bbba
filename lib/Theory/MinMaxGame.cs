using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace GanWorkbench.Theory;

/// <summary>One iterate of a two-player game: x (the minimising player, "G"), y (the maximising one, "D").</summary>
/// <param name="Step">Update number (0 = the start).</param>
/// <param name="X">The minimiser's parameter.</param>
/// <param name="Y">The maximiser's parameter.</param>
public sealed record GameStep(int Step, double X, double Y)
{
    /// <summary>Distance from the equilibrium (0, 0).</summary>
    public double Norm => Math.Sqrt(X * X + Y * Y);
}

/// <summary>
/// The quadratic min-max game <c>min_x max_y f(x, y) = (a/2)x² + b·xy − (c/2)y²</c>, equilibrium (0, 0).
/// With a = c = 0 it is the bilinear game <c>f = b·xy</c>, the smallest model of a GAN's rotational
/// dynamics (the Dirac-GAN's field near its equilibrium is exactly this with b = f′(0) = ½).
/// Gradient descent on x and ascent on y, step η:
/// <list type="bullet">
/// <item>simultaneous: x ← x − η(ax + by), y ← y + η(bx − cy). On the bilinear game each step
/// multiplies the distance to the equilibrium by exactly √(1 + η²b²): the iterates spiral outwards;</item>
/// <item>alternating (block-coordinate, y first as in Goodfellow et al.'s Algorithm 1):
/// y ← y + η(bx − cy), then x ← x − η(ax + by) with the new y. On the bilinear game the map has
/// determinant 1 and conserves <c>Q(x, y) = x² + y² + ηb·xy</c>, so for |ηb| &lt; 2 the iterates cycle
/// on an ellipse forever: bounded, but not converging either.</item>
/// </list>
/// With a, c &gt; 0 (strongly convex–concave) both schedules converge for small η.
/// Notebook: 03-coordinate-descent.
/// </summary>
/// <param name="A">Curvature of the minimiser's own term (a ≥ 0).</param>
/// <param name="B">Coupling between the players.</param>
/// <param name="C">Curvature of the maximiser's own term (c ≥ 0).</param>
public sealed record MinMaxGame(double A, double B, double C)
{
    /// <summary>The bilinear game f(x, y) = b·xy.</summary>
    public static MinMaxGame Bilinear(double b = 1) => new(0, b, 0);

    /// <summary>f(x, y).</summary>
    public double Value(double x, double y) => 0.5 * A * x * x + B * x * y - 0.5 * C * y * y;

    /// <summary>Simultaneous gradient descent–ascent; returns steps + 1 iterates.</summary>
    public IReadOnlyList<GameStep> Simultaneous(double stepSize, int steps, double x0 = 1, double y0 = 1)
    {
        var path = new List<GameStep>(steps + 1) { new(0, x0, y0) };
        double x = x0, y = y0;
        for (int k = 1; k <= steps; k++)
        {
            double gx = A * x + B * y, gy = B * x - C * y;      // ∂f/∂x, ∂f/∂y at the same point
            x -= stepSize * gx;
            y += stepSize * gy;
            path.Add(new GameStep(k, x, y));
        }
        return path;
    }

    /// <summary>Alternating descent–ascent: <paramref name="maximizerSteps"/> ascent steps on y, then one
    /// descent step on x that sees the new y; returns steps + 1 iterates.</summary>
    public IReadOnlyList<GameStep> Alternating(double stepSize, int steps, double x0 = 1, double y0 = 1, int maximizerSteps = 1)
    {
        if (maximizerSteps < 1) throw new ArgumentOutOfRangeException(nameof(maximizerSteps), maximizerSteps, "at least one step");
        var path = new List<GameStep>(steps + 1) { new(0, x0, y0) };
        double x = x0, y = y0;
        for (int k = 1; k <= steps; k++)
        {
            for (int m = 0; m < maximizerSteps; m++) y += stepSize * (B * x - C * y);
            x -= stepSize * (A * x + B * y);
            path.Add(new GameStep(k, x, y));
        }
        return path;
    }

    /// <summary>The quantity x² + y² + ηb·xy that one alternating step (one y step, then x) conserves
    /// exactly on the bilinear game.</summary>
    public double AlternatingInvariant(double x, double y, double stepSize) => x * x + y * y + stepSize * B * x * y;

    /// <summary>The linear update map of one step, (x, y) ↦ M(x, y), for a schedule.</summary>
    public Matrix<double> UpdateMatrix(double stepSize, bool alternating)
    {
        double e = stepSize;
        if (!alternating)
            return Matrix<double>.Build.DenseOfArray(new[,] { { 1 - e * A, -e * B }, { e * B, 1 - e * C } });
        // y' = e·b·x + (1 − e·c)·y;  x' = (1 − e·a)·x − e·b·y'
        double yx = e * B, yy = 1 - e * C;
        return Matrix<double>.Build.DenseOfArray(new[,] { { 1 - e * A - e * B * yx, -e * B * yy }, { yx, yy } });
    }

    /// <summary>Eigenvalues of the update map; the schedule converges when all have modulus below one,
    /// cycles when the largest equals one, diverges when it exceeds one.</summary>
    public IReadOnlyList<Complex> UpdateEigenvalues(double stepSize, bool alternating) =>
        DiracGanDynamics.Eigenvalues(UpdateMatrix(stepSize, alternating));
}
