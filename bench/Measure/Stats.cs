namespace GanWorkbench.Bench.Measure;

/// <summary>A sample summarised robustly: median, quartiles, extremes and the count.</summary>
/// <param name="Median">The middle value (mean of the two middle ones for even counts).</param>
/// <param name="Q1">First quartile (linear interpolation between order statistics).</param>
/// <param name="Q3">Third quartile.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Count">Number of values.</param>
public sealed record Summary(double Median, double Q1, double Q3, double Min, double Max, int Count)
{
    /// <summary>Interquartile range relative to the median (0.05 = the middle half spans ±2.5%).</summary>
    public double RelativeIqr => Median == 0 ? 0 : (Q3 - Q1) / Median;

    /// <summary>Summarises <paramref name="values"/> (at least one).</summary>
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no values to summarise", nameof(values));
        return new Summary(Stats.Quantile(sorted, 0.5), Stats.Quantile(sorted, 0.25), Stats.Quantile(sorted, 0.75),
            sorted[0], sorted[^1], sorted.Length);
    }
}

/// <summary>Order statistics and a least-squares slope, for timings and memory traces.</summary>
public static class Stats
{
    /// <summary>The <paramref name="p"/>-quantile of an ascending array, interpolating linearly
    /// between the order statistics at positions ⌊p(n−1)⌋ and ⌈p(n−1)⌉ (type 7, numpy's default).</summary>
    public static double Quantile(IReadOnlyList<double> ascending, double p)
    {
        if (ascending.Count == 0) throw new ArgumentException("empty sample", nameof(ascending));
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "must be in [0, 1]");
        double position = p * (ascending.Count - 1);
        int low = (int)Math.Floor(position), high = (int)Math.Ceiling(position);
        return ascending[low] + (position - low) * (ascending[high] - ascending[low]);
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values) => Summary.Of(values).Median;

    /// <summary>How much a memory trace rose: the median of its last tenth of <paramref name="readings"/> minus the
    /// median of its first tenth (at least one reading each). One reading at either end of the allocator's
    /// normal swing (glibc's free pool moves by ±15 MiB from one logging window to the next) cannot decide
    /// it, as it did when the figure was the last reading minus the one after the warm-up.</summary>
    /// <param name="readings">Resident memory in step order, from the end of the warm-up on.</param>
    public static double WindowGrowth(IReadOnlyList<double> readings)
    {
        if (readings.Count == 0) throw new ArgumentException("no readings", nameof(readings));
        int window = Math.Max(1, readings.Count / 10);
        return Median(readings.Skip(readings.Count - window)) - Median(readings.Take(window));
    }

    /// <summary>Slope of the least-squares line through (x, y); 0 for fewer than two distinct x.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("x and y differ in length", nameof(y));
        if (x.Count < 2) return 0;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
