using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace GanWorkbench.Theory;

/// <summary>One iterate of a Dirac-GAN trajectory.</summary>
/// <param name="Step">Update number (0 = the start).</param>
/// <param name="Theta">Generator parameter θ.</param>
/// <param name="Psi">Discriminator parameter ψ.</param>
public sealed record DiracStep(int Step, double Theta, double Psi)
{
    /// <summary>Distance from the equilibrium (0, 0).</summary>
    public double Norm => Math.Sqrt(Theta * Theta + Psi * Psi);
}

/// <summary>One arrow of a vector-field chart: the field <c>(VTheta, VPsi)</c> at <c>(Theta, Psi)</c>.</summary>
public sealed record DiracArrow(double Theta, double Psi, double VTheta, double VPsi);

/// <summary>
/// Training dynamics on the Dirac-GAN (Mescheder et al. 2018, §2.2–3): discrete gradient updates
/// with step size h, under the two schedules the workbench's trainer offers, the continuous
/// gradient flow, and the Jacobian's eigenvalues at the equilibrium (0, 0), which decide local
/// convergence: the flow converges when all real parts are negative, simultaneous updates with
/// small h when every eigenvalue λ has |1 + hλ| &lt; 1.
/// <list type="bullet">
/// <item>Simultaneous: (θ, ψ) ← (θ, ψ) + h·v(θ, ψ) — both gradients at the same point.</item>
/// <item>Alternating (block-coordinate, Goodfellow et al. Algorithm 1): k times ψ ← ψ + h·v_ψ(θ, ψ),
/// then θ ← θ + h·v_θ(θ, ψ) at the updated ψ.</item>
/// </list>
/// Notebook: 03-coordinate-descent.
/// </summary>
public static class DiracGanDynamics
{
    /// <summary>Simultaneous gradient updates from (θ₀, ψ₀); returns steps + 1 iterates.</summary>
    public static IReadOnlyList<DiracStep> Simultaneous(DiracGanObjective objective, double stepSize, int steps,
        double theta0 = 1, double psi0 = 1)
    {
        Check(stepSize, steps);
        var path = new List<DiracStep>(steps + 1) { new(0, theta0, psi0) };
        double theta = theta0, psi = psi0;
        for (int k = 1; k <= steps; k++)
        {
            var v = objective.Field(theta, psi);
            theta += stepSize * v.Theta;
            psi = objective.ProjectPsi(psi + stepSize * v.Psi);
            path.Add(new DiracStep(k, theta, psi));
        }
        return path;
    }

    /// <summary>Alternating updates: <paramref name="discriminatorSteps"/> ψ updates, then one θ update
    /// that sees the new ψ. Returns steps + 1 iterates (one per generator update).</summary>
    public static IReadOnlyList<DiracStep> Alternating(DiracGanObjective objective, double stepSize, int steps,
        double theta0 = 1, double psi0 = 1, int discriminatorSteps = 1)
    {
        Check(stepSize, steps);
        if (discriminatorSteps < 1) throw new ArgumentOutOfRangeException(nameof(discriminatorSteps), discriminatorSteps, "at least one D step");
        var path = new List<DiracStep>(steps + 1) { new(0, theta0, psi0) };
        double theta = theta0, psi = psi0;
        for (int k = 1; k <= steps; k++)
        {
            for (int d = 0; d < discriminatorSteps; d++)
                psi = objective.ProjectPsi(psi + stepSize * objective.Field(theta, psi).Psi);
            theta += stepSize * objective.Field(theta, psi).Theta;
            path.Add(new DiracStep(k, theta, psi));
        }
        return path;
    }

    /// <summary>The continuous gradient flow d(θ, ψ)/dt = v(θ, ψ) up to time <paramref name="duration"/>,
    /// by classical Runge–Kutta (RK4) with <paramref name="points"/> − 1 steps; the projection is applied
    /// after each step. Returns <paramref name="points"/> iterates.</summary>
    public static IReadOnlyList<DiracStep> Flow(DiracGanObjective objective, double duration, int points = 1001,
        double theta0 = 1, double psi0 = 1)
    {
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "at least two points");
        double h = duration / (points - 1), theta = theta0, psi = psi0;
        var path = new List<DiracStep>(points) { new(0, theta, psi) };
        for (int k = 1; k < points; k++)
        {
            var k1 = objective.Field(theta, psi);
            var k2 = objective.Field(theta + h / 2 * k1.Theta, psi + h / 2 * k1.Psi);
            var k3 = objective.Field(theta + h / 2 * k2.Theta, psi + h / 2 * k2.Psi);
            var k4 = objective.Field(theta + h * k3.Theta, psi + h * k3.Psi);
            theta += h / 6 * (k1.Theta + 2 * k2.Theta + 2 * k3.Theta + k4.Theta);
            psi = objective.ProjectPsi(psi + h / 6 * (k1.Psi + 2 * k2.Psi + 2 * k3.Psi + k4.Psi));
            path.Add(new DiracStep(k, theta, psi));
        }
        return path;
    }

    /// <summary>The eigenvalues of the Jacobian at the equilibrium (0, 0), sorted by imaginary part.</summary>
    public static IReadOnlyList<Complex> EquilibriumEigenvalues(DiracGanObjective objective) =>
        Eigenvalues(objective.Jacobian(0, 0));

    /// <summary>Eigenvalues of a square matrix (MathNet's EVD), sorted by imaginary part, then real part.</summary>
    public static IReadOnlyList<Complex> Eigenvalues(Matrix<double> matrix) =>
        matrix.Evd().EigenValues.ToArray().OrderBy(c => c.Imaginary).ThenBy(c => c.Real).ToArray();

    /// <summary>The eigenvalues of the update map of simultaneous steps at the equilibrium, 1 + hλ;
    /// the iteration converges locally when all have modulus below one.</summary>
    public static IReadOnlyList<Complex> SimultaneousUpdateEigenvalues(DiracGanObjective objective, double stepSize) =>
        EquilibriumEigenvalues(objective).Select(l => 1 + stepSize * l).ToArray();

    /// <summary>The field on an n × n grid over [−extent, extent]² (for quiver charts).</summary>
    public static IReadOnlyList<DiracArrow> FieldGrid(DiracGanObjective objective, double extent = 2, int n = 15)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "at least two points per side");
        var arrows = new List<DiracArrow>(n * n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double theta = -extent + 2 * extent * i / (n - 1), psi = -extent + 2 * extent * j / (n - 1);
                var v = objective.Field(theta, psi);
                arrows.Add(new DiracArrow(theta, psi, v.Theta, v.Psi));
            }
        return arrows;
    }

    static void Check(double stepSize, int steps)
    {
        if (!(stepSize > 0)) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "step size must be positive");
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be non-negative");
    }
}
