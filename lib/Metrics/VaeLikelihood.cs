using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>A diagonal Gaussian q(z|x) = N(μ, diag exp(log σ²)); both tensors (B, Z).</summary>
/// <param name="Mean">μ.</param>
/// <param name="LogVariance">log σ².</param>
public sealed record GaussianPosterior(Tensor Mean, Tensor LogVariance);

/// <summary>
/// What the VAE metrics need from a model, as plain functions so that any VAE (or none of the
/// workbench's classes) can be evaluated: a Gaussian encoder q(z|x), a decoder giving Bernoulli
/// logits of p(x|z), and the standard normal prior p(z) = N(0, I) of Kingma &amp; Welling.
/// </summary>
/// <param name="LatentDim">Length of z.</param>
/// <param name="Encode">x (B, …) → q(z|x).</param>
/// <param name="DecodeLogits">z (B, Z) → Bernoulli logits (B, …), one per pixel.</param>
public sealed record LatentVariableModel(int LatentDim, Func<Tensor, GaussianPosterior> Encode, Func<Tensor, Tensor> DecodeLogits);

/// <summary>A mean over a test set with its standard error.</summary>
/// <param name="Mean">Mean over test points, in nats per example.</param>
/// <param name="StandardError">Sample standard deviation / √n.</param>
/// <param name="Count">Test points.</param>
/// <param name="Samples">Latent samples per point (L for the ELBO, k for the IWAE bound).</param>
public sealed record LikelihoodEstimate(double Mean, double StandardError, int Count, int Samples);

/// <summary>
/// Test-set likelihood of a VAE with a Bernoulli decoder, on binarised data (pixels in {0, 1}; use
/// <c>ImageDataset.Binarize</c>, as the IWAE protocol does):
/// <list type="bullet">
/// <item>ELBO (Kingma &amp; Welling 2013, Eq. 10): <c>L(x) = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z))</c>, the
/// KL in closed form <c>−½ Σ (1 + log σ² − μ² − σ²)</c> and the expectation from L samples;</item>
/// <item>importance-weighted estimate (Burda et al. 2015, Eq. 8, and their evaluation protocol with
/// k = 5,000): <c>log p(x) ≈ log (1/k) Σᵢ p(x|zᵢ) p(zᵢ) / q(zᵢ|x)</c>, zᵢ ~ q(z|x), reported as the
/// NLL −log p(x). It is a lower bound on log p(x) that tightens as k grows (k = 1 is the ELBO in
/// expectation).</item>
/// </list>
/// Runs under no_grad, in batches of test points and chunks of latent samples, on the data's device.
/// </summary>
public static class VaeLikelihood
{
    static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    /// <summary>Mean ELBO over <paramref name="data"/> (N, …), with <paramref name="samples"/> draws of z per point.</summary>
    public static LikelihoodEstimate Elbo(LatentVariableModel model, Tensor data, int samples = 1, int batchSize = 500)
    {
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), samples, "at least one sample");
        // The sampling loop passes explicit scalars that live until it ends: TorchSharp 0.107's operators create theirs
        // implicitly without keeping them alive, and a collection during one of thousands of calls can free one in use.
        using Scalar half = 0.5.ToScalar(), one = 1.ToScalar();
        return PerPoint(data, batchSize, samples, x =>
        {
            var q = model.Encode(x);
            var kl = -0.5 * (1 + q.LogVariance - q.Mean.pow(2) - q.LogVariance.exp()).sum(1); // (B)
            var reconstruction = zeros_like(kl);
            using var std = q.LogVariance.mul(half).exp_();                            // σ of q(z | x)
            for (int l = 0; l < samples; l++)
            {
                using var scope = NewDisposeScope();
                var z = q.Mean.add(std.mul(randn_like(q.Mean)), alpha: one);           // reparameterised draw
                reconstruction.add_(BernoulliLogLikelihood(model.DecodeLogits(z), x), alpha: one);
            }
            return reconstruction / samples - kl;                                      // (B)
        });
    }

    /// <summary>Mean importance-weighted NLL estimate −log p̂(x) with <paramref name="k"/> samples per point.</summary>
    public static LikelihoodEstimate ImportanceWeightedNll(LatentVariableModel model, Tensor data, int k = 5000,
        int batchSize = 100, int chunk = 500)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "at least one sample");
        if (chunk < 1) throw new ArgumentOutOfRangeException(nameof(chunk), chunk, "chunk must be positive");
        var logLikelihood = PerPoint(data, batchSize, k, x => LogMarginal(model, x, k, chunk));
        return logLikelihood with { Mean = -logLikelihood.Mean };
    }

    /// <summary>log p̂(x) of one batch (B): the log-mean-exp of k importance weights, accumulated chunk by chunk.</summary>
    public static Tensor LogMarginal(LatentVariableModel model, Tensor x, int k, int chunk = 500)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var q = model.Encode(x);
        var std = (0.5 * q.LogVariance).exp();                                      // (B, Z)
        long b = x.shape[0], zDim = q.Mean.shape[1];
        var flatX = x.flatten(1);                                                   // (B, D)
        Tensor? running = null;                                                     // logsumexp of weights so far, (B)
        for (int done = 0; done < k; done += chunk)
        {
            int c = Math.Min(chunk, k - done);
            var eps = randn(c, b, zDim, dtype: q.Mean.dtype, device: q.Mean.device); // (c, B, Z)
            var z = q.Mean.unsqueeze(0) + std.unsqueeze(0) * eps;                     // (c, B, Z)
            var logits = model.DecodeLogits(z.reshape(c * b, zDim)).reshape(c, b, -1); // (c, B, D)
            var logPxz = BernoulliLogLikelihood(logits, flatX.unsqueeze(0).expand(c, b, flatX.shape[1]), dim: 2); // (c, B)
            var logPz = -0.5 * (z.pow(2).sum(2) + zDim * LogTwoPi);                   // (c, B)
            var logQz = -0.5 * (eps.pow(2).sum(2) + q.LogVariance.sum(1).unsqueeze(0) + zDim * LogTwoPi); // (c, B)
            var chunkLse = (logPxz + logPz - logQz).to_type(ScalarType.Float64).logsumexp(0); // (B)
            running = running is null ? chunkLse : stack([running, chunkLse]).logsumexp(0);
        }
        return (running! - Math.Log(k)).MoveToOuterDisposeScope();
    }

    /// <summary>Σ over pixels of x log σ(ℓ) + (1 − x) log σ(−ℓ), i.e. −BCE-with-logits summed.</summary>
    static Tensor BernoulliLogLikelihood(Tensor logits, Tensor x, int dim = 1)
    {
        var l = dim == 1 ? logits.flatten(1) : logits;
        var t = dim == 1 ? x.flatten(1) : x;
        return -nn.functional.binary_cross_entropy_with_logits(l, t.to_type(l.dtype), reduction: nn.Reduction.None).sum(dim);
    }

    // Runs `perBatch` (B points → B values) over the data in batches and summarises the values.
    static LikelihoodEstimate PerPoint(Tensor data, int batchSize, int samples, Func<Tensor, Tensor> perBatch)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive");
        using var noGrad = no_grad();
        var values = new List<double>();
        for (long start = 0; start < data.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var x = data.narrow(0, start, Math.Min(batchSize, data.shape[0] - start));
            values.AddRange(perBatch(x).to_type(ScalarType.Float64).cpu().data<double>().ToArray());
        }
        double mean = values.Average();
        double se = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count) : double.NaN;
        return new LikelihoodEstimate(mean, se, values.Count, samples);
    }
}
