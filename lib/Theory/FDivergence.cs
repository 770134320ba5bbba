namespace GanWorkbench.Theory;

/// <summary>
/// An f-divergence <c>D_f(P ‖ Q) = ∫ q(x) f(p(x)/q(x)) dx</c> for a convex f with f(1) = 0 (Csiszár 1967; the
/// family f-GAN trains on, Nowozin, Cseke &amp; Tomioka 2016, Table 1). Each divergence is given by its pointwise
/// integrand <c>(p, q) ↦ q f(p/q)</c> written so that the limits where p or q vanish come out right
/// (<c>0·f(0/0) = 0</c>, <c>q f(p/q) → p·lim_{u→∞} f(u)/u</c> as q → 0), from the two log-densities. Natural logarithms.
/// Notebook: 02-minimax-game (the table), 03b-wasserstein (Pearson χ² and LSGAN).
/// </summary>
/// <param name="Name">The divergence's name.</param>
/// <param name="Generator">f(u) written out, for tables.</param>
/// <param name="Integrand">(log p, log q) ↦ q·f(p/q), the limits included. Log-densities, so that far tails, where a
/// density underflows to 0 while the ratio stays finite, neither divide by zero nor lose the ratio.</param>
public sealed record FDivergence(string Name, string Generator, Func<double, double, double> Integrand)
{
    /// <summary>Kullback–Leibler, f(u) = u log u: <c>∫ p log(p/q)</c>; +∞ where p has mass and q none.</summary>
    public static FDivergence Kl { get; } = new("KL(P ‖ Q)", "u log u", (lp, lq) => RelativeEntropy(lp, lq));

    /// <summary>Reverse Kullback–Leibler, f(u) = −log u: <c>∫ q log(q/p)</c> = KL(Q ‖ P).</summary>
    public static FDivergence ReverseKl { get; } = new("KL(Q ‖ P)", "−log u", (lp, lq) => RelativeEntropy(lq, lp));

    /// <summary>Jensen–Shannon, f(u) = ½[u log(2u/(1+u)) + log(2/(1+u))]: ½KL(P ‖ M) + ½KL(Q ‖ M), M = (P+Q)/2; at most log 2.</summary>
    public static FDivergence JensenShannon { get; } = new("JSD(P ‖ Q)", "½[u log(2u/(1+u)) + log(2/(1+u))]", (lp, lq) =>
    {
        double lm = LogSumExp(lp, lq) - Math.Log(2);                          // log of the mixture density
        return 0.5 * RelativeEntropy(lp, lm) + 0.5 * RelativeEntropy(lq, lm);
    });

    /// <summary>Pearson χ², f(u) = (u − 1)²: <c>∫ (p − q)²/q</c>; +∞ where p has mass and q none.</summary>
    public static FDivergence PearsonChiSquare { get; } = new("Pearson χ²(P ‖ Q)", "(u − 1)²", (lp, lq) =>
        double.IsNegativeInfinity(lq) ? (double.IsNegativeInfinity(lp) ? 0 : double.PositiveInfinity)
        : Math.Exp(2 * lp - lq) - 2 * Math.Exp(lp) + Math.Exp(lq));         // p²/q − 2p + q

    /// <summary>Squared Hellinger, f(u) = (√u − 1)²: <c>∫ (√p − √q)²</c>, at most 2.</summary>
    public static FDivergence SquaredHellinger { get; } = new("squared Hellinger", "(√u − 1)²", (lp, lq) =>
        Math.Max(0, Math.Exp(lp) + Math.Exp(lq) - 2 * Math.Exp(0.5 * (lp + lq))));

    /// <summary>Total variation, f(u) = ½|u − 1|: <c>½∫ |p − q|</c>, at most 1.</summary>
    public static FDivergence TotalVariation { get; } = new("total variation", "½|u − 1|", (lp, lq) => 0.5 * Math.Abs(Math.Exp(lp) - Math.Exp(lq)));

    /// <summary>The six divergences above, in that order.</summary>
    public static IReadOnlyList<FDivergence> Common { get; } = [Kl, ReverseKl, JensenShannon, PearsonChiSquare, SquaredHellinger, TotalVariation];

    /// <summary>D_f(P ‖ Q) for densities on the real line, by adaptive integration over both supports.</summary>
    public double Between(Density1D p, Density1D q) =>
        MinimaxTheory.Integrate(x => Integrand(p.LogPdf(x), q.LogPdf(x)), p, q);

    // a·log(a/b) from log a and log b: 0 where a = 0, +∞ where b = 0 < a.
    static double RelativeEntropy(double logA, double logB) =>
        double.IsNegativeInfinity(logA) ? 0 : double.IsNegativeInfinity(logB) ? double.PositiveInfinity : Math.Exp(logA) * (logA - logB);

    static double LogSumExp(double a, double b)
    {
        double max = Math.Max(a, b);
        return double.IsNegativeInfinity(max) ? max : max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
