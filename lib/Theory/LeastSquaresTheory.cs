namespace GanWorkbench.Theory;

/// <summary>
/// The least-squares GAN's exact analysis (Mao et al. 2017, "Least Squares Generative Adversarial Networks", §3.2).
/// With targets a for fake, b for real in D's loss <c>½E_data[(D − b)²] + ½E_g[(D − a)²]</c> and c for G's
/// <c>½E_data[(D − c)²] + ½E_g[(D − c)²]</c> (the first term does not depend on G, so adding it changes nothing), the
/// optimal discriminator is <c>D*(x) = (b·p_data + a·p_g)/(p_data + p_g)</c> (Eq. 8), and the generator's criterion
/// against it is <c>2C(G) = ∫ ((b − c)(p_data + p_g) − (b − a)p_g)² / (p_data + p_g) dx</c>. When b − c = 1 and
/// b − a = 2 (e.g. a = −1, b = 1, c = 0) it becomes <c>∫ (2p_g − (p_data + p_g))² / (p_data + p_g) dx</c>, the Pearson χ²
/// divergence between p_data + p_g and 2p_g (Eq. 9–11; in <see cref="FDivergence.PearsonChiSquare"/>'s convention
/// χ²(P ‖ Q) = ∫ (P − Q)²/Q it is χ²(2p_g ‖ p_data + p_g)), which <see cref="PearsonOfMixture"/> integrates on its own.
/// Notebook: 03b-wasserstein.
/// </summary>
public static class LeastSquaresTheory
{
    /// <summary>D*(x) = (b·p_data(x) + a·p_g(x)) / (p_data(x) + p_g(x)); (a + b)/2 where both vanish.</summary>
    public static Func<double, double> OptimalDiscriminator(Density1D data, Density1D generator, double fakeTarget, double realTarget) => x =>
    {
        double p = data.Pdf(x), q = generator.Pdf(x);
        return p + q > 0 ? (realTarget * p + fakeTarget * q) / (p + q) : 0.5 * (realTarget + fakeTarget);
    };

    /// <summary>C(G) = ½E_data[(D*(x) − c)²] + ½E_g[(D*(x) − c)²], integrated directly from D*.</summary>
    public static double GeneratorCriterion(Density1D data, Density1D generator, double fakeTarget, double realTarget, double generatorTarget)
    {
        var dStar = OptimalDiscriminator(data, generator, fakeTarget, realTarget);
        return MinimaxTheory.Integrate(x =>
        {
            double d = dStar(x) - generatorTarget;
            return 0.5 * (data.Pdf(x) + generator.Pdf(x)) * d * d;
        }, data, generator);
    }

    /// <summary>Mao et al.'s Pearson χ² between p_data + p_g and 2p_g: ∫ (2p_g − (p_data + p_g))² / (p_data + p_g) dx = ∫ (p_g − p_data)² / (p_data + p_g) dx;
    /// 0 exactly when p_g = p_data.</summary>
    public static double PearsonOfMixture(Density1D data, Density1D generator) =>
        MinimaxTheory.Integrate(x =>
        {
            double p = data.Pdf(x), q = generator.Pdf(x);
            return p + q > 0 ? (q - p) * (q - p) / (p + q) : 0;
        }, data, generator);
}
