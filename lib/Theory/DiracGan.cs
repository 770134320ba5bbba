using MathNet.Numerics.LinearAlgebra;

namespace GanWorkbench.Theory;

/// <summary>A point (θ, ψ) of the Dirac-GAN's parameter plane, or a vector in it.</summary>
/// <param name="Theta">Generator parameter θ (the generator's sample: p_θ = δ_θ).</param>
/// <param name="Psi">Discriminator parameter ψ (the critic D_ψ(x) = ψx).</param>
public sealed record DiracPoint(double Theta, double Psi);

/// <summary>
/// The Dirac-GAN of Mescheder, Geiger and Nowozin 2018 (<i>Which Training Methods for GANs do
/// actually Converge?</i>, §2.2): data p_D = δ₀, generator p_θ = δ_θ, linear critic D_ψ(x) = ψx, and
/// <c>L(θ, ψ) = f(ψθ) + f(0)</c>, which G minimises and D maximises (f(t) = −log(1 + e^(−t)) for
/// the GAN of Goodfellow et al.; f(t) = t for WGAN). The unique equilibrium is (θ, ψ) = (0, 0).
/// <para>An objective gives the exact gradient vector field
/// <c>v(θ, ψ) = (−∂L_G/∂θ, ∂L_D/∂ψ)</c> (the direction gradient descent moves θ and ascent moves ψ),
/// its Jacobian, and an optional projection applied after each discriminator step (WGAN's weight
/// clipping). <see cref="DiracGanDynamics"/> runs simultaneous or alternating updates on it.</para>
/// Notebook: 03-coordinate-descent.
/// </summary>
public abstract class DiracGanObjective
{
    /// <summary>A short name for charts, e.g. "GAN", "R1 (γ = 0.3)".</summary>
    public abstract string Name { get; }

    /// <summary>The vector field v(θ, ψ).</summary>
    public abstract DiracPoint Field(double theta, double psi);

    /// <summary>∂v/∂(θ, ψ), a 2×2 matrix (rows: v_θ, v_ψ). The default is a central difference;
    /// objectives with a closed form override it.</summary>
    public virtual Matrix<double> Jacobian(double theta, double psi)
    {
        const double h = 1e-6;
        var dTheta = Diff(Field(theta + h, psi), Field(theta - h, psi), 2 * h);
        var dPsi = Diff(Field(theta, psi + h), Field(theta, psi - h), 2 * h);
        return Matrix<double>.Build.DenseOfArray(new[,] { { dTheta.Theta, dPsi.Theta }, { dTheta.Psi, dPsi.Psi } });
    }

    /// <summary>Applied to ψ after every discriminator update (identity unless overridden).</summary>
    public virtual double ProjectPsi(double psi) => psi;

    static DiracPoint Diff(DiracPoint a, DiracPoint b, double width) => new((a.Theta - b.Theta) / width, (a.Psi - b.Psi) / width);

    // f(t) = −log(1 + e^(−t)) = log σ(t): its first two derivatives, f′(t) = σ(−t), f″(t) = −σ(t)σ(−t).
    internal static double Sigmoid(double t) => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t));
    internal static double F1(double t) => Sigmoid(-t);
    internal static double F2(double t) => -Sigmoid(t) * Sigmoid(-t);

    /// <summary>The GAN of Goodfellow et al. (minimax generator loss): v = (−ψ f′(θψ), θ f′(θψ)).</summary>
    public static DiracGanObjective Gan() => new LogisticObjective(nonSaturating: false, gamma: 0);
    /// <summary>The non-saturating GAN: G minimises −f(−ψθ), so v_θ = −ψ f′(−θψ).</summary>
    public static DiracGanObjective NsGan() => new LogisticObjective(nonSaturating: true, gamma: 0);
    /// <summary>GAN with the R1 penalty (γ/2)‖∇ₓD_ψ‖² on real data = (γ/2)ψ² (Mescheder et al. 2018, Eq. 9):
    /// v_ψ gains −γψ. Converges for every γ &gt; 0; the equilibrium's eigenvalues are −γ/2 ± √(γ²/4 − 1/4).</summary>
    public static DiracGanObjective R1(double gamma, bool nonSaturating = false) => new LogisticObjective(nonSaturating, gamma);
    /// <summary>WGAN (Arjovsky et al. 2017): f(t) = t, v = (−ψ, θ), with ψ clipped to [−c, c] after every D step.</summary>
    public static DiracGanObjective Wgan(double clip = 1) => new WganObjective(clip);
    /// <summary>WGAN-GP (Gulrajani et al. 2017): the critic's penalty (γ/2)(|ψ| − g₀)² drives |∇D| = |ψ|
    /// towards g₀, so v_ψ = θ − γ(|ψ| − g₀)·sign ψ. The field jumps by 2γg₀ across ψ = 0.</summary>
    public static DiracGanObjective WganGp(double gamma = 1, double target = 0.3) => new WganGpObjective(gamma, target);
    /// <summary>GAN with instance noise N(0, σ²) added to data and generated samples (Sønderby et al.
    /// 2016), with the expectations over the noise computed by Gauss–Hermite quadrature.</summary>
    public static DiracGanObjective InstanceNoise(double sd) => new InstanceNoiseObjective(sd);
    /// <summary>Consensus optimisation (Mescheder et al. 2017): v − γ ∇(½‖v‖²) = v − γ Jᵀv, on the GAN field.</summary>
    public static DiracGanObjective Consensus(double gamma) => new ConsensusObjective(gamma);

    sealed class LogisticObjective(bool nonSaturating, double gamma) : DiracGanObjective
    {
        readonly double s = nonSaturating ? -1 : 1;   // the generator sees f(s·ψθ)

        public override string Name => (nonSaturating ? "NS-GAN" : "GAN") + (gamma > 0 ? FormattableString.Invariant($" + R1 (γ = {gamma:G3})") : "");

        public override DiracPoint Field(double theta, double psi) =>
            new(-psi * F1(s * theta * psi), theta * F1(theta * psi) - gamma * psi);

        public override Matrix<double> Jacobian(double theta, double psi)
        {
            double g = s * theta * psi, t = theta * psi;
            return Matrix<double>.Build.DenseOfArray(new[,]
            {
                { -s * psi * psi * F2(g), -F1(g) - g * F2(g) },
                { F1(t) + t * F2(t), theta * theta * F2(t) - gamma },
            });
        }
    }

    sealed class WganObjective(double clip) : DiracGanObjective
    {
        public override string Name => FormattableString.Invariant($"WGAN (clip {clip:G3})");
        public override DiracPoint Field(double theta, double psi) => new(-psi, theta);
        public override Matrix<double> Jacobian(double theta, double psi) =>
            Matrix<double>.Build.DenseOfArray(new double[,] { { 0, -1 }, { 1, 0 } });
        public override double ProjectPsi(double psi) => Math.Clamp(psi, -clip, clip);
    }

    sealed class WganGpObjective(double gamma, double target) : DiracGanObjective
    {
        public override string Name => FormattableString.Invariant($"WGAN-GP (γ = {gamma:G3}, g₀ = {target:G3})");
        public override DiracPoint Field(double theta, double psi) => new(-psi, theta - gamma * (Math.Abs(psi) - target) * Math.Sign(psi));
        /// <summary>Exact for ψ ≠ 0 (the one-sided derivative at ψ = 0).</summary>
        public override Matrix<double> Jacobian(double theta, double psi) =>
            Matrix<double>.Build.DenseOfArray(new double[,] { { 0, -1 }, { 1, -gamma } });
    }

    sealed class InstanceNoiseObjective(double sd) : DiracGanObjective
    {
        static readonly GaussHermite Rule = new(64);
        public override string Name => FormattableString.Invariant($"instance noise (σ = {sd:G3})");

        // L(θ, ψ) = E_ε[f(ψ(θ + ε))] + E_ε[f(−ψε)], ε ~ N(0, σ²).
        public override DiracPoint Field(double theta, double psi) => new(
            -psi * Rule.Expectation(e => F1(psi * (theta + e)), sd),
            Rule.Expectation(e => (theta + e) * F1(psi * (theta + e)) - e * F1(-psi * e), sd));

        public override Matrix<double> Jacobian(double theta, double psi)
        {
            double eF2 = Rule.Expectation(e => F2(psi * (theta + e)), sd);
            double eF1 = Rule.Expectation(e => F1(psi * (theta + e)), sd);
            double eXF2 = Rule.Expectation(e => (theta + e) * F2(psi * (theta + e)), sd);
            double eX2F2 = Rule.Expectation(e => (theta + e) * (theta + e) * F2(psi * (theta + e)) + e * e * F2(-psi * e), sd);
            return Matrix<double>.Build.DenseOfArray(new[,]
            {
                { -psi * psi * eF2, -eF1 - psi * eXF2 },
                { eF1 + psi * eXF2, eX2F2 },
            });
        }
    }

    sealed class ConsensusObjective(double gamma) : DiracGanObjective
    {
        readonly DiracGanObjective gan = Gan();
        public override string Name => FormattableString.Invariant($"consensus (γ = {gamma:G3})");
        public override DiracPoint Field(double theta, double psi)
        {
            var v = gan.Field(theta, psi);
            var j = gan.Jacobian(theta, psi);
            return new(v.Theta - gamma * (j[0, 0] * v.Theta + j[1, 0] * v.Psi),
                       v.Psi - gamma * (j[0, 1] * v.Theta + j[1, 1] * v.Psi));
        }
    }
}
