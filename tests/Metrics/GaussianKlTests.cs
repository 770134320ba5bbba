using GanWorkbench.Metrics;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Metrics;

/// <summary>The Gaussian KL of the ELBO: closed form by hand, and the Monte-Carlo definition agreeing with it.</summary>
public class GaussianKlTests
{
    // KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1) − log σ per dimension.
    [Theory]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(1.0, 1.0, 0.5)]
    [InlineData(0.0, 2.0, 1.5 - 0.69314718055994531)]
    [InlineData(-2.0, 0.5, 2.0 + 0.5 * (0.25 - 1) + 0.69314718055994531)]
    public void Closed_form_per_dimension(double mu, double sigma, double expected)
    {
        using var mean = tensor(new[] { mu }, dtype: ScalarType.Float64).unsqueeze(0);
        using var logVar = tensor(new[] { 2 * Math.Log(sigma) }, dtype: ScalarType.Float64).unsqueeze(0);
        using var kl = GaussianKl.Analytic(mean, logVar);
        Assert.Equal(expected, kl.item<double>(), 1e-12);
    }

    [Fact]
    public void Dimensions_add_up()
    {
        using var mean = tensor(new[] { 1.0, -2.0, 0.0, 0.0 }, [2, 2], dtype: ScalarType.Float64);
        using var logVar = tensor(new[] { 0.0, 2 * Math.Log(0.5), 0.0, 2 * Math.Log(2) }, [2, 2], dtype: ScalarType.Float64);
        using var kl = GaussianKl.Analytic(mean, logVar);
        Assert.Equal(0.5 + (2.0 + 0.5 * (0.25 - 1) + Math.Log(2)), kl[0].item<double>(), 1e-12);
        Assert.Equal(1.5 - Math.Log(2), kl[1].item<double>(), 1e-12);
    }

    [Fact]
    public void Monte_Carlo_agrees_with_the_closed_form_within_four_standard_errors()
    {
        var check = GaussianKl.Check([0.5, -1.0, 2.0], [0.3, 1.5, 0.8], samples: 20_000, seed: 4);
        double expected = new[] { (0.5, 0.3), (-1.0, 1.5), (2.0, 0.8) }.Sum(p => 0.5 * (p.Item1 * p.Item1 + p.Item2 * p.Item2 - 1) - Math.Log(p.Item2));
        Assert.Equal(expected, check.Analytic, 1e-12);
        Assert.InRange(Math.Abs(check.ZScore), 0, 4);
        Assert.InRange(check.StandardError, 1e-3, 0.05);
        Assert.Equal(20_000, check.Samples);
    }

    [Fact]
    public void At_the_prior_every_draw_has_log_ratio_zero()
    {
        var check = GaussianKl.Check([0.0, 0.0], [1.0, 1.0], samples: 100);
        Assert.Equal(0.0, check.Analytic, 1e-15);
        Assert.Equal(0.0, check.MonteCarlo, 1e-12);
        Assert.Equal(0.0, check.StandardError, 1e-12);
    }
}
