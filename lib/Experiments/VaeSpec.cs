namespace GanWorkbench.Experiments;

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling 2013), used when <c>model.name</c> is <c>vae</c>.
/// The latent size is <c>model.latent_dim</c>; the optimiser is <c>g_optim</c>.
/// </summary>
public sealed record VaeSpec
{
    /// <summary><c>mlp</c> (fully connected, <see cref="Hidden"/> layers) or <c>conv</c> (28×28 convolutional).</summary>
    public string Architecture { get; init; } = "mlp";
    /// <summary>Hidden layer sizes of the MLP encoder (the decoder mirrors them): [400] is Kingma &amp;
    /// Welling's 784-400-20, [200, 200] Burda et al.'s 784-200-200-50.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [400];
    /// <summary>Hidden activation of the MLP: <c>relu</c>, <c>tanh</c> (Burda et al.) or <c>softplus</c>.</summary>
    public string Activation { get; init; } = "relu";
    /// <summary>Decoder likelihood p(x|z): <c>bernoulli</c> (binary pixels) or <c>gaussian</c>
    /// (per-pixel mean and learned log-variance).</summary>
    public string Likelihood { get; init; } = "bernoulli";
    /// <summary>Training objective: <c>elbo</c> (reconstruction − β·analytic KL) or <c>iwae</c>
    /// (the k-sample importance-weighted bound, Burda et al. 2015, Eq. 8).</summary>
    public string Objective { get; init; } = "elbo";
    /// <summary>β, the KL weight of the ELBO (Higgins et al. 2017; 1 = the true bound).</summary>
    public double Beta { get; init; } = 1.0;
    /// <summary>k, importance samples per example for the <c>iwae</c> objective (k = 1 is the VAE).</summary>
    public int Samples { get; init; } = 1;
    /// <summary>Conditional VAE (Sohn et al. 2015): encoder and decoder also see the one-hot label.</summary>
    public bool Conditional { get; init; }
}
