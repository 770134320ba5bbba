using GanWorkbench.Data;

namespace GanWorkbench.Models;

/// <summary>The options of <c>model.name: vae</c>; its optimiser is <c>g_optim</c>.</summary>
public sealed record VaeOptions : ModelOptions
{
    /// <inheritdoc/>
    public override string Name => "vae";
    /// <summary><c>mlp</c> (fully connected, <c>hidden</c> layers) or <c>conv</c> (28×28 convolutional).</summary>
    public VaeArchitecture Architecture { get; init; } = VaeArchitecture.Mlp;
    /// <summary>Hidden layer sizes of the MLP encoder (the decoder mirrors them): [400] is Kingma &amp;
    /// Welling's 784-400-20, [200, 200] Burda et al.'s 784-200-200-50.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [400];
    /// <summary>Hidden activation of the MLP.</summary>
    public VaeActivation Activation { get; init; } = VaeActivation.Relu;
    /// <summary>Decoder likelihood p(x|z): <c>bernoulli</c> (binary pixels) or <c>gaussian</c> (per-pixel mean and learned log-variance).</summary>
    public DecoderLikelihood Likelihood { get; init; } = DecoderLikelihood.Bernoulli;
    /// <summary>Training objective: <c>elbo</c> (reconstruction − β·analytic KL) or <c>iwae</c> (the k-sample
    /// importance-weighted bound, Burda et al. 2015, Eq. 8).</summary>
    public VaeObjective Objective { get; init; } = VaeObjective.Elbo;
    /// <summary>β, the KL weight of the ELBO (Higgins et al. 2017; 1 = the true bound).</summary>
    public double Beta { get; init; } = 1.0;
    /// <summary>k, importance samples per example for the <c>iwae</c> objective (k = 1 is the VAE).</summary>
    public int Samples { get; init; } = 1;
    /// <summary>Conditional VAE (Sohn et al. 2015): encoder and decoder also see the one-hot label.</summary>
    public bool Conditional { get; init; }
    /// <summary>The decoder's output biases: <c>zero</c>, or <c>marginals</c> (logit of the training pixel means, Burda et al. 2015's code; MLP, Bernoulli).</summary>
    public OutputBias OutputBias { get; init; } = OutputBias.Zero;
}

/// <summary>The variational autoencoder (Kingma &amp; Welling 2013) of <see cref="VaeNetworks"/>, trained by
/// <see cref="Training.VaeTrainer"/>.</summary>
public sealed class VaeFamily : ModelFamily
{
    /// <inheritdoc/>
    public override string Description => "variational autoencoder (Kingma & Welling 2013), MLP or conv, Bernoulli or Gaussian";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.ZeroOne;
    /// <inheritdoc/>
    public override ModelOptions DefaultOptions() => new VaeOptions();

    /// <summary>A new VAE for <paramref name="options"/> over <paramref name="classes"/> labels (used when conditional).</summary>
    public Vae Create(VaeOptions options, int classes)
    {
        int labels = options.Conditional ? classes : 0;
        return options.Architecture == VaeArchitecture.Conv
            ? VaeNetworks.Conv(options.LatentDim, options.Likelihood, labels)
            : VaeNetworks.Mlp(options.LatentDim, options.Hidden, options.Activation, options.Likelihood, labels);
    }

    /// <summary>Initialises what the VAE takes from the training data (the decoder's output biases, when asked).</summary>
    public static void InitializeFromData(VaeOptions options, Vae vae, ImageDataset train)
    {
        if (options.OutputBias != OutputBias.Marginals) return;
        using var means = train.PixelMeans();
        vae.SetDecoderOutputBias(means);
    }

    /// <inheritdoc/>
    public override bool NeedsLabels(ModelOptions options) => ((VaeOptions)options).Conditional;

    /// <inheritdoc/>
    public override void Validate(ModelOptions options, FieldCheck check)
    {
        var v = (VaeOptions)options;
        if (v.Hidden.Count == 0 || v.Hidden.Any(h => h <= 0))
            check.Fail("model.hidden", $"model.hidden must list positive layer sizes, e.g. [400], got [{string.Join(", ", v.Hidden)}].");
        check.NonNegative("model.beta", v.Beta);
        check.AtLeast("model.samples", v.Samples, 1);
        if (v.OutputBias == OutputBias.Marginals && (v.Architecture != VaeArchitecture.Mlp || v.Likelihood != DecoderLikelihood.Bernoulli))
            check.Fail("model.output_bias", "model.output_bias: marginals sets per-pixel output biases, which only the MLP VAE with a Bernoulli decoder has; set architecture: mlp and likelihood: bernoulli, or output_bias: zero.");
    }
}
