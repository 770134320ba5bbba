using GanWorkbench.Bench.Measure;

namespace GanWorkbench.Tests.Bench;

/// <summary>Order statistics and slopes used to summarise timings and memory traces.</summary>
public class StatsTests
{
    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.0, 1.0)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.25, 1.75)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.75, 3.25)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 1.0, 4.0)]
    [InlineData(new[] { 7.0 }, 0.5, 7.0)]
    [InlineData(new[] { 1.0, 2, 10 }, 0.5, 2.0)]
    public void Quantile_interpolates_linearly_between_order_statistics(double[] ascending, double p, double expected) =>
        Assert.Equal(expected, Stats.Quantile(ascending, p), 12);

    [Fact]
    public void Summary_sorts_and_reports_the_spread()
    {
        var s = Summary.Of([4.0, 1, 3, 2, 100]);
        Assert.Equal(new Summary(3, 2, 4, 1, 100, 5), s);
        Assert.Equal(2.0 / 3, s.RelativeIqr, 12);
    }

    [Fact]
    public void Summary_of_nothing_is_an_error() =>
        Assert.Equal("no values to summarise (Parameter 'values')", Assert.Throws<ArgumentException>(() => Summary.Of([])).Message);

    [Fact]
    public void Window_growth_compares_the_medians_of_the_first_and_last_tenth()
    {
        // 20 readings → windows of 2: median(10, 14) = 12, median(15, 19) = 17.
        double[] rising = [10, 14, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 15, 19];
        Assert.Equal(5.0, Stats.WindowGrowth(rising), 12);
        // 30 readings → windows of 3: one reading at the top of the swing at the end does not count.
        double[] flatWithSpike = [100, 102, 101, .. Enumerable.Repeat(101.0, 24), 101, 100, 130];
        Assert.Equal(0.0, Stats.WindowGrowth(flatWithSpike), 12);
        // Fewer than ten readings: the first against the last.
        Assert.Equal(3.0, Stats.WindowGrowth([1.0, 9, 4]), 12);
        Assert.Equal("no readings (Parameter 'readings')", Assert.Throws<ArgumentException>(() => Stats.WindowGrowth([])).Message);
    }

    [Fact]
    public void Slope_is_the_least_squares_fit()
    {
        Assert.Equal(2.0, Stats.Slope([0.0, 1, 2, 3], [1.0, 3, 5, 7]), 12);
        Assert.Equal(0.6, Stats.Slope([0.0, 1, 2, 3], [0.0, 1, 1, 2]), 12);   // Sxy = 3, Sxx = 5
        Assert.Equal(0.0, Stats.Slope([5.0], [1.0]));
    }
}
