using GanWorkbench.Theory;

namespace GanWorkbench.Tests.Theory;

public class PushforwardDensityTests
{
    static double[] Map(Func<double, double> g, int cells) => Enumerable.Range(0, cells + 1).Select(i => g((double)i / cells)).ToArray();

    [Theory]
    [InlineData(-1.0, 2.0)]    // G(z) = −1 + 2z: uniform on [−1, 1], height ½
    [InlineData(3.0, -0.5)]    // decreasing: uniform on [2.5, 3], height 2
    [InlineData(0.0, 10.0)]
    public void An_affine_map_pushes_the_uniform_latent_to_a_uniform_density(double a, double b)
    {
        var p = PushforwardDensity.OfUniform(Map(z => a + b * z, 1000), bins: 50);
        double lo = Math.Min(a, a + b), hi = Math.Max(a, a + b);
        Assert.Equal((lo, hi), (p.Lower, p.Upper), new ToleranceComparer(1e-12));
        foreach (double t in new[] { 0.01, 0.3, 0.5, 0.77, 0.99 })
            Assert.Equal(1 / Math.Abs(b), p.At(lo + t * (hi - lo)), 1e-9);
        Assert.Equal(0, p.At(hi + 0.1));
        Assert.Equal(0, p.At(lo - 0.1));
        Assert.Equal(1, MinimaxTheory.Integrate(p.Pdf, p), 1e-9);
        Assert.Equal(0, MinimaxTheory.Jsd(p, Density1D.Uniform(lo, hi)), 1e-9);
    }

    [Fact]
    public void A_fold_adds_both_branches()
    {
        // G(z) = |2z − 1| maps each half of [0, 1] onto [0, 1]: density ½·2 + ½·2 … = 1 everywhere.
        var p = PushforwardDensity.OfUniform(Map(z => Math.Abs(2 * z - 1), 1000), bins: 20);
        foreach (double x in new[] { 0.02, 0.25, 0.5, 0.9 }) Assert.Equal(1, p.At(x), 1e-9);
    }

    [Theory]
    [InlineData(0.0401)]
    [InlineData(0.2501)]
    [InlineData(0.6401)]
    public void A_smooth_monotone_map_gives_the_bin_average_of_the_change_of_variables_density(double x)
    {
        // G(z) = z²: p_g(x) = 1 / (2√x). A bin [l, r] holds the mass √r − √l of it exactly, so the
        // piecewise-constant density there is (√r − √l) / (r − l); only G's linearisation between the
        // 200,000 grid points is approximate.
        const int bins = 2000;
        var p = PushforwardDensity.OfUniform(Map(z => z * z, 200_000), bins);
        double width = 1.0 / bins, left = Math.Floor(x / width) * width, right = left + width;
        Assert.Equal((Math.Sqrt(right) - Math.Sqrt(left)) / width, p.At(x), 1e-6);
        Assert.Equal(1 / (2 * Math.Sqrt(x)), p.At(x), 0.01);                   // and near the point value
    }

    [Fact]
    public void A_constant_map_has_no_density()
    {
        var e = Assert.Throws<ArgumentException>(() => PushforwardDensity.OfUniform([0.5, 0.5, 0.5]));
        Assert.StartsWith("G is constant (0.5) on the grid: its pushforward is a point mass, which has no density", e.Message);
    }

    [Fact]
    public void Interpolation_is_linear_inside_and_constant_outside()
    {
        var f = PushforwardDensity.Interpolate([new(0, 1), new(1, 3), new(3, -1)]);
        Assert.Equal([1.0, 1, 2, 3, 1, -1, -1], new[] { -5.0, 0, 0.5, 1, 2, 3, 10 }.Select(f));
        Assert.Throws<ArgumentException>(() => PushforwardDensity.Interpolate([new(1, 0), new(1, 2)]));
    }

    [Theory]
    [InlineData(0.3, 0.1, 1.0, 0.0, 0.75)]      // no smoothing: p/(p+q)
    [InlineData(0.3, 0.1, 0.9, 0.0, 0.675)]     // one-sided: 0.9·D*
    [InlineData(0.0, 0.4, 0.9, 0.0, 0.0)]       // only G has mass: 0 with one-sided smoothing …
    [InlineData(0.0, 0.4, 0.9, 0.1, 0.1)]       // … but β with two-sided smoothing
    [InlineData(0.2, 0.2, 0.9, 0.1, 0.5)]
    [InlineData(0.0, 0.0, 0.9, 0.0, 0.45)]      // no mass at all: any D is optimal; the midpoint
    public void Smoothed_optimal_discriminator(double pData, double pG, double alpha, double beta, double expected) =>
        Assert.Equal(expected, MinimaxTheory.SmoothedOptimalDiscriminator(pData, pG, alpha, beta), 1e-12);

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) <= tolerance && Math.Abs(a.Item2 - b.Item2) <= tolerance;
        public int GetHashCode((double, double) obj) => 0;
    }
}
