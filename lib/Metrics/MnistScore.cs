using GanWorkbench.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>An Inception-score-style value: mean and standard deviation over splits.</summary>
/// <param name="Mean">Mean of the per-split scores.</param>
/// <param name="StdDev">Population standard deviation of the per-split scores (0 for one split).</param>
/// <param name="Splits">Number of splits.</param>
/// <param name="SampleCount">Images scored.</param>
public sealed record ScoreResult(double Mean, double StdDev, int Splits, int SampleCount);

/// <summary>
/// The MNIST score: the Inception score (Salimans et al. 2016, <i>Improved Techniques for Training
/// GANs</i>, §4) with the workbench's <see cref="EvaluationClassifier"/> in place of Inception-v3,
/// as TF-GAN's "MNIST score":
/// <c>IS = exp( E_x KL( p(y|x) ‖ p(y) ) )</c>, p(y) = E_x p(y|x), computed on each of
/// <c>splits</c> equal parts of the samples and reported as mean ± standard deviation (Salimans et
/// al. used 10 splits of 50,000). It is high when each sample is classified confidently (low
/// entropy of p(y|x)) and the classes are balanced (high entropy of p(y)); its maximum is the number
/// of classes, 10, and its minimum 1. Real MNIST test images score close to 10.
/// </summary>
public static class MnistScore
{
    /// <summary>The score from class probabilities (N, K), each row summing to one.</summary>
    public static ScoreResult FromProbabilities(Tensor probabilities, int splits = 10)
    {
        if (probabilities.dim() != 2) throw new ArgumentException($"expected probabilities (N, K), got ({string.Join(", ", probabilities.shape)})", nameof(probabilities));
        long n = probabilities.shape[0];
        if (splits < 1 || splits > n) throw new ArgumentOutOfRangeException(nameof(splits), splits, $"splits must be in 1..{n}");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = probabilities.to_type(ScalarType.Float64);
        var scores = new double[splits];
        for (int s = 0; s < splits; s++)
        {
            long start = n * s / splits, end = n * (s + 1) / splits;
            var part = p.narrow(0, start, end - start);                         // (n_s, K)
            var marginal = part.mean([0], keepdim: true);                       // (1, K) = p(y)
            // KL(p(y|x) ‖ p(y)) per row, with 0·log 0 = 0 (the clamp only matters where p = 0).
            var kl = (part * (part.clamp_min(1e-300).log() - marginal.clamp_min(1e-300).log())).sum(1); // (n_s)
            scores[s] = Math.Exp(kl.mean().item<double>());
        }
        double mean = scores.Average();
        double std = Math.Sqrt(scores.Sum(v => (v - mean) * (v - mean)) / splits);
        return new ScoreResult(mean, std, splits, (int)n);
    }

    /// <summary>The score of images (N, 1, 28, 28) in <paramref name="scale"/>.</summary>
    public static ScoreResult Compute(EvaluationClassifier classifier, Tensor images, PixelScale scale = PixelScale.Tanh, int splits = 10)
    {
        using var outputs = classifier.Evaluate(images, scale);
        return FromProbabilities(outputs.Probabilities, splits);
    }
}
