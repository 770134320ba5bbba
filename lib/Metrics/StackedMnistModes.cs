using GanWorkbench.Data;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>
/// Mode counting on stacked MNIST (<see cref="StackedMnist"/>; Metz et al. 2017, §3.3, Table 2):
/// each of the three channels of a generated (N, 3, 28, 28) image is labelled by the MNIST
/// <see cref="EvaluationClassifier"/>, the three digits name one of 1,000 modes
/// (100·d₀ + 10·d₁ + d₂), and the result reports the modes generated at least once and
/// KL(mode histogram ‖ uniform over 1,000) — the two columns of Metz et al.'s table.
/// </summary>
public static class StackedMnistModes
{
    /// <summary>Number of modes of stacked MNIST.</summary>
    public const int Modes = 1000;

    /// <summary>Mode coverage from the three per-channel digit labels of each sample.</summary>
    public static CoverageResult FromChannelLabels(IReadOnlyList<int> first, IReadOnlyList<int> second, IReadOnlyList<int> third, int minCount = 1)
    {
        if (first.Count != second.Count || first.Count != third.Count)
            throw new ArgumentException($"channel label lists differ in length: {first.Count}, {second.Count}, {third.Count}");
        var modes = new int[first.Count];
        for (int i = 0; i < modes.Length; i++)
        {
            if (first[i] is < 0 or > 9 || second[i] is < 0 or > 9 || third[i] is < 0 or > 9)
                throw new ArgumentOutOfRangeException(nameof(first), $"digit labels must be in 0..9 (sample {i}: {first[i]}, {second[i]}, {third[i]})");
            modes[i] = 100 * first[i] + 10 * second[i] + third[i];
        }
        return ClassCoverage.FromLabels(modes, Modes, minCount);
    }

    /// <summary>Mode coverage of stacked images (N, 3, 28, 28), labelled channel by channel.</summary>
    public static CoverageResult Compute(EvaluationClassifier mnistClassifier, Tensor images, PixelScale scale = PixelScale.Tanh, int minCount = 1)
    {
        if (images.dim() != 4 || images.shape[1] != 3)
            throw new ArgumentException($"expected stacked images (N, 3, 28, 28), got ({string.Join(", ", images.shape)})", nameof(images));
        var labels = new int[3][];
        for (int c = 0; c < 3; c++)
        {
            using var channel = images.narrow(1, c, 1);                         // (N, 1, 28, 28)
            using var outputs = mnistClassifier.Evaluate(channel, scale);
            labels[c] = outputs.PredictedLabels();
        }
        return FromChannelLabels(labels[0], labels[1], labels[2], minCount);
    }
}
