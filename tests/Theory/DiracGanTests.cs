using System.Numerics;
using GanWorkbench.Theory;

namespace GanWorkbench.Tests.Theory;

public class DiracGanTests
{
    static void AssertEigenvalues(IReadOnlyList<Complex> actual, Complex first, Complex second, double tolerance = 1e-9)
    {
        var expected = new[] { first, second }.OrderBy(c => c.Imaginary).ThenBy(c => c.Real).ToArray();
        Assert.Equal(2, actual.Count);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(expected[i].Real, actual[i].Real, tolerance);
            Assert.Equal(expected[i].Imaginary, actual[i].Imaginary, tolerance);
        }
    }

    [Fact]
    public void Unregularised_GAN_and_NS_GAN_have_eigenvalues_plus_minus_half_i()
    {
        AssertEigenvalues(DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.Gan()), new(0, 0.5), new(0, -0.5));
        AssertEigenvalues(DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.NsGan()), new(0, 0.5), new(0, -0.5));
        AssertEigenvalues(DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.Wgan()), new(0, 1), new(0, -1));
    }

    // −γ/2 ± √(γ²/4 − 1/4): complex below the critical γ = 1, a double root at 1, real above.
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(10.0)]
    public void Gradient_penalty_gamma_gives_minus_gamma_half_plus_minus_root(double gamma)
    {
        var root = Complex.Sqrt(gamma * gamma / 4 - 0.25);
        var expected = (new Complex(-gamma / 2, 0) + root, new Complex(-gamma / 2, 0) - root);
        AssertEigenvalues(DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.R1(gamma)), expected.Item1, expected.Item2,
            gamma == 1.0 ? 1e-7 : 1e-9);   // a double root: the EVD of a defective matrix is accurate to √ε only
        AssertEigenvalues(DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.R1(gamma, nonSaturating: true)), expected.Item1, expected.Item2,
            gamma == 1.0 ? 1e-7 : 1e-9);
    }

    // With noise N(0, σ²) the Jacobian at 0 is [[0, −½], [½, −σ²/2]]: eigenvalues −σ²/4 ± √(σ⁴/16 − 1/4).
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.7)]
    [InlineData(1.5)]
    public void Instance_noise_adds_damping_minus_sigma_squared_over_four(double sigma)
    {
        var root = Complex.Sqrt(Math.Pow(sigma, 4) / 16 - 0.25);
        var centre = new Complex(-sigma * sigma / 4, 0);
        AssertEigenvalues(DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.InstanceNoise(sigma)), centre + root, centre - root);
    }

    [Fact]
    public void Analytic_Jacobians_match_central_differences_away_from_the_equilibrium()
    {
        foreach (var objective in new[] { DiracGanObjective.Gan(), DiracGanObjective.NsGan(), DiracGanObjective.R1(0.3),
                                          DiracGanObjective.InstanceNoise(0.7) })
        {
            var analytic = objective.Jacobian(0.8, -0.6);
            var numeric = new FiniteDifference(objective).Jacobian(0.8, -0.6);
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++)
                    Assert.Equal(numeric[i, j], analytic[i, j], 1e-7);
        }
    }

    sealed class FiniteDifference(DiracGanObjective inner) : DiracGanObjective
    {
        public override string Name => inner.Name;
        public override DiracPoint Field(double theta, double psi) => inner.Field(theta, psi);
    }

    [Fact]
    public void Vector_fields_at_hand_computed_points()
    {
        // GAN at (1, 1): f′(1) = σ(−1).
        double s = 1 / (1 + Math.E);
        Assert.Equal(new DiracPoint(-s, s), DiracGanObjective.Gan().Field(1, 1));
        // NS-GAN at (1, 1): v_θ = −f′(−1) = −σ(1).
        Assert.Equal(-1 / (1 + Math.Exp(-1)), DiracGanObjective.NsGan().Field(1, 1).Theta, 1e-15);
        Assert.Equal(new DiracPoint(-2, 3), DiracGanObjective.Wgan().Field(3, 2));
        // WGAN-GP γ = 1, g₀ = 0.3 at (1, 0.5): v_ψ = 1 − (0.5 − 0.3).
        Assert.Equal(0.8, DiracGanObjective.WganGp(1, 0.3).Field(1, 0.5).Psi, 1e-15);
        Assert.Equal(s - 0.3, DiracGanObjective.R1(0.3).Field(1, 1).Psi, 1e-15);
    }

    [Fact]
    public void Simultaneous_GAN_updates_spiral_out_alternating_ones_circle_and_R1_converges()
    {
        // Mescheder et al. Fig. 1/3 settings: h = 0.2, (θ₀, ψ₀) = (1, 1), 500 steps.
        var simultaneous = DiracGanDynamics.Simultaneous(DiracGanObjective.Gan(), 0.2, 500);
        var alternating = DiracGanDynamics.Alternating(DiracGanObjective.Gan(), 0.2, 500);
        var r1 = DiracGanDynamics.Simultaneous(DiracGanObjective.R1(1.0), 0.2, 500);
        Assert.Equal(501, simultaneous.Count);
        Assert.Equal(Math.Sqrt(2), simultaneous[0].Norm, 1e-15);
        Assert.True(simultaneous[^1].Norm > 2 * simultaneous[0].Norm, $"simultaneous ended at {simultaneous[^1].Norm}");
        Assert.InRange(alternating.Max(p => p.Norm), 1.0, 2.5);      // bounded …
        Assert.True(alternating.Skip(400).Min(p => p.Norm) > 0.5);  // … and not converging
        Assert.True(r1[^1].Norm < 1e-6, $"R1 ended at {r1[^1].Norm}");
    }

    [Fact]
    public void Simultaneous_update_map_at_the_equilibrium_is_expanding_for_GAN()
    {
        var eig = DiracGanDynamics.SimultaneousUpdateEigenvalues(DiracGanObjective.Gan(), 0.2);
        foreach (var e in eig) Assert.Equal(Math.Sqrt(1 + 0.01), e.Magnitude, 1e-12);   // |1 ± 0.1i|
    }

    [Fact]
    public void WGAN_clipping_keeps_psi_in_range_and_the_flow_conserves_the_GAN_radius_near_zero()
    {
        var path = DiracGanDynamics.Alternating(DiracGanObjective.Wgan(0.5), 0.2, 200);
        Assert.All(path.Skip(1), p => Assert.InRange(p.Psi, -0.5, 0.5));
        // Continuous WGAN flow without clipping is a rotation: the radius is conserved.
        var flow = DiracGanDynamics.Flow(DiracGanObjective.Wgan(100), 10, 2001);
        Assert.All(flow, p => Assert.Equal(Math.Sqrt(2), p.Norm, 1e-9));
    }

    [Fact]
    public void Gauss_Hermite_integrates_normal_moments_exactly()
    {
        var rule = new GaussHermite(20);
        Assert.Equal(1, rule.Weights.Sum(), 1e-14);
        Assert.Equal(0.49, rule.Expectation(e => e * e, 0.7), 1e-13);
        Assert.Equal(3 * Math.Pow(0.7, 4), rule.Expectation(e => Math.Pow(e, 4), 0.7), 1e-13);
        Assert.Equal(Math.Exp(0.5 * 0.25), rule.Expectation(Math.Exp, 0.5), 1e-13);   // E e^ε = e^(σ²/2)
    }

    [Fact]
    public void Field_grid_covers_the_square()
    {
        var grid = DiracGanDynamics.FieldGrid(DiracGanObjective.Gan(), 2, 5);
        Assert.Equal(25, grid.Count);
        Assert.Equal(-2, grid.Min(a => a.Theta));
        Assert.Equal(2, grid.Max(a => a.Psi));
        Assert.Contains(grid, a => a is { Theta: 0, Psi: 0, VTheta: 0, VPsi: 0 });
    }
}
