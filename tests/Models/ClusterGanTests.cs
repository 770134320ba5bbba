using GanWorkbench.Experiments;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using GanWorkbench.Training;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>ClusterGAN (Mukherjee et al. 2019): the mixed prior's layout and scale, the encoder's outputs,
/// the generator objective as Eq. 3 writes it, and the located errors of its options.</summary>
public class ClusterGanTests
{
    static ClusterGanGenerator Small(double sigma = 0.1) => new(noiseDim: 5, categories: 4, noiseStd: sigma, gWidth: 4, gHidden: 8, encoderWidth: 4);

    [Fact]
    public void The_prior_is_scaled_gaussian_noise_beside_a_one_hot_cluster()
    {
        manual_seed(3);
        using var g = Small(sigma: 0.1);
        using var z = g.SampleLatent(4000, CPU);
        Assert.Equal([4000L, 9L], z.shape);
        var oneHot = z.narrow(1, 5, 4);
        Assert.True(oneHot.sum(1).eq(1).all().item<bool>());                          // exactly one 1 per row…
        Assert.True(oneHot.eq(0).logical_or(oneHot.eq(1)).all().item<bool>());        // …and zeros elsewhere
        Assert.InRange(oneHot.mean([0L]).min().item<float>(), 0.22f, 0.28f);                // every cluster drawn about a quarter of the time
        Assert.InRange(z.narrow(1, 0, 5).std().item<float>(), 0.097f, 0.103f);
    }

    [Fact]
    public void The_encoder_returns_the_noise_part_and_one_logit_per_cluster()
    {
        using var g = Small();
        using var x = randn(3, 1, 28, 28);
        var codes = g.Encoder.forward(x);
        Assert.Equal([3L, 5L], codes.Noise.shape);
        Assert.Equal([3L, 4L], codes.CategoryLogits.shape);
        Assert.Equal([3L, 1L, 28L, 28L], g.forward(g.SampleLatent(3, CPU)).shape);
        Assert.All(g.Encoder.Clusters(x, batchSize: 2), c => Assert.InRange(c, 0, 3));
    }

    [Fact]
    public void The_generator_objective_adds_both_cycle_terms_with_their_weights()
    {
        using var g = Small();
        using var d = new DcganDiscriminator(4, 1, batchNorm: false);
        var loss = new WassersteinLoss();
        using var game = new ClusterGanGame(g, d, loss, noiseWeight: 10, codeWeight: 3);
        using var log = new MetricWindow(CPU);

        manual_seed(11);
        float total = game.GeneratorLoss(6, CPU, log).item<float>();

        manual_seed(11);                                                              // the same draws, by hand
        var latent = game.SampleLatent(6, CPU);
        var fake = g.forward(latent.Z);
        var codes = g.Encoder.forward(fake);
        var noiseCycle = codes.Noise.sub(latent.Z.narrow(1, 0, 5)).square().mean();
        var codeCycle = nn.functional.cross_entropy(codes.CategoryLogits, latent.Labels!);
        float expected = loss.Generator(d.forward(fake)).add(noiseCycle.mul(10)).add(codeCycle.mul(3)).item<float>();

        Assert.Equal(expected, total, 5);
        var (averages, _) = log.ReadAndReset();
        Assert.Equal(noiseCycle.item<float>(), averages["cycle_noise"], 5);
        Assert.Equal(codeCycle.item<float>(), averages["cycle_code"], 5);
    }

    [Fact]
    public void Fixed_grids_walk_the_clusters_row_by_row()
    {
        using var g = Small();
        using var d = new DcganDiscriminator(4, 1, batchNorm: false);
        using var game = new ClusterGanGame(g, d, new WassersteinLoss(), 10, 10);
        var latent = game.FixedLatent(8, seed: 1, CPU);
        Assert.Equal([0L, 1, 2, 3, 0, 1, 2, 3], latent.Labels!.data<long>().ToArray());
        Assert.Equal(latent.Z.data<float>().ToArray(), game.FixedLatent(8, seed: 1, CPU).Z.data<float>().ToArray());
    }

    [Fact]
    public void Bad_options_are_refused_with_the_field_and_its_line()
    {
        using var temp = new TempFolder();
        string path = temp.File("e.yaml");
        File.WriteAllText(path, "experiments:\n  c:\n    model: { name: clustergan, latent_dim: 30, noise_std: 0 }\n    loss: { name: wgan-gp }\n    budget: { steps: 1 }\n");
        var error = Assert.Throws<InputException>(() => ExperimentFile.Load(path).Get("c"));
        Assert.StartsWith($"{path}:3:", error.Message);
        Assert.EndsWith("model.noise_std must be positive, got 0.", error.Message);
    }
}
