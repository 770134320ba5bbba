using GanWorkbench.Metrics;
using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Metrics;

/// <summary>A workbench VAE seen through the likelihood metrics' interface.</summary>
public class LatentVariableModelsTests
{
    [Fact]
    public void The_ELBO_metric_of_a_VAE_equals_its_own_ELBO_with_many_samples()
    {
        manual_seed(2);
        using var vae = VaeNetworks.Mlp(latentDim: 3, hidden: [16]);
        vae.eval();
        using var x = rand(5, 1, 28, 28).lt(0.3).to(ScalarType.Float32);
        var model = LatentVariableModels.FromVae(vae);
        using var noGrad = no_grad();
        var (mean, logVar) = vae.Encode(x);
        var q = model.Encode(x);
        Assert.Equal(mean.data<float>().ToArray(), q.Mean.data<float>().ToArray());
        Assert.Equal(logVar.data<float>().ToArray(), q.LogVariance.data<float>().ToArray());
        // ELBO = E_q log p(x|z) − KL; both estimates use the analytic KL, so with many samples they agree.
        var metric = VaeLikelihood.Elbo(model, x, samples: 400);
        double own = -Enumerable.Range(0, 400).Select(_ => vae.Elbo(x).Loss.item<float>()).Average();
        Assert.Equal(own, metric.Mean, 0.5);
        // The k = 50 bound lies above the ELBO (Burda et al. 2015, Theorem 1), within a few nats for a tiny model.
        var iwae = VaeLikelihood.ImportanceWeightedNll(model, x, k: 50);
        Assert.InRange(-iwae.Mean - metric.Mean, 0, 5);
    }

    [Fact]
    public void Gaussian_and_conditional_VAEs_are_refused()
    {
        using var gaussian = VaeNetworks.Mlp(2, [8], likelihood: DecoderLikelihood.Gaussian);
        Assert.Equal("the likelihood metrics need a Bernoulli decoder (binarised pixels); this VAE's decoder is gaussian.",
            Assert.Throws<InputException>(() => LatentVariableModels.FromVae(gaussian)).Message);
        using var conditional = VaeNetworks.Mlp(2, [8], classes: 10);
        Assert.Throws<InputException>(() => LatentVariableModels.FromVae(conditional));
    }
}
