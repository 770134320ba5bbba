using GanWorkbench.Metrics;
using GanWorkbench.Theory;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Metrics;

/// <summary>Parzen-window and VAE likelihoods against sums and integrals computed directly.</summary>
public class LikelihoodTests
{
    // log (1/N) Σᵢ N(x; μᵢ, σ²I), summed term by term in double precision.
    static double DirectParzen(double[][] centres, double[] x, double sigma)
    {
        double sum = 0;
        foreach (var mu in centres)
        {
            double sq = mu.Zip(x, (a, b) => (a - b) * (a - b)).Sum();
            sum += Math.Exp(-sq / (2 * sigma * sigma)) / Math.Pow(2 * Math.PI * sigma * sigma, x.Length / 2.0);
        }
        return Math.Log(sum / centres.Length);
    }

    static double[][] Rows(Tensor t) => Enumerable.Range(0, (int)t.shape[0]).Select(i => t[i].flatten().data<double>().ToArray()).ToArray();

    [Fact]
    public void Parzen_log_likelihood_of_a_Gaussian_mixture_matches_the_direct_sum()
    {
        manual_seed(21);
        using var centres = rand(40, 1, 2, 3, dtype: ScalarType.Float64);     // 40 mixture components in 6-D
        using var points = rand(25, 1, 2, 3, dtype: ScalarType.Float64);
        var mu = Rows(centres);
        var x = Rows(points);
        foreach (double sigma in new[] { 0.05, 0.2, 1.0 })
        {
            using var ll = ParzenWindow.LogLikelihoods(centres, points, sigma, blockSize: 7);
            var values = ll.data<double>().ToArray();
            for (int i = 0; i < x.Length; i++) Assert.Equal(DirectParzen(mu, x[i], sigma), values[i], 1e-9);
        }
    }

    [Fact]
    public void Parzen_protocol_picks_the_best_validation_sigma_and_reports_the_standard_error()
    {
        manual_seed(22);
        using var samples = rand(60, 4, dtype: ScalarType.Float64);
        using var validation = rand(30, 4, dtype: ScalarType.Float64);
        using var test = rand(50, 4, dtype: ScalarType.Float64);
        double[] sigmas = [0.02, 0.1, 0.3, 1.0, 3.0];
        var result = ParzenWindow.Evaluate(samples, validation, test, sigmas, blockSize: 16);

        var mu = Rows(samples);
        var validationMeans = sigmas.Select(s => Rows(validation).Average(v => DirectParzen(mu, v, s))).ToArray();
        for (int i = 0; i < sigmas.Length; i++) Assert.Equal(validationMeans[i], result.Validation[i].MeanLogLikelihood, 1e-9);
        double best = sigmas[Array.IndexOf(validationMeans, validationMeans.Max())];
        Assert.Equal(best, result.Sigma);
        var testLl = Rows(test).Select(t => DirectParzen(mu, t, best)).ToArray();
        double mean = testLl.Average();
        double se = Math.Sqrt(testLl.Sum(v => (v - mean) * (v - mean)) / (testLl.Length - 1) / testLl.Length);
        Assert.Equal(mean, result.MeanLogLikelihood, 1e-9);
        Assert.Equal(se, result.StandardError, 1e-9);
        Assert.Equal((60, 50), (result.CentreCount, result.TestCount));
    }

    [Fact]
    public void Default_sigma_grid_is_ten_log_spaced_values_from_a_tenth_to_one()
    {
        Assert.Equal(10, ParzenWindow.DefaultSigmas.Count);
        Assert.Equal(0.1, ParzenWindow.DefaultSigmas[0], 1e-15);
        Assert.Equal(1.0, ParzenWindow.DefaultSigmas[^1], 1e-15);
        Assert.Equal(Math.Pow(10, -1 + 1 / 9.0), ParzenWindow.DefaultSigmas[1], 1e-15);
    }

    // A decoder that ignores z and q = p(z): every importance weight equals p(x), so ELBO and the
    // k-sample estimate are both exactly log p(x) = Σ x log σ(ℓ) + (1 − x) log σ(−ℓ).
    [Fact]
    public void ELBO_and_IWAE_are_exact_when_the_latent_is_ignored()
    {
        var logits = new[] { 1.5, -0.5, 0.0, 2.0 };
        using var l = tensor(logits);
        var model = new LatentVariableModel(3,
            x => new GaussianPosterior(zeros(x.shape[0], 3, dtype: ScalarType.Float64), zeros(x.shape[0], 3, dtype: ScalarType.Float64)),
            z => l.unsqueeze(0).expand(z.shape[0], 4));
        using var data = tensor(new[] { 1.0, 0, 1, 1, 0, 0, 1, 0 }, [2, 4]);
        double Exact(double[] x) => x.Select((v, i) => v * Math.Log(1 / (1 + Math.Exp(-logits[i]))) + (1 - v) * Math.Log(1 / (1 + Math.Exp(logits[i])))).Sum();
        double expected = (Exact([1, 0, 1, 1]) + Exact([0, 0, 1, 0])) / 2;
        Assert.Equal(expected, VaeLikelihood.Elbo(model, data, samples: 3).Mean, 1e-12);
        var nll = VaeLikelihood.ImportanceWeightedNll(model, data, k: 1000, batchSize: 1, chunk: 300);
        Assert.Equal(-expected, nll.Mean, 1e-9);
        Assert.Equal((2, 1000), (nll.Count, nll.Samples));
    }

    // One latent dimension, decoder logits wz + c, a deliberately imperfect q: log p(x) by quadrature
    // over z; the k = 5,000 estimate lands within 0.02 nats of it, the ELBO well below it.
    [Fact]
    public void IWAE_with_5000_samples_approaches_the_true_marginal_and_bounds_it_better_than_the_ELBO()
    {
        double[] w = [2.0, -1.5, 0.5, 3.0, -2.5], c = [0.2, 0.1, -0.3, -1.0, 0.5];
        double[] x = [1, 0, 1, 1, 0];
        double LogJoint(double z) => -0.5 * (z * z + Math.Log(2 * Math.PI))
            + x.Select((v, i) => { double a = w[i] * z + c[i]; return v * -Math.Log(1 + Math.Exp(-a)) + (1 - v) * -Math.Log(1 + Math.Exp(a)); }).Sum();
        double truth = Math.Log(MinimaxTheory.Integrate(z => Math.Exp(LogJoint(z)), Density1D.Gaussian(0, 1)));

        using var wt = tensor(w).unsqueeze(0);
        using var ct = tensor(c).unsqueeze(0);
        var model = new LatentVariableModel(1,
            xs => new GaussianPosterior(full(xs.shape[0], 1, 0.3, dtype: ScalarType.Float64), full(xs.shape[0], 1, Math.Log(0.5), dtype: ScalarType.Float64)),
            z => z.mm(wt) + ct);
        using var data = tensor(x).unsqueeze(0).repeat(4, 1);                  // the same x four times
        manual_seed(5);
        var nll = VaeLikelihood.ImportanceWeightedNll(model, data, k: 5000, batchSize: 2, chunk: 1000);
        var elbo = VaeLikelihood.Elbo(model, data, samples: 2000);
        Assert.Equal(-truth, nll.Mean, 0.02);
        Assert.True(elbo.Mean < truth - 0.05, $"ELBO {elbo.Mean} vs log p(x) {truth}");
        Assert.True(-nll.Mean > elbo.Mean);
    }
}
