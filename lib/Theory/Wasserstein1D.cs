using MathNet.Numerics.RootFinding;

namespace GanWorkbench.Theory;

/// <summary>
/// The 1-Wasserstein (earth-mover) distance between densities on the real line and its dual, computed by
/// adaptive integration (Villani 2009, "Optimal Transport", Remark 2.19 and Theorem 5.10):
/// <list type="bullet">
/// <item>primal, in one dimension: <c>W₁(p, q) = ∫ |F_p(x) − F_q(x)| dx</c> with F the cumulative distribution
/// functions (the optimal coupling moves quantile to quantile);</item>
/// <item>dual (Kantorovich–Rubinstein): <c>W₁(p, q) = sup over 1-Lipschitz f of E_p[f] − E_q[f]</c>; in one
/// dimension the supremum is attained by <c>f*(x) = ∫_{−∞}^x sign(F_q(t) − F_p(t)) dt</c>, a piecewise-linear
/// function with slopes ±1 that changes slope where the CDFs cross (<see cref="OptimalCritic"/>).</item>
/// </list>
/// <see cref="DualValue"/> integrates <c>∫ f (p − q)</c> for any critic, so primal and dual are computed by
/// different integrals and their agreement is a check. The WGAN critic (Arjovsky et al. 2017, Eq. 2 and 3) is a
/// network approximating f*. Notebook: 03b-wasserstein.
/// </summary>
public static class Wasserstein1D
{
    /// <summary>Cells of the CDF table over the joint support (the scan for crossings uses the same cells).</summary>
    public const int Cells = 4000;

    /// <summary>The cumulative distribution function of <paramref name="density"/>: a table of exact cell integrals over its
    /// support (split at its breakpoints) plus a 20-point Gauss–Legendre integral inside the cell of x.</summary>
    public static Func<double, double> Cdf(Density1D density) => CdfTable.Of(density, density.Lower, density.Upper).At;

    /// <summary>The points where F_p − F_q changes sign (the CDFs cross), found on the table's cells and refined
    /// with Brent's method.</summary>
    public static IReadOnlyList<double> Crossings(Density1D p, Density1D q)
    {
        var (lower, upper) = Support(p, q);
        var fp = CdfTable.Of(p, lower, upper); var fq = CdfTable.Of(q, lower, upper);
        double Gap(double x) => fp.At(x) - fq.At(x);
        var roots = new List<double>();
        double left = fp.Nodes[0], gapLeft = 0;
        foreach (double right in fp.Nodes.Skip(1))
        {
            double gapRight = Gap(right);
            // A crossing only where the gap is clearly positive on one side and clearly negative on the other.
            if (Math.Abs(gapLeft) > 1e-13 && Math.Abs(gapRight) > 1e-13 && Math.Sign(gapLeft) != Math.Sign(gapRight))
                roots.Add(Brent.FindRoot(Gap, left, right, 1e-13, 200));
            left = right;
            if (Math.Abs(gapRight) > 1e-13) gapLeft = gapRight;
        }
        return roots;
    }

    /// <summary>W₁(p, q) = ∫ |F_p − F_q| dx, split at the CDFs' crossings so each piece is smooth.</summary>
    public static double Distance(Density1D p, Density1D q)
    {
        var (lower, upper) = Support(p, q);
        var fp = CdfTable.Of(p, lower, upper); var fq = CdfTable.Of(q, lower, upper);
        return IntegratePieces(x => Math.Abs(fp.At(x) - fq.At(x)), p, q, Crossings(p, q));
    }

    /// <summary>The optimal Kantorovich–Rubinstein critic for E_p[f] − E_q[f]: slope +1 where F_q &gt; F_p
    /// (more of q's mass lies to the left), −1 where F_q &lt; F_p, f*(lower end) = 0.</summary>
    public static PiecewiseLinearCritic OptimalCritic(Density1D p, Density1D q)
    {
        var (lower, upper) = Support(p, q);
        var fp = CdfTable.Of(p, lower, upper); var fq = CdfTable.Of(q, lower, upper);
        var knots = new List<double> { lower };
        knots.AddRange(Crossings(p, q));
        knots.Add(upper);
        var slopes = new List<double>();
        for (int i = 0; i + 1 < knots.Count; i++)
        {
            // The gap's sign where it is largest in the interval: near an end, or in a far tail, it rounds to 0 or noise.
            double a = knots[i], b = knots[i + 1];
            double gap = Enumerable.Range(1, 63).Select(k => a + (b - a) * k / 64).Select(x => fq.At(x) - fp.At(x)).MaxBy(Math.Abs);
            slopes.Add(gap < 0 ? -1 : 1);
        }
        return new PiecewiseLinearCritic(knots, slopes);
    }

    /// <summary>E_p[f] − E_q[f] = ∫ f(x)(p(x) − q(x)) dx for any critic f: a lower bound on W₁(p, q) when f is
    /// 1-Lipschitz, equal to it for <see cref="OptimalCritic"/> (pass its knots as <paramref name="cuts"/>).</summary>
    public static double DualValue(Density1D p, Density1D q, Func<double, double> critic, IReadOnlyList<double>? cuts = null) =>
        IntegratePieces(x => critic(x) * (p.Pdf(x) - q.Pdf(x)), p, q, cuts ?? []);

    static (double Lower, double Upper) Support(Density1D p, Density1D q) => (Math.Min(p.Lower, q.Lower), Math.Max(p.Upper, q.Upper));

    static double IntegratePieces(Func<double, double> f, Density1D p, Density1D q, IReadOnlyList<double> extra)
    {
        var (lower, upper) = Support(p, q);
        var cuts = p.Breakpoints.Concat(q.Breakpoints).Concat([p.Lower, p.Upper, q.Lower, q.Upper]).Concat(extra)
            .Where(c => c > lower && c < upper).Append(lower).Append(upper).Distinct().Order().ToList();
        double total = 0;
        for (int i = 0; i + 1 < cuts.Count; i++)
            total += MathNet.Numerics.Integrate.GaussKronrod(f, cuts[i], cuts[i + 1], 1e-11, 12, 31);
        return total;
    }

    // F on [lower, upper]: cumulative exact integrals at the nodes (an even grid plus the density's breakpoints and
    // support ends, where it may jump), Gauss–Legendre from the last node below x.
    sealed class CdfTable
    {
        readonly Density1D density;
        readonly double[] cumulative;
        public double[] Nodes { get; }

        CdfTable(Density1D density, double[] nodes)
        {
            this.density = density; Nodes = nodes;
            cumulative = new double[nodes.Length];
            for (int i = 1; i < nodes.Length; i++) cumulative[i] = cumulative[i - 1] + Piece(nodes[i - 1], nodes[i]);
        }

        public static CdfTable Of(Density1D density, double lower, double upper) =>
            new(density, Enumerable.Range(0, Cells + 1).Select(i => lower + (upper - lower) * i / Cells)
                .Concat(density.Breakpoints).Concat([density.Lower, density.Upper])
                .Where(c => c >= lower && c <= upper).Distinct().Order().ToArray());

        public double At(double x)
        {
            if (x <= Nodes[0]) return 0;
            if (x >= Nodes[^1]) return Math.Clamp(cumulative[^1], 0, 1);
            int i = Array.BinarySearch(Nodes, x);
            if (i >= 0) return Math.Clamp(cumulative[i], 0, 1);
            i = ~i - 1;                                                         // the node just below x
            return Math.Clamp(cumulative[i] + Piece(Nodes[i], x), 0, 1);
        }

        double Piece(double a, double b) => b > a ? MathNet.Numerics.Integrate.GaussLegendre(density.Pdf, a, b, 20) : 0;
    }
}

/// <summary>A continuous piecewise-linear function of one variable: <see cref="Slopes"/>[i] on
/// [<see cref="Knots"/>[i], <see cref="Knots"/>[i + 1]], value 0 at the first knot, constant beyond the ends.</summary>
/// <param name="Knots">Increasing breakpoints, the first and last bounding the support.</param>
/// <param name="Slopes">One slope per interval (±1 for <see cref="Wasserstein1D.OptimalCritic"/>).</param>
public sealed record PiecewiseLinearCritic(IReadOnlyList<double> Knots, IReadOnlyList<double> Slopes)
{
    /// <summary>The largest |slope|: the function's Lipschitz constant.</summary>
    public double Lipschitz => Slopes.Max(Math.Abs);

    /// <summary>f(x).</summary>
    public double Value(double x)
    {
        double value = 0;
        for (int i = 0; i < Slopes.Count; i++)
        {
            if (x <= Knots[i]) break;
            value += Slopes[i] * (Math.Min(x, Knots[i + 1]) - Knots[i]);
        }
        return value;
    }
}
