namespace GanWorkbench.Theory;

/// <summary>
/// What the non-saturating generator loss minimises against an optimal discriminator (Arjovsky &amp; Bottou 2017,
/// "Towards principled methods for training GANs", Theorem 2.5): with D* = p_data/(p_data + p_g) held fixed at
/// the current generator θ₀,
/// <c>∇_θ E_{p_θ}[−log D*(x)] at θ₀ = ∇_θ [KL(p_θ ‖ p_data) − 2·JSD(p_θ ‖ p_data)] at θ₀</c>.
/// The reverse KL punishes p_g for putting mass where the data have little (mode seeking) and barely for missing
/// data; the JSD enters with a negative sign. The values obey the identity
/// <c>E_{p_g}[−log D*] = KL(p_g ‖ p_data) − 2·JSD(p_g ‖ p_data) + 2 log 2 + E_{p_data}[log D*]</c>,
/// which <see cref="GeneratorObjective"/> and <see cref="KlMinusTwoJsd"/> let a test check by separate integrals.
/// Notebook: 02-minimax-game.
/// </summary>
public static class NonSaturatingTheory
{
    /// <summary>log D*(x) = log p_data − log(p_data + p_g) = −softplus(log p_g − log p_data), from the log-densities, so it
    /// stays finite in the tails where D* itself rounds to 0.</summary>
    public static Func<double, double> LogOptimalDiscriminator(Density1D data, Density1D generator) =>
        x => -Softplus(generator.LogPdf(x) - data.LogPdf(x));

    /// <summary>E_{p_g}[−log D(x)], the non-saturating generator loss against a fixed discriminator given by its log, log D(x).</summary>
    public static double GeneratorObjective(Density1D generator, Func<double, double> logDiscriminator) =>
        MinimaxTheory.Integrate(x => { double q = generator.Pdf(x); return q > 0 ? -q * logDiscriminator(x) : 0; }, generator);

    /// <summary>E_{p_data}[log D(x)] (the part of V that the generator cannot move when D is fixed), D given by its log.</summary>
    public static double RealTerm(Density1D data, Func<double, double> logDiscriminator) =>
        MinimaxTheory.Integrate(x => { double p = data.Pdf(x); return p > 0 ? p * logDiscriminator(x) : 0; }, data);

    /// <summary>KL(p_g ‖ p_data) − 2·JSD(p_g ‖ p_data): the divergence whose gradient the NS loss follows at D*.</summary>
    public static double KlMinusTwoJsd(Density1D generator, Density1D data) =>
        MinimaxTheory.Kl(generator, data) - 2 * MinimaxTheory.Jsd(generator, data);

    /// <summary>d/dθ E_{p_θ}[−log D*_{θ₀}] at θ₀ by a central difference of exact integrals, D* held at the generator
    /// <paramref name="family"/>(θ₀): the gradient the non-saturating loss gives the generator.</summary>
    public static double FixedDiscriminatorGradient(Density1D data, Func<double, Density1D> family, double theta0, double h = 1e-4)
    {
        var dStar = LogOptimalDiscriminator(data, family(theta0));
        return (GeneratorObjective(family(theta0 + h), dStar) - GeneratorObjective(family(theta0 - h), dStar)) / (2 * h);
    }

    /// <summary>d/dθ [KL(p_θ ‖ p_data) − 2·JSD(p_θ ‖ p_data)] at θ₀ by a central difference of exact integrals.</summary>
    public static double DivergenceGradient(Density1D data, Func<double, Density1D> family, double theta0, double h = 1e-4) =>
        (KlMinusTwoJsd(family(theta0 + h), data) - KlMinusTwoJsd(family(theta0 - h), data)) / (2 * h);

    // log(1 + e^t) without overflow.
    static double Softplus(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));
}
