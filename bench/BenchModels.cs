using GanWorkbench.Bench.Bare;
using GanWorkbench.Bench.Loops;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Data;
using GanWorkbench.Experiments;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using GanWorkbench.Runtime;
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

    /// <summary>The experiment the workbench trains for a model at a batch size: the same model,
    /// loss, optimisers and data as the bare loop and the PyTorch peer, one D step per G step, and
    /// the run defaults otherwise (log_every 50, TensorBoard on, sample grids every 200 steps).</summary>
    public static ExperimentSpec WorkbenchSpec(BenchModel model, int batch, long seed, string device, int threads)
    {
        var spec = new ExperimentSpec
        {
            Name = "bench-" + model.Name, Seed = seed, Device = device, Threads = threads,
            Data = new DataSpec { BatchSize = batch },
        };
        var critic = new OptimizerSpec { Lr = 1e-4, Beta1 = 0.5, Beta2 = 0.9 };
        return model.Name switch
        {
            "mlp-gan" => spec with
            {
                Data = spec.Data with { Scale = PixelScale.ZeroOne },
                Model = new MlpOptions { LatentDim = 100, GWidth = 128, DWidth = 128 },
            },
            "dcgan-ns" => spec with { Model = new DcganOptions { LatentDim = 100, GWidth = 64, DWidth = 64 } },
            "dcgan-wgan-gp" => spec with
            {
                Model = new DcganOptions { LatentDim = 100, GWidth = 64, DWidth = 64, DBatchNorm = false },
                Loss = new LossSpec { Name = LossName.WganGp, PenaltyWeight = 10 },
                GOptim = critic, DOptim = critic,
            },
            "mlp-vae" => spec with
            {
                Data = spec.Data with { Scale = PixelScale.ZeroOne, Binarize = true },
                Model = new VaeOptions
                {
                    LatentDim = 20, Architecture = VaeArchitecture.Mlp, Hidden = [400], Activation = VaeActivation.Relu,
                    Likelihood = DecoderLikelihood.Bernoulli, Objective = VaeObjective.Elbo,
                },
                GOptim = new OptimizerSpec { Lr = 1e-3, Beta1 = 0.9, Beta2 = 0.999 },
            },
            _ => throw new InputException($"no workbench experiment for '{model.Name}'."),
        };
    }

    /// <summary>Decay of the generator's moving average in the <c>workbench_ema</c> loop.</summary>
    public const double EmaDecay = 0.999;

    /// <summary>Why a model has no EMA loop, or null when it has one (GANs only: a VAE has no generator average).</summary>
    public static string? EmaMissing(BenchModel model) =>
        model == MlpVae ? "the EMA of generator weights applies to GANs only" : null;

    /// <summary>The workbench loop of a model, with or without the EMA of G.</summary>
    internal static ITrainingLoop Workbench(BenchModel model, int batch, long seed, Compute compute, string runsRoot, string? dataRoot, bool ema)
    {
        var spec = WorkbenchSpec(model, batch, seed, compute.Device.ToString(), compute.Threads);
        if (ema) spec = spec with { EmaDecay = EmaDecay };
        return new WorkbenchLoop(spec, compute, runsRoot, dataRoot, ema ? LoopNames.WorkbenchEma : LoopNames.Workbench);
    }
}
