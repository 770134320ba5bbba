namespace GanWorkbench.Theory;

/// <summary>
/// Arjovsky, Chintala &amp; Bottou 2017 ("Wasserstein GAN"), Example 1: the data P₀ are the points (0, Z) and the
/// generator's P_θ the points (θ, Z), Z ~ U[0, 1] — two parallel vertical segments a distance |θ| apart. The
/// supports are disjoint for every θ ≠ 0, and the four distances in closed form are
/// <list type="bullet">
/// <item>W₁(P₀, P_θ) = |θ| (move every point horizontally by θ; nothing cheaper exists, since any coupling moves
/// mass by at least the horizontal gap);</item>
/// <item>JSD(P₀ ‖ P_θ) = log 2 for θ ≠ 0, 0 at θ = 0 (the mixture is half of each, on disjoint sets);</item>
/// <item>KL(P_θ ‖ P₀) = KL(P₀ ‖ P_θ) = +∞ for θ ≠ 0, 0 at θ = 0;</item>
/// <item>total variation δ(P₀, P_θ) = 1 for θ ≠ 0, 0 at θ = 0.</item>
/// </list>
/// Only W₁ is continuous in θ, and only its derivative (sign θ) points the generator towards the data: the JSD's
/// derivative is 0 wherever it exists. That is the paper's argument for training on the earth-mover distance.
/// Natural logarithms. Notebook: 03b-wasserstein.
/// </summary>
public static class ParallelLines
{
    /// <summary>W₁(P₀, P_θ) = |θ|.</summary>
    public static double W1(double theta) => Math.Abs(theta);

    /// <summary>dW₁/dθ = sign θ for θ ≠ 0; NaN at θ = 0, where |θ| has no derivative.</summary>
    public static double W1Gradient(double theta) => theta == 0 ? double.NaN : Math.Sign(theta);

    /// <summary>JSD(P₀ ‖ P_θ): log 2 for θ ≠ 0, 0 at θ = 0.</summary>
    public static double Jsd(double theta) => theta == 0 ? 0 : Math.Log(2);

    /// <summary>dJSD/dθ = 0 for θ ≠ 0 (the JSD is constant there); NaN at θ = 0, where it jumps.</summary>
    public static double JsdGradient(double theta) => theta == 0 ? double.NaN : 0;

    /// <summary>KL(P_θ ‖ P₀) (equal to KL(P₀ ‖ P_θ) here): +∞ for θ ≠ 0, 0 at θ = 0.</summary>
    public static double Kl(double theta) => theta == 0 ? 0 : double.PositiveInfinity;

    /// <summary>Total variation sup_A |P₀(A) − P_θ(A)|: 1 for θ ≠ 0, 0 at θ = 0.</summary>
    public static double TotalVariation(double theta) => theta == 0 ? 0 : 1;
}
