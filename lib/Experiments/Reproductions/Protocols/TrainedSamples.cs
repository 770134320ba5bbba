using GanWorkbench.Data;
using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>Images drawn from a finished run's model, for the protocols that score samples: a GAN's
/// generator from its own prior (conditional ones cycling through the labels), a VAE's decoder means
/// of prior codes; from a noise generator of their own, in eval mode.</summary>
internal static class TrainedSamples
{
    /// <summary>(n, 1, 28, 28) images and their pixel scale.</summary>
    public static (Tensor Images, PixelScale Scale) Draw(RunResult run, int n, long seed)
    {
        using var noGrad = no_grad();
        using var gen = new Generator(unchecked((ulong)seed));
        if (ModelFamilies.Of(run.Spec.Model) is VaeFamily)
        {
            using var vae = run.LoadVae();
            var device = vae.parameters().First().device;
            using var scope = NewDisposeScope();
            var images = ChunkedSampling.Concat(n, 500, (_, count) => vae.Decode(randn(count, vae.LatentDim, generator: gen).to(device)));
            return (images.MoveToOuterDisposeScope(), PixelScale.ZeroOne);
        }
        var scale = SampleSpaces.Pixels(ModelFamilies.Of(run.Spec.Model).Samples);
        using var module = run.LoadGenerator(average: run.Spec.EmaDecay > 0);
        if (module is ConditionalGeneratorModule conditional)
        {
            using var labelled = ConditionalSampling.Generate(conditional, (n + conditional.Classes - 1) / conditional.Classes, seed);
            return (labelled.Images.narrow(0, 0, n).clone(), scale);
        }
        var g = (GeneratorModule)module;
        var at = g.parameters().First().device;
        using var s = NewDisposeScope();
        var x = ChunkedSampling.Concat(n, 500, (_, count) => g.forward(g.SampleLatent(count, at, gen)).view(-1, 1, 28, 28));
        return (x.MoveToOuterDisposeScope(), scale);
    }
}
