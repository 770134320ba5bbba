using GanWorkbench.Theory;

namespace GanWorkbench.Tests.Theory;

public class MinimaxTheoryTests
{
    public static TheoryData<double, double, double, double> GaussianPairs => new()
    {
        { 0, 1, 0, 1 },       // p_g = p_data: C(G) = −log 4
        { 0, 1, 0.5, 1 },
        { 0, 1, 3, 0.5 },
        { -2, 0.3, 2, 2 },
        { 0, 1, 12, 1 },      // nearly disjoint: JSD → log 2
    };

    [Theory]
    [MemberData(nameof(GaussianPairs))]
    public void Virtual_training_criterion_is_minus_log4_plus_twice_the_JSD(double m1, double s1, double m2, double s2)
    {
        var data = Density1D.Gaussian(m1, s1);
        var g = Density1D.Gaussian(m2, s2);
        double c = MinimaxTheory.VirtualTrainingCriterion(data, g);
        double jsd = MinimaxTheory.Jsd(data, g);
        Assert.Equal(-Math.Log(4) + 2 * jsd, c, 1e-6);
        // V(G, D*) through the generic value function (D* as a logit, as discriminators output) agrees too.
        Assert.Equal(c, MinimaxTheory.ValueOfLogit(data, g, MinimaxTheory.OptimalDiscriminatorLogit(data, g)), 1e-9);
        Assert.InRange(jsd, 0, Math.Log(2) + 1e-12);
    }

    [Fact]
    public void At_the_optimum_D_is_one_half_and_C_is_minus_log4()
    {
        var p = Density1D.Mixture([Density1D.Gaussian(-1, 0.5), Density1D.Gaussian(2, 1)], [0.3, 0.7]);
        var dStar = MinimaxTheory.OptimalDiscriminator(p, p);
        foreach (double x in new[] { -3.0, -1, 0, 0.5, 2, 5 }) Assert.Equal(0.5, dStar(x));
        Assert.Equal(-Math.Log(4), MinimaxTheory.VirtualTrainingCriterion(p, p), 1e-9);
        Assert.Equal(0, MinimaxTheory.Jsd(p, p), 1e-12);
    }

    [Fact]
    public void The_constant_discriminator_one_half_scores_minus_log4_and_no_D_beats_D_star()
    {
        var data = Density1D.Gaussian(0, 1);
        var g = Density1D.Gaussian(1.5, 0.7);
        Assert.Equal(-Math.Log(4), MinimaxTheory.Value(data, g, _ => 0.5), 1e-9);
        double best = MinimaxTheory.VirtualTrainingCriterion(data, g);
        var dStar = MinimaxTheory.OptimalDiscriminator(data, g);
        foreach (double shift in new[] { -0.2, -0.05, 0.05, 0.2 })
            Assert.True(MinimaxTheory.Value(data, g, x => Math.Clamp(dStar(x) + shift, 1e-9, 1 - 1e-9)) < best);
    }

    [Theory]
    [InlineData(0, 1, 0, 1)]
    [InlineData(0, 1, 1, 1)]
    [InlineData(0, 1, 0, 2)]
    [InlineData(1, 0.5, -1, 3)]
    public void KL_of_two_Gaussians_matches_the_closed_form(double m1, double s1, double m2, double s2)
    {
        double expected = MinimaxTheory.GaussianKl(m1, s1, m2, s2);
        Assert.Equal(expected, MinimaxTheory.Kl(Density1D.Gaussian(m1, s1), Density1D.Gaussian(m2, s2)), 1e-9);
    }

    [Fact]
    public void Closed_form_KL_hand_values()
    {
        Assert.Equal(0.5, MinimaxTheory.GaussianKl(0, 1, 1, 1), 1e-15);                          // (μ₁−μ₂)²/2
        Assert.Equal(Math.Log(2) + 1.0 / 8 - 0.5, MinimaxTheory.GaussianKl(0, 1, 0, 2), 1e-15);
    }

    [Fact]
    public void Disjoint_supports_have_JSD_log2_and_infinite_KL()
    {
        var a = Density1D.Uniform(0, 1);
        var b = Density1D.Uniform(2, 3);
        Assert.Equal(Math.Log(2), MinimaxTheory.Jsd(a, b), 1e-12);
        Assert.Equal(0, MinimaxTheory.VirtualTrainingCriterion(a, b), 1e-12);   // −log 4 + 2 log 2
        Assert.Equal(double.PositiveInfinity, MinimaxTheory.Kl(a, b));
    }

    [Fact]
    public void Densities_integrate_to_one()
    {
        foreach (var p in new[] { Density1D.Gaussian(3, 0.01), Density1D.Uniform(-1, 4),
                                  Density1D.Mixture([Density1D.Gaussian(-5, 0.1), Density1D.Uniform(0, 2)], [1, 3]) })
            Assert.Equal(1, MinimaxTheory.Integrate(p.Pdf, p), 1e-10);
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Generator_gradients_at_a_given_D_of_G_z(double d)
    {
        var point = GeneratorGradient.At(d);
        Assert.Equal(Math.Log(d / (1 - d)), point.Logit, 1e-12);
        Assert.Equal(-d, point.MinimaxPerLogit, 1e-15);
        Assert.Equal(-(1 - d), point.NonSaturatingPerLogit, 1e-15);
        Assert.Equal(-1 / (1 - d), point.MinimaxPerD, 1e-12);
        Assert.Equal(-1 / d, point.NonSaturatingPerD, 1e-9);
    }

    [Fact]
    public void Minimax_gradient_vanishes_and_non_saturating_does_not_as_D_of_G_z_goes_to_zero()
    {
        var sweep = GeneratorGradient.Sweep(-8, -0.01, 50);
        Assert.Equal(50, sweep.Count);
        var first = sweep[0];
        Assert.Equal(1e-8, first.DOfGz, 1e-20);
        Assert.Equal(-1e-8, first.MinimaxPerLogit, 1e-20);
        Assert.Equal(-1, first.NonSaturatingPerLogit, 1e-7);
        // Along the sweep (D growing) the minimax gradient's size grows, the non-saturating one's shrinks.
        Assert.True(sweep.Zip(sweep.Skip(1)).All(p => Math.Abs(p.First.MinimaxPerLogit) < Math.Abs(p.Second.MinimaxPerLogit)));
        Assert.True(sweep.Zip(sweep.Skip(1)).All(p => Math.Abs(p.First.NonSaturatingPerLogit) > Math.Abs(p.Second.NonSaturatingPerLogit)));
    }
}
