namespace GanWorkbench.Theory;

/// <summary>
/// The exact quantities of Goodfellow et al. 2014, §4, for densities on the real line, computed by
/// adaptive Gauss–Kronrod integration (MathNet.Numerics), independently of any network:
/// <list type="bullet">
/// <item>the value function <c>V(G, D) = ∫ p_data(x) log D(x) dx + ∫ p_g(x) log(1 − D(x)) dx</c> (Eq. 1,
/// with the expectation over z written as one over x = G(z));</item>
/// <item>the optimal discriminator for a fixed G, <c>D*(x) = p_data(x) / (p_data(x) + p_g(x))</c> (Prop. 1);</item>
/// <item>the virtual training criterion <c>C(G) = max_D V(G, D) = V(G, D*) = −log 4 + 2·JSD(p_data ‖ p_g)</c>
/// (Theorem 1), whose global minimum −log 4 is reached exactly when p_g = p_data;</item>
/// <item>Kullback–Leibler and Jensen–Shannon divergences.</item>
/// </list>
/// All logarithms are natural. Terms <c>p·log(…)</c> with p = 0 count as 0 (the limit).
/// Notebook: 02-minimax-game.
/// </summary>
public static class MinimaxTheory
{
    /// <summary>Relative error asked of each piece of the adaptive integration.</summary>
    public const double IntegrationTolerance = 1e-12;

    /// <summary>D*(x) from the two density values; ½ where both vanish (any D is optimal there).</summary>
    public static double OptimalDiscriminator(double pData, double pG) =>
        pData + pG > 0 ? pData / (pData + pG) : 0.5;

    /// <summary>The optimal discriminator D*(x) = p_data(x) / (p_data(x) + p_g(x)) as a function.</summary>
    public static Func<double, double> OptimalDiscriminator(Density1D data, Density1D generator) =>
        x => OptimalDiscriminator(data.Pdf(x), generator.Pdf(x));

    /// <summary>
    /// The discriminator that minimises the cross-entropy loss with smoothed targets — real samples
    /// labelled <paramref name="realTarget"/> (α), generated ones <paramref name="fakeTarget"/> (β) — for
    /// a fixed G: <c>D*(x) = (α p_data(x) + β p_g(x)) / (p_data(x) + p_g(x))</c> (Salimans et al. 2016, §3.4).
    /// With α = 0.9, β = 0 (one-sided smoothing) this is 0.9·D*: D is kept from becoming over-confident
    /// while its zero crossing stays where p_data vanishes. A β &gt; 0 would leave D* = β where only the
    /// generator has mass, so G would have no reason to leave regions without data; that is why only
    /// the real side is smoothed.
    /// </summary>
    public static double SmoothedOptimalDiscriminator(double pData, double pG, double realTarget, double fakeTarget = 0) =>
        pData + pG > 0 ? (realTarget * pData + fakeTarget * pG) / (pData + pG) : 0.5 * (realTarget + fakeTarget);

    /// <summary>The smoothed optimal discriminator as a function of x (see the overload on density values).</summary>
    public static Func<double, double> SmoothedOptimalDiscriminator(Density1D data, Density1D generator, double realTarget, double fakeTarget = 0) =>
        x => SmoothedOptimalDiscriminator(data.Pdf(x), generator.Pdf(x), realTarget, fakeTarget);

    /// <summary>The logit of D*: log p_data(x) − log p_g(x) (±∞ where one density vanishes).</summary>
    public static Func<double, double> OptimalDiscriminatorLogit(Density1D data, Density1D generator) =>
        x => data.LogPdf(x) - generator.LogPdf(x);

    /// <summary>V(G, D) = E_{p_data}[log D(x)] + E_{p_g}[log(1 − D(x))] for a discriminator with
    /// values in [0, 1] (−∞ when D assigns 0 to real data or 1 to generated data somewhere it matters).
    /// Where D rounds to exactly 1, log(1 − D) is −∞: prefer <see cref="ValueOfLogit"/> for sharp discriminators.</summary>
    public static double Value(Density1D data, Density1D generator, Func<double, double> discriminator) =>
        Integrate(x =>
        {
            double p = data.Pdf(x), q = generator.Pdf(x), d = discriminator(x);
            return XLogY(p, d) + XLogY(q, 1 - d);
        }, data, generator);

    /// <summary>V(G, D) for D = σ(a(x)) given by its logit a, as the workbench's discriminators output:
    /// log D = −softplus(−a), log(1 − D) = −softplus(a), both exact for any a.</summary>
    public static double ValueOfLogit(Density1D data, Density1D generator, Func<double, double> logit) =>
        Integrate(x =>
        {
            double p = data.Pdf(x), q = generator.Pdf(x), a = logit(x);
            return (p > 0 ? -p * Softplus(-a) : 0) + (q > 0 ? -q * Softplus(a) : 0);
        }, data, generator);

    /// <summary>C(G) = max_D V(G, D) = V(G, D*), integrated directly (not through the JSD identity).</summary>
    public static double VirtualTrainingCriterion(Density1D data, Density1D generator) =>
        Integrate(x =>
        {
            double p = data.Pdf(x), q = generator.Pdf(x);
            return XLogY(p, p / (p + q)) + XLogY(q, q / (p + q));
        }, data, generator);

    /// <summary>KL(p ‖ q) = ∫ p (log p − log q); +∞ when p has mass where q has none.</summary>
    public static double Kl(Density1D p, Density1D q) =>
        Integrate(x =>
        {
            double logA = p.LogPdf(x), a = Math.Exp(logA);
            return a > 0 ? a * (logA - q.LogPdf(x)) : 0;
        }, p, q);

    /// <summary>JSD(p ‖ q) = ½ KL(p ‖ m) + ½ KL(q ‖ m) with m = (p + q)/2; between 0 and log 2.</summary>
    public static double Jsd(Density1D p, Density1D q) =>
        Integrate(x =>
        {
            double a = p.Pdf(x), b = q.Pdf(x);
            return 0.5 * XLogY(a, 2 * a / (a + b)) + 0.5 * XLogY(b, 2 * b / (a + b));   // not a / m: m = (a + b)/2 can underflow
        }, p, q);

    /// <summary>KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) in closed form: log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½.</summary>
    public static double GaussianKl(double mean1, double sd1, double mean2, double sd2) =>
        Math.Log(sd2 / sd1) + (sd1 * sd1 + (mean1 - mean2) * (mean1 - mean2)) / (2 * sd2 * sd2) - 0.5;

    /// <summary>∫ f over the union of the densities' supports, split at their breakpoints.</summary>
    public static double Integrate(Func<double, double> f, params Density1D[] densities)
    {
        double lower = densities.Min(d => d.Lower), upper = densities.Max(d => d.Upper);
        var cuts = densities.SelectMany(d => d.Breakpoints.Concat([d.Lower, d.Upper]))
            .Where(c => c > lower && c < upper).Append(lower).Append(upper).Distinct().Order().ToList();
        double total = 0;
        for (int i = 0; i + 1 < cuts.Count; i++)
            total += MathNet.Numerics.Integrate.GaussKronrod(f, cuts[i], cuts[i + 1], IntegrationTolerance, 15, 31);
        return total;
    }

    // log(1 + e^t) without overflow.
    static double Softplus(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));

    // x·log y with the convention 0·log 0 = 0 (and 0·log of anything = 0).
    static double XLogY(double x, double y) => x > 0 ? x * Math.Log(y) : 0;
}
