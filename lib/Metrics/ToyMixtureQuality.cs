using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>Mode coverage and sample quality on a Gaussian mixture.</summary>
/// <param name="ModesCovered">Modes with at least <c>MinSamplesPerMode</c> high-quality samples.</param>
/// <param name="Modes">Number of modes.</param>
/// <param name="HighQualityFraction">Fraction of samples within 3σ of their nearest mode centre.</param>
/// <param name="HighQualityPerMode">High-quality samples per mode (index = mode).</param>
/// <param name="SampleCount">Samples evaluated.</param>
/// <param name="MinSamplesPerMode">High-quality samples a mode needs to count as covered.</param>
public sealed record ToyMixtureResult(int ModesCovered, int Modes, double HighQualityFraction, IReadOnlyList<int> HighQualityPerMode,
    int SampleCount, int MinSamplesPerMode);

/// <summary>
/// The toy-mixture metrics of Metz et al. 2017 (<i>Unrolled GANs</i>, ring of 8 Gaussians) and
/// Srivastava et al. 2017 (VEEGAN, §5.1, ring and grid): a generated sample is <i>high quality</i>
/// when it lies within 3σ of the nearest mode centre (σ = the mixture components' standard
/// deviation), and a mode is <i>covered</i> when enough high-quality samples fall on it (VEEGAN
/// counts a mode with at least one; pass a larger threshold to be stricter). The mixture itself is an
/// input — centres and σ — so the same metric serves the 8-Gaussian ring, the 25-Gaussian grid
/// (WGAN-GP's toy sets, already scaled as the caller generates them) or any other.
/// </summary>
public static class ToyMixtureQuality
{
    /// <summary>Evaluates samples (N, d) against mode centres (each of length d) with component std σ.</summary>
    public static ToyMixtureResult Evaluate(Tensor samples, IReadOnlyList<double[]> centres, double sigma, int minSamplesPerMode = 1)
    {
        if (centres.Count == 0) throw new ArgumentException("no mode centres", nameof(centres));
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must be positive");
        int d = centres[0].Length;
        if (samples.dim() != 2 || samples.shape[1] != d || centres.Any(c => c.Length != d))
            throw new ArgumentException($"samples ({string.Join(", ", samples.shape)}) and centres must share the dimension {d}");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = samples.to_type(ScalarType.Float64);                            // (N, d)
        var c = tensor(centres.SelectMany(v => v).ToArray(), [centres.Count, d], dtype: ScalarType.Float64).to(x.device); // (K, d)
        var distances = cdist(x, c);                                            // (N, K)
        var (nearestDistance, nearestMode) = distances.min(1);                  // (N), (N)
        var good = nearestDistance.le(3 * sigma);                               // (N)
        var modes = nearestMode.masked_select(good).cpu().data<long>().ToArray();
        var perMode = new int[centres.Count];
        foreach (long m in modes) perMode[m]++;
        int n = (int)samples.shape[0];
        return new ToyMixtureResult(perMode.Count(k => k >= minSamplesPerMode), centres.Count, (double)modes.Length / n, perMode, n, minSamplesPerMode);
    }

    /// <summary>Evaluates host samples (each of length d).</summary>
    public static ToyMixtureResult Evaluate(IReadOnlyList<double[]> samples, IReadOnlyList<double[]> centres, double sigma, int minSamplesPerMode = 1)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        using var t = tensor(samples.SelectMany(v => v).ToArray(), [samples.Count, samples[0].Length], dtype: ScalarType.Float64);
        return Evaluate(t, centres, sigma, minSamplesPerMode);
    }
}
