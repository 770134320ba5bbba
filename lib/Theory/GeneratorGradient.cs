namespace GanWorkbench.Theory;

/// <summary>The generator's gradient at one value of D(G(z)) = σ(a), for both generator losses.</summary>
/// <param name="DOfGz">D(G(z)) ∈ (0, 1).</param>
/// <param name="Logit">a = logit D(G(z)).</param>
/// <param name="MinimaxPerLogit">∂/∂a of log(1 − σ(a)) = −σ(a) = −D(G(z)): vanishes as D(G(z)) → 0.</param>
/// <param name="NonSaturatingPerLogit">∂/∂a of −log σ(a) = −(1 − σ(a)): tends to −1 as D(G(z)) → 0.</param>
/// <param name="MinimaxPerD">∂/∂D of log(1 − D) = −1/(1 − D): tends to −1.</param>
/// <param name="NonSaturatingPerD">∂/∂D of −log D = −1/D: grows without bound.</param>
public sealed record GeneratorGradientPoint(double DOfGz, double Logit, double MinimaxPerLogit, double NonSaturatingPerLogit,
    double MinimaxPerD, double NonSaturatingPerD);

/// <summary>
/// Why the minimax generator loss saturates (Goodfellow et al. 2014, §3): early in training D rejects
/// generated samples confidently, D(G(z)) ≈ 0, and the gradient that reaches the generator through
/// the discriminator's logit a (D = σ(a)) is <c>∂ log(1 − σ(a)) / ∂a = −σ(a) → 0</c>. The
/// non-saturating loss −log D(G(z)) has the same fixed point but gradient <c>−(1 − σ(a)) → −1</c>.
/// Both losses are minimised by G; the sign says which way the logit is pushed. Exact formulas, no
/// autograd. Notebook: 02-minimax-game.
/// </summary>
public static class GeneratorGradient
{
    /// <summary>The gradients at one value of D(G(z)) ∈ (0, 1).</summary>
    public static GeneratorGradientPoint At(double dOfGz)
    {
        if (!(dOfGz > 0 && dOfGz < 1)) throw new ArgumentOutOfRangeException(nameof(dOfGz), dOfGz, "D(G(z)) must be in (0, 1)");
        return new GeneratorGradientPoint(dOfGz, Math.Log(dOfGz / (1 - dOfGz)), -dOfGz, -(1 - dOfGz), -1 / (1 - dOfGz), -1 / dOfGz);
    }

    /// <summary>The gradients at D(G(z)) = 10^e for <paramref name="points"/> exponents e evenly spaced
    /// from <paramref name="fromExponent"/> to <paramref name="toExponent"/> (e.g. −6 … −0.01).</summary>
    public static IReadOnlyList<GeneratorGradientPoint> Sweep(double fromExponent = -6, double toExponent = -0.01, int points = 60)
    {
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "at least two points");
        return Enumerable.Range(0, points)
            .Select(i => At(Math.Pow(10, fromExponent + (toExponent - fromExponent) * i / (points - 1)))).ToList();
    }
}
