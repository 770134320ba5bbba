using GanWorkbench.Models;
using TorchSharp;

namespace GanWorkbench.Metrics;

/// <summary>Views of the workbench's VAEs as the plain <see cref="LatentVariableModel"/> that
/// <see cref="VaeLikelihood"/> evaluates.</summary>
public static class LatentVariableModels
{
    /// <summary>An unconditional VAE with a Bernoulli decoder as a <see cref="LatentVariableModel"/>:
    /// q(z|x) from <see cref="Vae.Encode"/>, Bernoulli logits from <see cref="Vae.DecodeParameters"/>.
    /// Put the VAE in eval mode first (the workbench's VAEs have no dropout or batch norm, so the mode
    /// changes nothing today, but the habit keeps evaluations honest).</summary>
    public static LatentVariableModel FromVae(Vae vae)
    {
        if (vae.Likelihood != DecoderLikelihood.Bernoulli)
            throw new InputException($"the likelihood metrics need a Bernoulli decoder (binarised pixels); this VAE's decoder is {vae.Likelihood.ToString().ToLowerInvariant()}.");
        if (vae.Classes > 0)
            throw new InputException("the likelihood metrics evaluate unconditional VAEs; this one is conditional (model.conditional: true).");
        return new LatentVariableModel(vae.LatentDim,
            x =>
            {
                var (mean, logVar) = vae.Encode(x);
                return new GaussianPosterior(mean, logVar);
            },
            z => vae.DecodeParameters(z));
    }
}
