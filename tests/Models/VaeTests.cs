using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

public class VaeTests
{
    [Fact]
    public void Elbo_parts_match_their_closed_forms()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var vae = VaeNetworks.Mlp(latentDim: 3, hidden: [8]);
        var x = rand(5, 1, 28, 28).gt(0.5).to(ScalarType.Float32);
        var (mean, logVar) = vae.Encode(x);
        // KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ (σ² + μ² − 1 − log σ²), computed independently here.
        double kl = 0;
        var m = mean.data<float>().ToArray();
        var lv = logVar.data<float>().ToArray();
        for (int i = 0; i < m.Length; i++) kl += 0.5 * (Math.Exp(lv[i]) + m[i] * m[i] - 1 - lv[i]);
        manual_seed(9);
        var terms = vae.Elbo(x, beta: 1);
        Assert.Equal(kl / 5, terms.Kl.item<float>(), 1e-5);
        // Reconstruction with the same ε: −Σ_pixels [x log σ(l) + (1−x) log(1−σ(l))].
        manual_seed(9);
        var z = Vae.Reparameterize(mean, logVar);
        var logits = vae.DecodeParameters(z).flatten(1);
        var bce = -(x.flatten(1) * nn.functional.logsigmoid(logits) + (1 - x.flatten(1)) * nn.functional.logsigmoid(-logits)).sum(1).mean();
        Assert.Equal(bce.item<float>(), terms.Reconstruction.item<float>(), 1e-3);
        Assert.Equal(terms.Reconstruction.item<float>() + terms.Kl.item<float>(), terms.Loss.item<float>(), 1e-3);
        manual_seed(9);
        var beta4 = vae.Elbo(x, beta: 4);
        Assert.Equal(terms.Reconstruction.item<float>() + 4 * terms.Kl.item<float>(), beta4.Loss.item<float>(), 1e-3);
    }

    [Fact]
    public void Importance_weights_have_one_row_per_sample_and_the_bound_tightens_with_k()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var vae = VaeNetworks.Mlp(latentDim: 4, hidden: [16], activation: VaeActivation.Tanh);
        var x = rand(64, 1, 28, 28).gt(0.5).to(ScalarType.Float32);
        Assert.Equal([7L, 64], vae.LogImportanceWeights(x, null, 7).shape);
        // E[log mean of k weights] increases with k (Burda et al. 2015, Theorem 1); averaged over many
        // examples and repeats the ordering is far outside the Monte Carlo noise.
        double Bound(int k) => Enumerable.Range(0, 20).Average(_ => vae.ImportanceBound(x, null, k).mean().item<float>());
        double b1 = Bound(1), b5 = Bound(5), b50 = Bound(50);
        Assert.True(b1 < b5 && b5 < b50, $"bounds {b1} {b5} {b50}");
        // k = 1 is an unbiased estimate of the ELBO.
        double elbo = -Enumerable.Range(0, 20).Average(_ => vae.Elbo(x).Loss.item<float>());
        Assert.Equal(elbo, b1, Math.Abs(elbo) * 0.02);
    }

    [Fact]
    public void Gaussian_decoders_and_conditional_conv_vaes_run_end_to_end()
    {
        using var scope = NewDisposeScope();
        using var gaussian = VaeNetworks.Mlp(2, [8], likelihood: DecoderLikelihood.Gaussian);
        var x = rand(3, 1, 28, 28);
        var p = gaussian.DecodeParameters(randn(3, 2));
        Assert.Equal([3L, 2, 784], p.shape);
        Assert.True(p.select(1, 1).min().item<float>() >= -6 && p.select(1, 1).max().item<float>() <= 2);
        Assert.True(float.IsFinite(gaussian.Elbo(x).Loss.item<float>()));
        using var conditional = VaeNetworks.Conv(4, classes: 10);
        var labels = tensor(new long[] { 1, 2, 3 });
        Assert.Equal([3L, 1, 28, 28], conditional.Decode(randn(3, 4), labels).shape);
        Assert.True(float.IsFinite(conditional.ImportanceBound(x, labels, 3).sum().item<float>()));
    }
}
