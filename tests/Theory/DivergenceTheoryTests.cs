using GanWorkbench.Theory;
using MathNet.Numerics.Distributions;

namespace GanWorkbench.Tests.Theory;

public class DivergenceTheoryTests
{
    static readonly Density1D P = Density1D.Gaussian(1.5, 0.5), Q = Density1D.Gaussian(0, 0.8);

    [Fact]
    public void KL_and_reverse_KL_match_the_gaussian_closed_form()
    {
        Assert.Equal(MinimaxTheory.GaussianKl(1.5, 0.5, 0, 0.8), FDivergence.Kl.Between(P, Q), 1e-9);
        Assert.Equal(MinimaxTheory.GaussianKl(0, 0.8, 1.5, 0.5), FDivergence.ReverseKl.Between(P, Q), 1e-9);
    }

    [Fact]
    public void JSD_matches_the_minimax_theory_and_is_log_2_for_disjoint_supports()
    {
        Assert.Equal(MinimaxTheory.Jsd(P, Q), FDivergence.JensenShannon.Between(P, Q), 1e-10);
        Assert.Equal(Math.Log(2), FDivergence.JensenShannon.Between(Density1D.Uniform(0, 1), Density1D.Uniform(2, 3)), 1e-12);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Pearson_TV_and_Hellinger_between_shifted_unit_gaussians(double shift)
    {
        var a = Density1D.Gaussian(0, 1); var b = Density1D.Gaussian(shift, 1);
        Assert.Equal(Math.Exp(shift * shift) - 1, FDivergence.PearsonChiSquare.Between(a, b), 1e-8);
        Assert.Equal(2 * Normal.CDF(0, 1, shift / 2) - 1, FDivergence.TotalVariation.Between(a, b), 1e-9);
        Assert.Equal(2 - 2 * Math.Exp(-shift * shift / 8), FDivergence.SquaredHellinger.Between(a, b), 1e-9);   // 2(1 − Bhattacharyya)
    }

    [Fact]
    public void Disjoint_supports_give_the_bounds_and_infinities()
    {
        var a = Density1D.Uniform(0, 1); var b = Density1D.Uniform(2, 3);
        Assert.Equal(1, FDivergence.TotalVariation.Between(a, b), 1e-12);
        Assert.Equal(2, FDivergence.SquaredHellinger.Between(a, b), 1e-12);
        Assert.Equal(double.PositiveInfinity, FDivergence.Kl.Between(a, b));
        Assert.All(FDivergence.Common, f => Assert.Equal(0, f.Between(P, P), 1e-9));
    }

    [Fact]
    public void NS_objective_at_D_star_is_KL_minus_2_JSD_up_to_terms_G_cannot_move()
    {
        var data = Density1D.Mixture([Density1D.Gaussian(-1, 0.4), Density1D.Gaussian(2, 0.4)], [0.5, 0.5]);
        var g = Density1D.Gaussian(0.3, 0.9);
        var dStar = NonSaturatingTheory.LogOptimalDiscriminator(data, g);
        double lhs = NonSaturatingTheory.GeneratorObjective(g, dStar);
        double rhs = NonSaturatingTheory.KlMinusTwoJsd(g, data) + 2 * Math.Log(2) + NonSaturatingTheory.RealTerm(data, dStar);
        Assert.Equal(rhs, lhs, 1e-9);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(0.8)]
    [InlineData(2.5)]
    public void NS_gradient_at_fixed_D_star_is_the_gradient_of_KL_minus_2_JSD(double mean)
    {
        var data = Density1D.Mixture([Density1D.Gaussian(-1, 0.4), Density1D.Gaussian(2, 0.4)], [0.5, 0.5]);
        Density1D Family(double m) => Density1D.Gaussian(m, 0.7);
        double fixedD = NonSaturatingTheory.FixedDiscriminatorGradient(data, Family, mean);
        double divergence = NonSaturatingTheory.DivergenceGradient(data, Family, mean);
        Assert.Equal(divergence, fixedD, 1e-6);
        Assert.True(Math.Abs(divergence) > 1e-3);                               // a real gradient, not two zeros
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(1.0, 0.5)]
    [InlineData(1.5, 1.2)]
    public void LSGAN_criterion_with_b_minus_c_1_and_b_minus_a_2_is_half_the_pearson_divergence(double mean, double sd)
    {
        var g = Density1D.Gaussian(mean, sd);
        double twoC = 2 * LeastSquaresTheory.GeneratorCriterion(P, g, fakeTarget: -1, realTarget: 1, generatorTarget: 0);
        Assert.Equal(LeastSquaresTheory.PearsonOfMixture(P, g), twoC, 1e-9);
        // the same divergence in FDivergence's convention χ²(P ‖ Q) = ∫ (P − Q)²/Q, with unnormalised 2p_g and p_data + p_g
        double viaF = MinimaxTheory.Integrate(x => FDivergence.PearsonChiSquare.Integrand(Math.Log(2 * g.Pdf(x)), Math.Log(P.Pdf(x) + g.Pdf(x))), P, g);
        Assert.Equal(viaF, twoC, 1e-9);
    }

    [Fact]
    public void LSGAN_optimal_discriminator_and_its_minimum_at_the_data()
    {
        var dStar = LeastSquaresTheory.OptimalDiscriminator(P, P, fakeTarget: 0, realTarget: 1);
        Assert.Equal(0.5, dStar(1.5), 1e-15);
        Assert.Equal(0, LeastSquaresTheory.PearsonOfMixture(P, P), 1e-15);
        // 0–1 coding (a = 0, b = c = 1): 2C(G) = ∫ p_g² / (p_data + p_g), ½ at p_g = p_data
        Assert.Equal(0.25, LeastSquaresTheory.GeneratorCriterion(P, P, 0, 1, 1), 1e-9);
    }
}
