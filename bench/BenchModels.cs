using GanWorkbench.Bench.Bare;
using GanWorkbench.Bench.Loops;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Data;
using GanWorkbench.Experiments;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Bench;

/// <summary>
/// A benchmarked model: how the bare loop, the workbench and the PyTorch peer (same name in
/// bench/pytorch/steps.py) train it, and its analytic flops per sample and step.
/// </summary>
/// <param name="Name">Name in results and on the command line, e.g. <c>dcgan-ns</c>.</param>
/// <param name="Description">One line: architecture, loss, optimiser.</param>
/// <param name="Scale">Pixel scale of its data.</param>
/// <param name="FlopsPerSample">Analytic flops of one step per sample (<see cref="Flops"/>).</param>
public sealed record BenchModel(string Name, string Description, PixelScale Scale, double FlopsPerSample)
{
    /// <summary>Flops of one step at <paramref name="batch"/>.</summary>
    public double FlopsPerStep(int batch) => FlopsPerSample * batch;
}

/// <summary>The four benchmarked models and the factories of their loops.</summary>
public static class BenchModels
{
    /// <summary>The source material's MLP GAN, non-saturating loss.</summary>
    public static readonly BenchModel MlpGan = new("mlp-gan",
        "MLP G 100-128-256-784 (sigmoid) / D 784-256-128-1, non-saturating loss, Adam(2e-4, 0.5)", PixelScale.ZeroOne,
        Flops.GanStep(Flops.MlpGenerator(), Flops.MlpDiscriminator(), gradientPenalty: false));

    /// <summary>DCGAN for 28×28 with the non-saturating loss.</summary>
    public static readonly BenchModel DcganNs = new("dcgan-ns",
        "DCGAN 28×28 (width 64), non-saturating loss, Adam(2e-4, 0.5)", PixelScale.Tanh,
        Flops.GanStep(Flops.DcganGenerator(), Flops.DcganDiscriminator(), gradientPenalty: false));

    /// <summary>DCGAN with WGAN-GP (double backward through the critic).</summary>
    public static readonly BenchModel DcganWganGp = new("dcgan-wgan-gp",
        "DCGAN 28×28, critic without batch norm, WGAN-GP λ=10 (double backward), Adam(1e-4, 0.5, 0.9)", PixelScale.Tanh,
        Flops.GanStep(Flops.DcganGenerator(), Flops.DcganDiscriminator(), gradientPenalty: true));

    /// <summary>Kingma &amp; Welling's MLP VAE.</summary>
    public static readonly BenchModel MlpVae = new("mlp-vae",
        "VAE 784-400-20, Bernoulli decoder, dynamically binarised MNIST, Adam(1e-3)", PixelScale.ZeroOne,
        Flops.VaeStep(Flops.MlpVae()));

    /// <summary>All of them, in report order.</summary>
    public static IReadOnlyList<BenchModel> All { get; } = [MlpGan, DcganNs, DcganWganGp, MlpVae];

    /// <summary>A model by name; bad names are an <see cref="InputException"/> that lists the known ones.</summary>
    public static BenchModel Get(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new InputException($"unknown benchmark model '{name}'; known: {string.Join(", ", All.Select(m => m.Name))}.");

    /// <summary>The bare TorchSharp loop of a model over <paramref name="images"/> (N, 1, 28, 28) on the device.</summary>
    internal static ITrainingLoop Bare(BenchModel model, Tensor images, int batch, long seed) => model.Name switch
    {
        "mlp-gan" => new BareGanLoop(new BareMlpGenerator(), new BareMlpDiscriminator(), images, batch, 100, gradientPenalty: false, seed),
        "dcgan-ns" => new BareGanLoop(new BareDcganGenerator(), new BareDcganDiscriminator(), images, batch, 100, gradientPenalty: false, seed),
        "dcgan-wgan-gp" => new BareGanLoop(new BareDcganGenerator(), new BareDcganDiscriminator(batchNorm: false), images, batch, 100, gradientPenalty: true, seed),
        "mlp-vae" => new BareVaeLoop(images, batch, seed),
        _ => throw new InputException($"no bare loop for '{model.Name}'."),
    };

    /// <summary>The experiment the workbench trains for a model at a batch size, or null with the
    /// reason when this build of the library does not have that model or loss yet.</summary>
    internal static (ExperimentSpec? Spec, string? Missing) WorkbenchSpec(BenchModel model, int batch, long seed)
    {
        var spec = new ExperimentSpec { Name = "bench-" + model.Name, Seed = seed, Data = new DataSpec { BatchSize = batch } };
        return model.Name switch
        {
            "dcgan-ns" => Available(spec with { Model = new ModelSpec { Name = "dcgan" }, Loss = new LossSpec { Name = "ns" } }),
            _ => (null, $"the library on this branch has no '{model.Name}' trainer yet (ModelZoo: {string.Join(", ", ModelZoo.Names)}; LossZoo: {string.Join(", ", LossZoo.Names)})"),
        };
    }

    static (ExperimentSpec?, string?) Available(ExperimentSpec spec) =>
        ModelZoo.Names.Contains(spec.Model.Name) && LossZoo.Names.Contains(spec.Loss.Name)
            ? (spec, null)
            : (null, $"the library has no model '{spec.Model.Name}' or loss '{spec.Loss.Name}'");

    /// <summary>The workbench loop of a model (null when <see cref="WorkbenchSpec"/> says it is missing).</summary>
    internal static ITrainingLoop? Workbench(BenchModel model, ImageDataset data, int batch, long seed, string runsRoot, bool ema)
    {
        if (ema) return null;   // the library has no EMA yet on this branch
        var (spec, _) = WorkbenchSpec(model, batch, seed);
        return spec is null ? null : new WorkbenchGanLoop(spec, data, runsRoot, LoopNames.Workbench);
    }
}
