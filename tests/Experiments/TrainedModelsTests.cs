using GanWorkbench.Experiments;
using GanWorkbench.Models;
using GanWorkbench.Plotting;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Experiments;

/// <summary>Models read back from a finished run are the ones that drew its last sample grid, bit for bit.</summary>
public class TrainedModelsTests
{
    static Tensor FixedNoise(int n, int d, long seed)
    {
        using var gen = new Generator((ulong)(seed * 31 + 7));
        return randn(n, d, generator: gen);
    }

    [Fact]
    public void A_conditional_generator_redraws_the_runs_last_sample_grid()
    {
        using var temp = new TempFolder();
        var run = ExperimentFile.Load().Experiment("mnist-cgan").With(quick: true, overrides: ["device=cpu", "tensorboard=false"], seed: 3)
            .Run(runsRoot: temp.Path);
        Assert.True(run.Completed);
        using var g = (ConditionalGeneratorModule)run.LoadGenerator();
        Assert.False(g.training);
        using var d = run.LoadDiscriminator();
        Assert.IsType<ConditionalDcganDiscriminator>(d);
        int n = run.Spec.SampleCount;
        using var z = FixedNoise(n, g.LatentDim, run.Spec.Seed);
        using var labels = arange(n, dtype: ScalarType.Int64).remainder(g.Classes);
        using var noGrad = no_grad();
        using var images = g.forward(z, labels);
        var grid = ImageGrid.FromBatch(images, 8);
        Assert.Equal(File.ReadAllBytes(run.Directory.SamplePath(run.Status.Step)), grid.Png);
        var e = Assert.Throws<InputException>(() => run.LoadVae());
        Assert.Equal($"{run.Directory.Path}: model 'cdcgan' is not a VAE; use LoadGenerator().", e.Message);
        e = Assert.Throws<InputException>(() => run.LoadGenerator(average: true));
        Assert.Equal($"{run.Directory.Path}: the run kept no moving average of G (ema_decay is 0).", e.Message);
    }

    [Fact]
    public void A_VAE_redraws_the_runs_last_sample_grid()
    {
        using var temp = new TempFolder();
        var run = ExperimentFile.Load().Experiment("mnist-vae").With(quick: true, overrides: ["device=cpu", "tensorboard=false"])
            .Run(runsRoot: temp.Path);
        using var vae = run.LoadVae();
        using var z = FixedNoise(run.Spec.SampleCount, vae.LatentDim, run.Spec.Seed);
        using var noGrad = no_grad();
        using var images = vae.Decode(z);
        var grid = ImageGrid.FromBatch(images, 8, low: 0, high: 1);
        Assert.Equal(File.ReadAllBytes(run.Directory.SamplePath(run.Status.Step)), grid.Png);
        var e = Assert.Throws<InputException>(() => run.LoadGenerator());
        Assert.Equal($"{run.Directory.Path}: a VAE run has no generator; use LoadVae().", e.Message);
    }
}
