using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Losses;

/// <summary>A generator gradient measured on a network: the mean D(G(z)) of the batch and the norm
/// of ∇_θ L_G over all of G's parameters.</summary>
public sealed record GeneratorGradientMeasurement(double MeanDOfGz, double GradientNorm);

/// <summary>
/// Gradients of the generator losses measured by autograd, to set beside the exact curves of
/// <see cref="Theory.GeneratorGradient"/>: why the minimax generator loss saturates when D rejects
/// the samples (Goodfellow et al. 2014, §3) and the non-saturating one does not.
/// Notebook: 02-minimax-game.
/// </summary>
public static class LossGradients
{
    /// <summary>∂L_G/∂a for each logit aᵢ = logit D(G(zᵢ)), as if each were a batch of one (the loss
    /// is a batch mean, so the batch gradient is multiplied back by the batch size).</summary>
    public static IReadOnlyList<double> GeneratorPerLogit(GanLoss loss, IReadOnlyList<double> logits)
    {
        if (logits.Count == 0) throw new ArgumentException("need at least one logit", nameof(logits));
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        var a = tensor(logits.ToArray(), dtype: ScalarType.Float64).requires_grad_(true);    // (n)
        loss.Generator(a).backward();
        return a.grad!.mul(logits.Count).data<double>().ToArray();
    }

    /// <summary>‖∇_θ L_G‖ over G's parameters for the latent batch <paramref name="z"/>, with D fixed
    /// (its parameters get no gradient); G's existing gradients are cleared first and afterwards.</summary>
    public static GeneratorGradientMeasurement GeneratorGradientNorm(GanLoss loss, GeneratorModule generator, DiscriminatorModule discriminator, Tensor z)
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        var parameters = generator.parameters().ToList();
        foreach (var p in parameters) p.grad?.zero_();
        double meanD, norm;
        try
        {
            using var frozen = new Training.FrozenParameters(discriminator);
            var scores = discriminator.forward(generator.forward(z));            // (B)
            loss.Generator(scores).backward();
            meanD = sigmoid(scores.detach()).mean().item<float>();
            norm = Math.Sqrt(parameters.Where(p => p.grad is not null).Sum(p => p.grad!.pow(2).sum().item<float>()));
        }
        finally
        {
            foreach (var p in parameters) p.grad?.zero_();
        }
        return new GeneratorGradientMeasurement(meanD, norm);
    }
}
