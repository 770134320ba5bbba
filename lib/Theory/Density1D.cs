namespace GanWorkbench.Theory;

/// <summary>
/// A probability density on the real line, for the exact 1-D pictures of GAN theory (Goodfellow
/// et al. 2014, Fig. 1). <see cref="Lower"/>..<see cref="Upper"/> bounds where the density is
/// numerically non-zero; <see cref="Breakpoints"/> are points an integrator should split at
/// (centres of peaks, ends of flat pieces), so narrow features are never stepped over.
/// Notebook: 02-minimax-game.
/// </summary>
/// <param name="Name">A label for charts, e.g. "N(0, 1)".</param>
/// <param name="LogPdf">The log-density (−∞ outside the support). Kept in log form so that divergences
/// stay finite in far tails where the density itself underflows to 0.</param>
/// <param name="Lower">Left end of the effective support (beyond it the density underflows to 0).</param>
/// <param name="Upper">Right end of the effective support.</param>
/// <param name="Breakpoints">Interior points where integration should split.</param>
public sealed record Density1D(string Name, Func<double, double> LogPdf, double Lower, double Upper, IReadOnlyList<double> Breakpoints)
{
    // Beyond 39 standard deviations exp(−x²/2) underflows to 0 in double precision.
    const double GaussianReach = 39;

    /// <summary>The density function x ↦ exp(LogPdf(x)).</summary>
    public Func<double, double> Pdf { get; } = x => Math.Exp(LogPdf(x));

    /// <summary>The density at <paramref name="x"/>.</summary>
    public double At(double x) => Math.Exp(LogPdf(x));

    /// <summary>The normal density N(<paramref name="mean"/>, <paramref name="sd"/>²).</summary>
    public static Density1D Gaussian(double mean, double sd)
    {
        if (!(sd > 0)) throw new ArgumentOutOfRangeException(nameof(sd), sd, "standard deviation must be positive");
        double logNorm = -Math.Log(sd * Math.Sqrt(2 * Math.PI));
        return new Density1D(FormattableString.Invariant($"N({mean:G4}, {sd:G4}²)"),
            x => logNorm - 0.5 * ((x - mean) / sd) * ((x - mean) / sd),
            mean - GaussianReach * sd, mean + GaussianReach * sd, [mean]);
    }

    /// <summary>The uniform density on [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static Density1D Uniform(double low, double high)
    {
        if (!(high > low)) throw new ArgumentOutOfRangeException(nameof(high), high, "high must exceed low");
        double logHeight = -Math.Log(high - low);
        return new Density1D(FormattableString.Invariant($"U({low:G4}, {high:G4})"),
            x => x >= low && x <= high ? logHeight : double.NegativeInfinity, low, high, []);
    }

    /// <summary>A mixture Σ wᵢ pᵢ; the weights are normalised to sum to one.</summary>
    public static Density1D Mixture(IReadOnlyList<Density1D> components, IReadOnlyList<double> weights)
    {
        if (components.Count == 0 || components.Count != weights.Count)
            throw new ArgumentException("need one weight per component, at least one component", nameof(weights));
        if (weights.Any(w => !(w >= 0)) || !(weights.Sum() > 0))
            throw new ArgumentOutOfRangeException(nameof(weights), "weights must be non-negative with a positive sum");
        double total = weights.Sum();
        var w = weights.Select(v => v / total).ToArray();
        var parts = components.ToArray();
        var breaks = parts.SelectMany(p => p.Breakpoints.Concat([p.Lower, p.Upper])).Distinct().Order().ToList();
        var logW = w.Select(v => Math.Log(v)).ToArray();
        return new Density1D(string.Join(" + ", parts.Select((p, i) => FormattableString.Invariant($"{w[i]:G3}·{p.Name}"))),
            x =>
            {
                // log Σ wᵢ pᵢ(x) by log-sum-exp, so the mixture's far tails keep a finite log-density.
                var terms = new double[parts.Length];
                for (int i = 0; i < parts.Length; i++) terms[i] = logW[i] + parts[i].LogPdf(x);
                double max = terms.Max();
                return double.IsNegativeInfinity(max) ? max : max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
            },
            parts.Min(p => p.Lower), parts.Max(p => p.Upper), breaks);
    }

    /// <summary>Evaluates the density on a grid of <paramref name="points"/> evenly spaced points
    /// from <paramref name="from"/> to <paramref name="to"/> (for charts).</summary>
    public IReadOnlyList<CurvePoint> OnGrid(double from, double to, int points) => Curve(Pdf, from, to, points);

    /// <summary>Any function of x on a grid of evenly spaced points (for charts of D*(x) and the like).</summary>
    public static IReadOnlyList<CurvePoint> Curve(Func<double, double> f, double from, double to, int points)
    {
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "at least two points");
        return Enumerable.Range(0, points).Select(i => from + (to - from) * i / (points - 1)).Select(x => new CurvePoint(x, f(x))).ToList();
    }
}
