using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>Mean log-likelihood of a point set under the Parzen window of one bandwidth.</summary>
/// <param name="Sigma">Bandwidth σ.</param>
/// <param name="MeanLogLikelihood">Mean of log p̂(x) over the points, in nats.</param>
public sealed record ParzenBandwidthScore(double Sigma, double MeanLogLikelihood);

/// <summary>The Parzen-window estimate with its protocol's settings.</summary>
/// <param name="Sigma">Bandwidth chosen on the validation set.</param>
/// <param name="MeanLogLikelihood">Mean test log-likelihood in nats (Goodfellow et al. report 225 for GANs on MNIST).</param>
/// <param name="StandardError">Standard error of that mean over test points (sample std / √n).</param>
/// <param name="CentreCount">Generated samples the window is centred on.</param>
/// <param name="TestCount">Test points.</param>
/// <param name="Validation">Validation mean log-likelihood per candidate σ (the cross-validation curve).</param>
public sealed record ParzenResult(double Sigma, double MeanLogLikelihood, double StandardError, int CentreCount, int TestCount,
    IReadOnlyList<ParzenBandwidthScore> Validation);

/// <summary>
/// Parzen-window log-likelihood, the protocol of Goodfellow et al. 2014, §5 and Table 1 (after
/// Breuleux et al. 2011): fit an isotropic Gaussian kernel density to samples μ₁…μ_N of the
/// generator, <c>p̂(x) = (1/N) Σᵢ N(x; μᵢ, σ²I)</c>, so
/// <c>log p̂(x) = logsumexp_i(−‖x − μᵢ‖² / 2σ²) − log N − (D/2) log(2πσ²)</c>;
/// choose σ by the mean log-likelihood of a held-out validation set, report the mean test
/// log-likelihood and its standard error over test points. Pixels in [0, 1] as in the paper
/// (MNIST: D = 784). The estimate is known to be poor in high dimension (Theis et al. 2016); it is here
/// to reproduce Table 1, not to rank models.
/// <para>Cost: distances by blocks of points against all centres on the device
/// (‖x‖² + ‖μ‖² − 2x·μ, float64 by default), computed once and reused for every candidate σ;
/// 10,000 test points against 10,000 samples is one 10k × 784 × 10k matrix product.</para>
/// </summary>
public static class ParzenWindow
{
    /// <summary>The candidate bandwidths of the original protocol's code: 10 values log-spaced from 0.1 to 1.</summary>
    public static IReadOnlyList<double> DefaultSigmas { get; } =
        Enumerable.Range(0, 10).Select(i => Math.Pow(10, -1 + i / 9.0)).ToArray();

    /// <summary>log p̂(x) for every point (P), float64 on the points' device.</summary>
    public static Tensor LogLikelihoods(Tensor centres, Tensor points, double sigma, int blockSize = 256, ScalarType dtype = ScalarType.Float64)
    {
        var parts = new List<Tensor>();
        Sweep(centres, points, [sigma], blockSize, dtype, (_, ll) => parts.Add(ll.DetachFromDisposeScope())); // outlive Sweep's scopes
        var all = cat(parts, 0);
        foreach (var part in parts) part.Dispose();
        return all;
    }

    /// <summary>Mean log-likelihood of <paramref name="points"/> for each σ (distances computed once).</summary>
    public static IReadOnlyList<ParzenBandwidthScore> MeanLogLikelihoods(Tensor centres, Tensor points, IReadOnlyList<double> sigmas,
        int blockSize = 256, ScalarType dtype = ScalarType.Float64)
    {
        var sums = new double[sigmas.Count];
        Sweep(centres, points, sigmas, blockSize, dtype, (s, ll) => sums[s] += ll.sum().item<double>());
        return sigmas.Select((s, i) => new ParzenBandwidthScore(s, sums[i] / points.shape[0])).ToArray();
    }

    /// <summary>The whole protocol: σ from <paramref name="sigmas"/> (default <see cref="DefaultSigmas"/>)
    /// by validation log-likelihood, then the test mean and standard error at that σ.</summary>
    public static ParzenResult Evaluate(Tensor samples, Tensor validation, Tensor test, IReadOnlyList<double>? sigmas = null,
        int blockSize = 256, ScalarType dtype = ScalarType.Float64)
    {
        sigmas ??= DefaultSigmas;
        if (sigmas.Count == 0 || sigmas.Any(s => !(s > 0))) throw new ArgumentException("bandwidths must be positive", nameof(sigmas));
        var curve = MeanLogLikelihoods(samples, validation, sigmas, blockSize, dtype);
        var best = curve.MaxBy(c => c.MeanLogLikelihood)!;
        using var ll = LogLikelihoods(samples, test, best.Sigma, blockSize, dtype);
        double mean = ll.mean().item<double>();
        long n = ll.shape[0];
        double se = n > 1 ? ll.std().item<double>() / Math.Sqrt(n) : double.NaN;  // std uses n − 1
        return new ParzenResult(best.Sigma, mean, se, (int)samples.shape[0], (int)n, curve);
    }

    // For each block of points: squared distances to all centres once, then log p̂ for every σ.
    static void Sweep(Tensor centres, Tensor points, IReadOnlyList<double> sigmas, int blockSize, ScalarType dtype, Action<int, Tensor> consume)
    {
        if (centres.dim() < 2 || !centres.shape.Skip(1).SequenceEqual(points.shape.Skip(1)))
            throw new ArgumentException($"centres ({string.Join(", ", centres.shape)}) and points ({string.Join(", ", points.shape)}) must have the same per-example shape");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var mu = centres.flatten(1).to(points.device).to_type(dtype);          // (N, D)
        var muNorms = mu.pow(2).sum(1);                                         // (N)
        long n = mu.shape[0], d = mu.shape[1];
        for (long start = 0; start < points.shape[0]; start += blockSize)
        {
            using var inner = NewDisposeScope();
            var x = points.narrow(0, start, Math.Min(blockSize, points.shape[0] - start)).flatten(1).to_type(dtype); // (b, D)
            var squared = (x.pow(2).sum(1, keepdim: true) + muNorms.unsqueeze(0) - 2 * x.mm(mu.t())).clamp_min(0); // (b, N)
            for (int s = 0; s < sigmas.Count; s++)
            {
                double sigma = sigmas[s];
                double constant = -Math.Log(n) - 0.5 * d * Math.Log(2 * Math.PI * sigma * sigma);
                var ll = (squared * (-0.5 / (sigma * sigma))).logsumexp(1).to_type(ScalarType.Float64) + constant; // (b)
                consume(s, ll);
            }
        }
    }
}
