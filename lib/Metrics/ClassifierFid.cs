using GanWorkbench.Data;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>A classifier-FID value with the sample sizes it was computed from (FID is biased
/// upwards for small samples, so values are only comparable at equal sizes).</summary>
/// <param name="Value">The Fréchet distance d² between the two feature Gaussians.</param>
/// <param name="ReferenceCount">Images on the reference (real) side.</param>
/// <param name="SampleCount">Images on the evaluated side.</param>
public sealed record FidResult(double Value, int ReferenceCount, int SampleCount)
{
    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"{Value:F3} ({SampleCount} vs {ReferenceCount} images)");
}

/// <summary>
/// Classifier-FID: the Fréchet distance (<see cref="FrechetDistance"/>) between Gaussians fitted to
/// the 128 penultimate activations of the workbench's own <see cref="EvaluationClassifier"/>, for a
/// reference set (usually real test images) and a set of samples. This is FID (Heusel et al. 2017)
/// with the MNIST classifier in Inception-v3's place, as in TF-GAN's "MNIST Fréchet distance":
/// Inception features are not meaningful for 28×28 digits. Values depend on the classifier, so they
/// compare runs of this workbench, not numbers from papers. Lower is better; 0 for identical sets.
/// </summary>
public static class ClassifierFid
{
    /// <summary>FID between two image sets (N, 1, 28, 28) in <paramref name="scale"/>.</summary>
    public static FidResult Compute(EvaluationClassifier classifier, Tensor referenceImages, Tensor sampleImages,
        PixelScale scale = PixelScale.Tanh)
    {
        var reference = Moments(classifier, referenceImages, scale);
        return Compute(classifier, reference, sampleImages, scale);
    }

    /// <summary>FID of images against precomputed reference moments (compute those once per run).</summary>
    public static FidResult Compute(EvaluationClassifier classifier, GaussianMoments reference, Tensor sampleImages,
        PixelScale scale = PixelScale.Tanh)
    {
        var samples = Moments(classifier, sampleImages, scale);
        return new FidResult(FrechetDistance.Compute(reference, samples), reference.Count, samples.Count);
    }

    /// <summary>The classifier-feature moments of an image set.</summary>
    public static GaussianMoments Moments(EvaluationClassifier classifier, Tensor images, PixelScale scale = PixelScale.Tanh)
    {
        using var outputs = classifier.Evaluate(images, scale);
        return GaussianMoments.FromFeatures(outputs.Features);
    }
}
