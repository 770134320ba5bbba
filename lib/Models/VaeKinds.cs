namespace GanWorkbench.Models;

/// <summary>The encoder/decoder shape of a <see cref="Vae"/> (<see cref="VaeNetworks"/>).</summary>
public enum VaeArchitecture
{
    /// <summary>Fully connected layers.</summary>
    Mlp,
    /// <summary>The 28×28 convolutional pair.</summary>
    Conv,
}

/// <summary>The hidden activation of an MLP VAE.</summary>
public enum VaeActivation
{
    /// <summary>ReLU.</summary>
    Relu,
    /// <summary>tanh (Burda et al. 2015).</summary>
    Tanh,
    /// <summary>softplus.</summary>
    Softplus,
}

/// <summary>The decoder likelihood p(x|z) of a <see cref="Vae"/>.</summary>
public enum DecoderLikelihood
{
    /// <summary>Independent Bernoulli pixels (logits per pixel).</summary>
    Bernoulli,
    /// <summary>Independent Gaussian pixels (mean and learned log-variance per pixel).</summary>
    Gaussian,
}

/// <summary>The bound a VAE is trained on.</summary>
public enum VaeObjective
{
    /// <summary>The evidence lower bound with analytic KL (Kingma &amp; Welling 2013, Eq. 10).</summary>
    Elbo,
    /// <summary>The k-sample importance-weighted bound (Burda et al. 2015, Eq. 8).</summary>
    Iwae,
}
