using GanWorkbench.Data;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>How a sample set spreads over the classes (or modes).</summary>
/// <param name="Covered">Classes that received at least <c>MinCount</c> samples.</param>
/// <param name="Classes">Number of classes K.</param>
/// <param name="KlToUniform">KL(p̂ ‖ uniform) = Σ p̂ᵢ log(K p̂ᵢ) in nats: 0 when balanced, log K when one class has everything.</param>
/// <param name="Counts">Samples per class (index = class).</param>
/// <param name="MinCount">Samples a class needs to count as covered.</param>
public sealed record CoverageResult(int Covered, int Classes, double KlToUniform, IReadOnlyList<int> Counts, int MinCount)
{
    /// <summary>Covered / Classes.</summary>
    public double Fraction => (double)Covered / Classes;
}

/// <summary>
/// Class coverage, the mode-collapse check of Metz et al. 2017 (<i>Unrolled GANs</i>, §3.3) and
/// Srivastava et al. 2017 (VEEGAN): label each generated sample with the evaluation classifier,
/// count the classes generated at least once, and measure how far the class histogram p̂ is from
/// uniform with <c>KL(p̂ ‖ U) = Σᵢ p̂ᵢ log(K·p̂ᵢ)</c>. A collapsed generator covers few classes and has a
/// large KL; a good MNIST generator covers 10/10 with KL near 0.
/// </summary>
public static class ClassCoverage
{
    /// <summary>Coverage of predicted labels in 0..<paramref name="classes"/> − 1.</summary>
    public static CoverageResult FromLabels(IReadOnlyList<int> labels, int classes, int minCount = 1)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "at least one class");
        if (labels.Count == 0) throw new ArgumentException("no labels", nameof(labels));
        var counts = new int[classes];
        foreach (int label in labels)
        {
            if (label < 0 || label >= classes) throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels must be in 0..{classes - 1}");
            counts[label]++;
        }
        double kl = 0;
        foreach (int c in counts)
            if (c > 0)
            {
                double p = (double)c / labels.Count;
                kl += p * Math.Log(classes * p);
            }
        return new CoverageResult(counts.Count(c => c >= minCount), classes, kl, counts, minCount);
    }

    /// <summary>Coverage of images (N, 1, 28, 28) labelled by the classifier.</summary>
    public static CoverageResult Compute(EvaluationClassifier classifier, Tensor images, PixelScale scale = PixelScale.Tanh, int minCount = 1)
    {
        using var outputs = classifier.Evaluate(images, scale);
        return FromLabels(outputs.PredictedLabels(), classifier.Network.Classes, minCount);
    }
}
