namespace GanWorkbench.Theory;

/// <summary>
/// The density of x = G(z) for a 1-D generator G and a uniform latent z, from G's values on an
/// evenly spaced z grid — the p_g of Goodfellow et al. 2014, Fig. 1, where "the lower horizontal line
/// is the domain from which z is sampled, uniformly" and the arrows show how x = G(z) pushes that
/// uniform mass onto the x line.
/// <para>Between two grid points G is taken as linear, so each of the n cells carries mass 1/n spread
/// evenly over [G(zᵢ), G(zᵢ₊₁)] (exact for a piecewise-linear G, e.g. a ReLU network, whose kinks
/// lie on the grid; otherwise exact as the grid is refined). That mass is binned exactly into equal
/// bins over [min G, max G], giving a piecewise-constant density: where G is flat the density is
/// high, where G is steep it is low, and where G folds back both branches add up.</para>
/// Notebook: 02-minimax-game.
/// </summary>
public static class PushforwardDensity
{
    /// <summary>The density of G(z), z ~ U(a, b), from <paramref name="mapped"/> = G at n + 1 evenly spaced
    /// points from a to b (n ≥ 1), as a piecewise-constant <see cref="Density1D"/> on
    /// <paramref name="bins"/> equal bins.</summary>
    public static Density1D OfUniform(IReadOnlyList<double> mapped, int bins = 200, string name = "p_g")
    {
        if (mapped.Count < 2) throw new ArgumentException("need G at two or more grid points", nameof(mapped));
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "at least one bin");
        if (mapped.Any(v => !double.IsFinite(v))) throw new ArgumentException("G must be finite on the grid", nameof(mapped));
        double lo = mapped.Min(), hi = mapped.Max();
        if (hi - lo < 1e-12 * Math.Max(1, Math.Abs(lo)))
            throw new ArgumentException($"G is constant ({lo:G6}) on the grid: its pushforward is a point mass, which has no density", nameof(mapped));
        double width = (hi - lo) / bins;
        var mass = new double[bins];
        int cells = mapped.Count - 1;
        for (int i = 0; i < cells; i++)
        {
            double a = Math.Min(mapped[i], mapped[i + 1]), b = Math.Max(mapped[i], mapped[i + 1]);
            double cellMass = 1.0 / cells;
            int first = Bin(a), last = Bin(b);
            if (b - a <= 0 || first == last) { mass[first] += cellMass; continue; }
            for (int k = first; k <= last; k++)
            {
                double left = Math.Max(a, lo + k * width), right = Math.Min(b, lo + (k + 1) * width);
                if (right > left) mass[k] += cellMass * (right - left) / (b - a);
            }
        }
        var logHeight = mass.Select(m => m > 0 ? Math.Log(m / width) : double.NegativeInfinity).ToArray();
        var edges = Enumerable.Range(0, bins + 1).Select(k => lo + k * width).ToArray();
        return new Density1D(name, x =>
        {
            if (x < lo || x > hi) return double.NegativeInfinity;
            return logHeight[Bin(x)];
        }, lo, hi, edges);

        int Bin(double x) => Math.Clamp((int)Math.Floor((x - lo) / width), 0, bins - 1);
    }

    /// <summary>Linear interpolation through <paramref name="points"/> (sorted by X), constant beyond
    /// the ends: a function of x from values on a grid (e.g. a trained discriminator's logit).</summary>
    public static Func<double, double> Interpolate(IReadOnlyList<CurvePoint> points)
    {
        if (points.Count == 0) throw new ArgumentException("need at least one point", nameof(points));
        var xs = points.Select(p => p.X).ToArray();
        var ys = points.Select(p => p.Y).ToArray();
        for (int i = 1; i < xs.Length; i++)
            if (!(xs[i] > xs[i - 1])) throw new ArgumentException("points must be sorted by strictly increasing X", nameof(points));
        return x =>
        {
            if (x <= xs[0]) return ys[0];
            if (x >= xs[^1]) return ys[^1];
            int i = Array.BinarySearch(xs, x);
            if (i >= 0) return ys[i];
            int right = ~i, left = right - 1;
            double t = (x - xs[left]) / (xs[right] - xs[left]);
            return ys[left] + t * (ys[right] - ys[left]);
        };
    }
}
