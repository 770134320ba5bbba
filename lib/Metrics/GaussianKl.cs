using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>An analytic KL next to a Monte-Carlo estimate of it.</summary>
/// <param name="Analytic">The closed form, in nats.</param>
/// <param name="MonteCarlo">The sample mean of log q(z) − log p(z) over z ~ q, in nats.</param>
/// <param name="StandardError">Sample standard deviation / √samples of that mean.</param>
/// <param name="Samples">Draws used.</param>
public sealed record KlCheck(double Analytic, double MonteCarlo, double StandardError, int Samples)
{
    /// <summary>(Monte Carlo − analytic) in standard errors.</summary>
    public double ZScore => (MonteCarlo - Analytic) / StandardError;
}

/// <summary>
/// KL(q ‖ p) of a diagonal Gaussian q = N(μ, diag σ²) from the standard normal prior p = N(0, I) — the
/// regulariser of the VAE's ELBO. Closed form (Kingma &amp; Welling 2013, Appendix B):
/// <c>KL = −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²)</c>. The Monte-Carlo form is the definition itself,
/// <c>KL = E_q[log q(z) − log p(z)]</c>, estimated from reparameterised draws z = μ + σ·ε; the two must
/// agree within the estimate's standard error, which is how a notebook checks the formula (and how a
/// "KL" that is not a KL — such as the source material's, which applies the formula to the code z
/// itself and adds a softplus term — is caught). Notebook: 09-vae-elbo.
/// </summary>
public static class GaussianKl
{
    /// <summary>The closed form per row: mean and log-variance (B, Z) → KL (B).</summary>
    public static Tensor Analytic(Tensor mean, Tensor logVariance)
    {
        using var scope = NewDisposeScope();
        return (logVariance.add(1) - mean.square() - logVariance.exp()).sum(1).mul(-0.5).MoveToOuterDisposeScope();
    }

    /// <summary>log q(z) − log p(z) per draw, for draws z = μ + σ·ε with ε (S, B, Z): (S, B).</summary>
    public static Tensor LogRatio(Tensor mean, Tensor logVariance, Tensor eps)
    {
        using var scope = NewDisposeScope();
        var z = mean.unsqueeze(0) + logVariance.mul(0.5).exp().unsqueeze(0) * eps;             // (S, B, Z)
        // log N(z; μ, σ²) − log N(z; 0, 1): the ½ log 2π terms cancel.
        var logQ = (eps.square() + logVariance.unsqueeze(0)).mul(-0.5);                        // (S, B, Z)
        var logP = z.square().mul(-0.5);
        return (logQ - logP).sum(2).MoveToOuterDisposeScope();
    }

    /// <summary>Analytic KL against a Monte-Carlo estimate with <paramref name="samples"/> draws, for one
    /// Gaussian given by its means and standard deviations (float64, on the CPU, a private generator).</summary>
    public static KlCheck Check(IReadOnlyList<double> means, IReadOnlyList<double> stdDevs, int samples, long seed = 0)
    {
        if (means.Count != stdDevs.Count || means.Count == 0)
            throw new ArgumentException($"means ({means.Count}) and standard deviations ({stdDevs.Count}) must be non-empty and of one length");
        if (stdDevs.Any(s => !(s > 0))) throw new ArgumentOutOfRangeException(nameof(stdDevs), "standard deviations must be positive");
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "at least two samples (for a standard error)");
        using var scope = NewDisposeScope();
        using var gen = new Generator(unchecked((ulong)(seed * 7_919 + 5)));
        var mean = tensor(means.ToArray(), dtype: ScalarType.Float64).unsqueeze(0);               // (1, Z)
        var logVar = tensor(stdDevs.Select(s => 2 * Math.Log(s)).ToArray(), dtype: ScalarType.Float64).unsqueeze(0);
        double analytic = Analytic(mean, logVar).item<double>();
        var eps = randn(samples, 1, means.Count, dtype: ScalarType.Float64, generator: gen);       // (S, 1, Z)
        var ratios = LogRatio(mean, logVar, eps).squeeze(1);                                       // (S)
        double estimate = ratios.mean().item<double>();
        double se = ratios.std().item<double>() / Math.Sqrt(samples);
        return new KlCheck(analytic, estimate, se, samples);
    }
}
