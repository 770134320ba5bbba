using GanWorkbench.Data;
using GanWorkbench.Experiments;
using GanWorkbench.Models;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>
/// Gradients of every model in experiments.yaml do not depend on the thread count. This guards
/// against a libtorch 2.10 / oneDNN CPU bug measured on the project's machines: with two threads, the
/// input gradient of convolutions with many output-channel counts comes out wrong (sometimes NaN) —
/// it made BEGAN diverge at step 1 and small DCGAN discriminators train on garbage. The ISA cap
/// (TorchLoader.OneDnnIsa) avoids those kernels; this test fails if a model reaches one again.
/// </summary>
public class ThreadConsistencyTests
{
    public static TheoryData<string> Experiments()
    {
        var data = new TheoryData<string>();
        var file = ExperimentFile.Load();
        var seen = new HashSet<string>();
        foreach (var name in file.Names)
        {
            var spec = file.Get(name);
            var architecture = new ExperimentSpec { Model = spec.Model, Loss = spec.Loss, Data = spec.Data with { BatchSize = 0 } };
            if (seen.Add(RunDirectory.ToYaml(architecture))) data.Add(name);   // one case per distinct model + loss
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Gradients_are_the_same_with_one_and_two_threads(string name)
    {
        var spec = ExperimentFile.Load().Get(name);
        spec = spec with { Loss = LossFactory.Resolve(spec.Loss) };
        int saved = get_num_threads();
        try
        {
            var one = Gradients(spec, 1);
            var two = Gradients(spec, 2);
            Assert.Equal(one.Count, two.Count);
            foreach (var (key, a) in one)
            {
                var b = two[key];
                // Relative to the largest entry, with an absolute floor for gradients that are zero in
                // exact arithmetic (a bias right before batch norm) and so pure rounding noise.
                double scale = a.Select(Math.Abs).DefaultIfEmpty(0).Max();
                double worst = a.Zip(b, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();
                Assert.True(worst <= 1e-3 * scale + 1e-6, $"{name}: gradient of {key} differs between 1 and 2 threads by {worst:G3} (largest entry {scale:G3})");
            }
        }
        finally
        {
            set_num_threads(saved);
        }
    }

    /// <summary>All parameter gradients of one G step and one D step (VAE: one ELBO step), by name.</summary>
    static Dictionary<string, float[]> Gradients(ExperimentSpec spec, int threads)
    {
        set_num_threads(threads);
        using var scope = NewDisposeScope();
        manual_seed(7);
        var result = new Dictionary<string, float[]>();
        void Collect(string prefix, nn.Module module)
        {
            foreach (var (n, p) in module.named_parameters())
                if (p.grad is { } g) result[$"{prefix}.{n}"] = g.data<float>().ToArray();
        }
        bool toy = ToyDistributions.IsToy(spec.Data.Dataset);
        var images = toy ? randn(16, 2) : rand(16, 1, 28, 28);
        if (!toy && spec.Data.Scale == PixelScale.Tanh) images = images * 2 - 1;
        var labels = arange(16).remainder(10);
        var family = ModelFamilies.Of(spec.Model);
        if (family is VaeFamily vaes)
        {
            var options = (VaeOptions)spec.Model;
            using var vae = vaes.Create(options, 10);
            vae.Elbo(images, options.Conditional ? labels : null).Loss.backward();
            Collect("vae", vae);
            return result;
        }
        var gan = (GanFamily)family;
        using var g = gan.CreateGenerator(spec.Model, 10);
        using var d = gan.CreateDiscriminator(spec.Model, 10);
        using var labelled = ImageDataset.FromTensors("synthetic", rand(100, 1, 28, 28), arange(100).remainder(10), PixelScale.ZeroOne);
        using var game = gan.CreateGame(spec.Model, g, d, new GameParts(LossFactory.Create(spec.Loss), LossFactory.CreatePenalty(spec.Loss), LossFactory.CreateClipping(spec.Loss), labelled, spec.Seed, spec.Data.BatchSize, spec.Data.Binarize));
        using var log = new MetricWindow(CPU);
        game.GeneratorLoss(16, CPU, log).backward();
        Collect("G-step.g", g);
        foreach (var p in d.parameters()) p.grad = null;
        foreach (var p in g.parameters()) p.grad = null;
        game.DiscriminatorLoss(new RealBatch(images, labels), log).backward();
        Collect("D-step.d", d);
        return result;
    }
}
