using GanWorkbench.Theory;

namespace GanWorkbench.Tests.Theory;

public class WassersteinTheoryTests
{
    [Theory]
    [InlineData(-2.0)]
    [InlineData(-0.1)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void Parallel_lines_off_the_data(double theta)
    {
        Assert.Equal(Math.Abs(theta), ParallelLines.W1(theta));
        Assert.Equal(Math.Sign(theta), ParallelLines.W1Gradient(theta));
        Assert.Equal(Math.Log(2), ParallelLines.Jsd(theta));
        Assert.Equal(0, ParallelLines.JsdGradient(theta));
        Assert.Equal(double.PositiveInfinity, ParallelLines.Kl(theta));
        Assert.Equal(1, ParallelLines.TotalVariation(theta));
    }

    [Fact]
    public void Parallel_lines_on_the_data()
    {
        Assert.Equal(0, ParallelLines.W1(0));
        Assert.Equal(0, ParallelLines.Jsd(0));
        Assert.Equal(0, ParallelLines.Kl(0));
        Assert.Equal(0, ParallelLines.TotalVariation(0));
        Assert.True(double.IsNaN(ParallelLines.W1Gradient(0)));
        Assert.True(double.IsNaN(ParallelLines.JsdGradient(0)));
    }

    [Theory]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(0.5, 0.2, 0.7)]
    [InlineData(2.0, 0.7, 3.2)]
    public void The_cdf_integrates_the_density(double x, double mean, double sd) =>
        Assert.Equal(MathNet.Numerics.Distributions.Normal.CDF(mean, sd, x), Wasserstein1D.Cdf(Density1D.Gaussian(mean, sd))(x), 1e-10);

    [Theory]
    [InlineData(0.3)]
    [InlineData(-1.5)]
    [InlineData(4.0)]
    public void W1_of_a_shifted_distribution_is_the_shift(double theta)
    {
        Assert.Equal(Math.Abs(theta), Wasserstein1D.Distance(Density1D.Gaussian(0, 1), Density1D.Gaussian(theta, 1)), 1e-7);
        Assert.Equal(Math.Abs(theta), Wasserstein1D.Distance(Density1D.Uniform(0, 1), Density1D.Uniform(theta, theta + 1)), 1e-7);
    }

    [Fact]
    public void W1_between_gaussians_of_one_mean_is_the_sd_gap_times_E_abs_z()
    {
        // The monotone coupling maps x to (σ₂/σ₁)x, so W₁ = |σ₁ − σ₂|·E|Z| = |σ₁ − σ₂|·√(2/π).
        Assert.Equal(1.5 * Math.Sqrt(2 / Math.PI), Wasserstein1D.Distance(Density1D.Gaussian(0, 0.5), Density1D.Gaussian(0, 2)), 1e-7);
    }

    [Fact]
    public void The_optimal_critic_attains_W1_and_lipschitz_critics_stay_below()
    {
        var p = Density1D.Mixture([Density1D.Gaussian(-1, 0.3), Density1D.Gaussian(2, 0.5)], [0.3, 0.7]);
        var q = Density1D.Gaussian(0.5, 1);
        double w1 = Wasserstein1D.Distance(p, q);
        var critic = Wasserstein1D.OptimalCritic(p, q);
        Assert.Equal(1, critic.Lipschitz);
        Assert.All(critic.Slopes, s => Assert.Equal(1, Math.Abs(s)));
        Assert.Equal(w1, Wasserstein1D.DualValue(p, q, critic.Value, critic.Knots), 1e-7);
        foreach (Func<double, double> f in new Func<double, double>[] { x => x, x => -x, Math.Tanh, x => Math.Abs(x - 0.5) })
            Assert.True(Wasserstein1D.DualValue(p, q, f) <= w1 + 1e-9);
        Assert.Equal(2 * w1, Wasserstein1D.DualValue(p, q, x => 2 * critic.Value(x), critic.Knots), 1e-6);   // a 2-Lipschitz critic doubles it
    }

    [Fact]
    public void Crossings_of_two_shifted_gaussians_do_not_exist_and_of_two_widths_one_exists()
    {
        Assert.Empty(Wasserstein1D.Crossings(Density1D.Gaussian(0, 1), Density1D.Gaussian(1, 1)));
        var crossing = Assert.Single(Wasserstein1D.Crossings(Density1D.Gaussian(0, 0.5), Density1D.Gaussian(0, 2)));
        Assert.Equal(0, crossing, 1e-9);
    }

    [Fact]
    public void Piecewise_linear_critic_values()
    {
        var f = new PiecewiseLinearCritic([0, 1, 3], [1, -1]);
        Assert.Equal(0, f.Value(-5));
        Assert.Equal(0.5, f.Value(0.5));
        Assert.Equal(1, f.Value(1));
        Assert.Equal(0, f.Value(2));
        Assert.Equal(-1, f.Value(10));
    }
}
