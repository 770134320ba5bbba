using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>The ELBO's parts for a batch, each a mean over examples in nats: <c>Loss</c> = −ELBO with
/// the KL weighted by β (what training minimises), <c>Reconstruction</c> = −E_q[log p(x|z)],
/// <c>Kl</c> = KL(q(z|x) ‖ p(z)).</summary>
public sealed record ElboTerms(Tensor Loss, Tensor Reconstruction, Tensor Kl);

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling 2013): an encoder q(z|x) = N(μ(x), diag σ²(x)), a
/// standard normal prior p(z), and a decoder p(x|z) — Bernoulli (logits per pixel) or Gaussian (mean
/// and learned log-variance per pixel). The reparameterisation z = μ + σ·ε, ε ~ N(0, I), makes the
/// ELBO differentiable in the encoder (§2.4). <see cref="Elbo"/> uses the analytic KL of two Gaussians
/// (Appendix B); <see cref="ImportanceBound"/> is the k-sample bound of Burda et al. 2015 (Eq. 8), which
/// equals the ELBO in expectation for k = 1 and tightens as k grows. A conditional VAE (Sohn et al.
/// 2015) gives both networks the one-hot label. Encoder/decoder bodies: <see cref="VaeNetworks"/>.
/// Notebooks: 09-vae-elbo, 10-gan-vs-vae.
/// </summary>
public sealed class Vae : Module<Tensor, Tensor>
{
    readonly Module<Tensor, Tensor> encoder;
    readonly Linear encoder_head;
    readonly Module<Tensor, Tensor> decoder;
    readonly long[] imageShape;

    /// <summary>Length of z.</summary>
    public int LatentDim { get; }
    /// <summary>The decoder likelihood.</summary>
    public DecoderLikelihood Likelihood { get; }
    /// <summary>Number of classes for a conditional VAE, 0 otherwise.</summary>
    public int Classes { get; }
    /// <summary>Shape of one image (C, H, W).</summary>
    public IReadOnlyList<long> ImageShape => imageShape;

    /// <summary>Creates a VAE from an encoder body (images → (B, F)) and a decoder ((B, d [+ K]) →
    /// (B, P·C·H·W) with P = 1 for Bernoulli, 2 for Gaussian).</summary>
    public Vae(Module<Tensor, Tensor> encoderBody, int encoderFeatures, Module<Tensor, Tensor> decoderBody, int latentDim,
        DecoderLikelihood likelihood = DecoderLikelihood.Bernoulli, int classes = 0, long[]? imageShape = null) : base(nameof(Vae))
    {
        encoder = encoderBody;
        encoder_head = Linear(encoderFeatures + classes, 2 * latentDim);        // (B, F [+ K]) → (B, 2d): μ ‖ log σ²
        decoder = decoderBody;
        LatentDim = latentDim; Likelihood = likelihood; Classes = classes;
        this.imageShape = imageShape ?? [1, 28, 28];
        RegisterComponents();
    }

    Tensor WithLabels(Tensor h, Tensor? labels) =>
        Classes == 0 ? h : cat([h, functional.one_hot(labels ?? throw new ArgumentException("a conditional VAE needs labels"), Classes).to(h.dtype)], 1);

    /// <summary>q(z|x): mean and log-variance, each (B, d).</summary>
    public (Tensor Mean, Tensor LogVar) Encode(Tensor x, Tensor? labels = null)
    {
        using var scope = NewDisposeScope();
        var stats = encoder_head.forward(WithLabels(encoder.forward(x), labels)); // (B, 2d)
        return (stats.narrow(1, 0, LatentDim).MoveToOuterDisposeScope(), stats.narrow(1, LatentDim, LatentDim).MoveToOuterDisposeScope());
    }

    /// <summary>The decoder's raw output for codes z (B, d): logits (B, C, H, W) for Bernoulli; for
    /// Gaussian (B, 2, C·H·W) holding the mean (through a sigmoid) and the log-variance (clamped to
    /// [−6, 2] so constant background pixels cannot drive the likelihood to infinity).</summary>
    public Tensor DecodeParameters(Tensor z, Tensor? labels = null)
    {
        using var scope = NewDisposeScope();
        var raw = decoder.forward(WithLabels(z, labels));                       // (B, P·C·H·W)
        if (Likelihood == DecoderLikelihood.Bernoulli) return raw.view([-1, .. imageShape]).MoveToOuterDisposeScope();
        var pair = raw.view(-1, 2, imageShape.Aggregate(1L, (a, b) => a * b));  // (B, 2, C·H·W)
        return stack([torch.sigmoid(pair.select(1, 0)), pair.select(1, 1).clamp(-6, 2)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>The decoder's mean image for codes z: (B, C, H, W) in [0, 1].</summary>
    public Tensor Decode(Tensor z, Tensor? labels = null)
    {
        using var scope = NewDisposeScope();
        var p = DecodeParameters(z, labels);
        var mean = Likelihood == DecoderLikelihood.Bernoulli ? torch.sigmoid(p) : p.select(1, 0).view([-1, .. imageShape]);
        return mean.MoveToOuterDisposeScope();
    }

    /// <summary>log p(x|z) per example, summed over pixels: (B).</summary>
    public Tensor LogLikelihood(Tensor x, Tensor decoderParameters)
    {
        using var scope = NewDisposeScope();
        var target = x.flatten(1);                                              // (B, C·H·W)
        Tensor perPixel;
        if (Likelihood == DecoderLikelihood.Bernoulli)
        {
            perPixel = functional.binary_cross_entropy_with_logits(decoderParameters.flatten(1), target, reduction: Reduction.None).neg();
        }
        else
        {
            var mean = decoderParameters.select(1, 0);
            var logVar = decoderParameters.select(1, 1);
            perPixel = ((target - mean).square() / logVar.exp() + logVar + Math.Log(2 * Math.PI)).mul(-0.5);
        }
        return perPixel.sum(1).MoveToOuterDisposeScope();
    }

    /// <summary>z = μ + exp(½ log σ²)·ε with ε ~ N(0, I) from torch's global generator.</summary>
    public static Tensor Reparameterize(Tensor mean, Tensor logVar) => mean + logVar.mul(0.5).exp() * randn_like(mean);

    /// <summary>The ELBO with one reparameterised sample and the analytic KL
    /// <c>KL = −½ Σ_j (1 + log σ_j² − μ_j² − σ_j²)</c>; the loss weights the KL by β.</summary>
    public ElboTerms Elbo(Tensor x, Tensor? labels = null, double beta = 1)
    {
        using var scope = NewDisposeScope();
        var (mean, logVar) = Encode(x, labels);                                 // (B, d) each
        var z = Reparameterize(mean, logVar);
        var reconstruction = LogLikelihood(x, DecodeParameters(z, labels)).neg();   // (B)
        var kl = (logVar.add(1) - mean.square() - logVar.exp()).sum(1).mul(-0.5);   // (B)
        var loss = (reconstruction + kl.mul(beta)).mean();
        return new ElboTerms(loss.MoveToOuterDisposeScope(), reconstruction.mean().MoveToOuterDisposeScope(), kl.mean().MoveToOuterDisposeScope());
    }

    /// <summary>
    /// log w_i = log p(x|z_i) + log p(z_i) − log q(z_i|x) for k samples z_i ~ q(z|x) per example: (k, B).
    /// </summary>
    public Tensor LogImportanceWeights(Tensor x, Tensor? labels, int k)
    {
        using var scope = NewDisposeScope();
        var (mean, logVar) = Encode(x, labels);                                 // (B, d)
        long b = x.shape[0];
        var eps = randn(k, b, LatentDim, dtype: mean.dtype, device: mean.device);   // (k, B, d)
        var z = mean.unsqueeze(0) + logVar.mul(0.5).exp().unsqueeze(0) * eps;  // (k, B, d)
        double halfLog2Pi = 0.5 * Math.Log(2 * Math.PI);
        var logQ = (eps.square().mul(-0.5) - logVar.mul(0.5).unsqueeze(0) - halfLog2Pi).sum(2);   // (k, B)
        var logPrior = (z.square().mul(-0.5) - halfLog2Pi).sum(2);                               // (k, B)
        var repeatedX = x.unsqueeze(0).expand([k, .. x.shape]).reshape([k * b, .. x.shape.Skip(1)]); // (k·B, C, H, W)
        var repeatedLabels = labels?.unsqueeze(0).expand(k, b).reshape(k * b);
        var logLikelihood = LogLikelihood(repeatedX, DecodeParameters(z.view(k * b, LatentDim), repeatedLabels)).view(k, b);
        return (logLikelihood + logPrior - logQ).MoveToOuterDisposeScope();
    }

    /// <summary>The k-sample importance-weighted bound log (1/k) Σ_i w_i per example, (B).</summary>
    public Tensor ImportanceBound(Tensor x, Tensor? labels, int k)
    {
        using var scope = NewDisposeScope();
        return LogImportanceWeights(x, labels, k).logsumexp(0, false).sub(Math.Log(k)).MoveToOuterDisposeScope();
    }

    /// <summary>Sets the Bernoulli decoder's output biases to the logit of each pixel's training mean
    /// (Burda et al. 2015's code), so the untrained decoder already draws the mean image. The decoder's
    /// last layer must be the per-pixel linear layer of <see cref="VaeNetworks.Mlp"/>.</summary>
    public void SetDecoderOutputBias(Tensor pixelMeans)
    {
        if (Likelihood != DecoderLikelihood.Bernoulli || decoder.named_children().LastOrDefault().module is not Linear output || output.bias is null)
            throw new InvalidOperationException("only an MLP VAE with a Bernoulli decoder has per-pixel output biases");
        using var noGrad = no_grad();
        using var p = pixelMeans.flatten().clamp(1e-3, 1 - 1e-3).to(output.bias.dtype).to(output.bias.device);
        output.bias.copy_(p.log() - (1 - p).log());
    }

    /// <summary>The reconstruction of an unconditional VAE: the decoder's mean at z = μ(x).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Decode(Encode(x).Mean).MoveToOuterDisposeScope();
    }
}

/// <summary>Encoder and decoder bodies for <see cref="Vae"/>.</summary>
public static class VaeNetworks
{
    /// <summary>An MLP VAE for 28×28 images: 784 → hidden… (encoder) and d → …hidden reversed → 784·P
    /// (decoder). [400] with relu is Kingma &amp; Welling's 784-400-20 shape; [200, 200] with tanh is
    /// Burda et al.'s 784-200-200-50.</summary>
    public static Vae Mlp(int latentDim, IReadOnlyList<int> hidden, VaeActivation activation = VaeActivation.Relu, DecoderLikelihood likelihood = DecoderLikelihood.Bernoulli, int classes = 0)
    {
        if (hidden.Count == 0) throw new ArgumentException("an MLP VAE needs at least one hidden layer size", nameof(hidden));
        int outputs = 28 * 28 * (likelihood == DecoderLikelihood.Gaussian ? 2 : 1);
        var encoder = Sequential(Flatten());                                    // (B, 1, 28, 28) → (B, 784)
        int last = 28 * 28;
        for (int i = 0; i < hidden.Count; i++)
        {
            encoder.append($"fc{i}", Linear(last, hidden[i]));
            encoder.append($"act{i}", Activation(activation));
            last = hidden[i];
        }
        var decoder = Sequential();
        int inputs = latentDim + classes;
        for (int i = hidden.Count - 1; i >= 0; i--)
        {
            decoder.append($"fc{hidden.Count - 1 - i}", Linear(inputs, hidden[i]));
            decoder.append($"act{hidden.Count - 1 - i}", Activation(activation));
            inputs = hidden[i];
        }
        decoder.append("output", Linear(inputs, outputs));                     // → (B, 784·P)
        return new Vae(encoder, last, decoder, latentDim, likelihood, classes);
    }

    /// <summary>A convolutional VAE for 28×28 images: conv 32 and 64 (4×4, stride 2, ReLU) 28→14→7 then
    /// FC 256 (encoder); FC 256 → 64×7×7 and transposed convolutions 7→14→28 (decoder).</summary>
    public static Vae Conv(int latentDim, DecoderLikelihood likelihood = DecoderLikelihood.Bernoulli, int classes = 0)
    {
        int p = likelihood == DecoderLikelihood.Gaussian ? 2 : 1;
        var encoder = Sequential(
            Conv2d(1, 32, 4, stride: 2, padding: 1), ReLU(),                    // (B, 1, 28, 28) → (B, 32, 14, 14)
            Conv2d(32, 64, 4, stride: 2, padding: 1), ReLU(),                   // → (B, 64, 7, 7)
            Flatten(), Linear(64 * 7 * 7, 256), ReLU());                        // → (B, 256)
        var decoder = Sequential(
            Linear(latentDim + classes, 256), ReLU(), Linear(256, 64 * 7 * 7), ReLU(), // (B, d) → (B, 64·49)
            Unflatten(1, [64, 7, 7]),                                           // → (B, 64, 7, 7)
            ConvTranspose2d(64, 32, 4, stride: 2, padding: 1), ReLU(),         // → (B, 32, 14, 14)
            ConvTranspose2d(32, p, 4, stride: 2, padding: 1),                   // → (B, P, 28, 28)
            Flatten());                                                         // → (B, P·784)
        return new Vae(encoder, 256, decoder, latentDim, likelihood, classes);
    }

    static Module<Tensor, Tensor> Activation(VaeActivation kind) => kind switch
    {
        VaeActivation.Relu => ReLU(),
        VaeActivation.Tanh => Tanh(),
        VaeActivation.Softplus => Softplus(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
