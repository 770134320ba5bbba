using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>A generated sample and the training example closest to it.</summary>
/// <param name="SampleIndex">Row of the sample.</param>
/// <param name="TrainingIndex">Row of its nearest training example.</param>
/// <param name="Distance">Euclidean pixel distance between the two.</param>
public sealed record NeighbourMatch(int SampleIndex, int TrainingIndex, double Distance);

/// <summary>
/// Nearest-training-neighbour retrieval, the check of Goodfellow et al. 2014, Fig. 2 (right-most
/// column): beside each generated sample, show the training image closest to it in pixel space, so a
/// reader can see that the model has not simply memorised the training set. Search runs on the
/// tensors' device in blocks (squared distances ‖a‖² + ‖b‖² − 2a·b by matrix product, float32);
/// the reported distance of the match is recomputed exactly in float64.
/// </summary>
public static class NearestTrainingNeighbour
{
    /// <summary>The nearest training row for every sample; both tensors (N, …) and (M, …) with the
    /// same per-example shape and pixel scale.</summary>
    public static IReadOnlyList<NeighbourMatch> Find(Tensor samples, Tensor training, int blockSize = 256)
    {
        if (samples.dim() < 2 || !samples.shape.Skip(1).SequenceEqual(training.shape.Skip(1)))
            throw new ArgumentException($"samples ({string.Join(", ", samples.shape)}) and training ({string.Join(", ", training.shape)}) must have the same per-example shape");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var train = training.flatten(1).to_type(ScalarType.Float32);           // (M, D)
        var trainNorms = train.pow(2).sum(1);                                   // (M)
        var matches = new List<NeighbourMatch>();
        for (long start = 0; start < samples.shape[0]; start += blockSize)
        {
            using var inner = NewDisposeScope();
            long b = Math.Min(blockSize, samples.shape[0] - start);
            var block = samples.narrow(0, start, b).flatten(1).to(train.device).to_type(ScalarType.Float32); // (b, D)
            var squared = block.pow(2).sum(1, keepdim: true) + trainNorms.unsqueeze(0) - 2 * block.mm(train.t()); // (b, M)
            var nearest = squared.argmin(1);                                    // (b)
            var exact = (block.to_type(ScalarType.Float64) - train.index_select(0, nearest).to_type(ScalarType.Float64))
                        .pow(2).sum(1).sqrt();                                  // (b)
            var idx = nearest.cpu().data<long>().ToArray();
            var dist = exact.cpu().data<double>().ToArray();
            for (int i = 0; i < b; i++) matches.Add(new NeighbourMatch((int)(start + i), (int)idx[i], dist[i]));
        }
        return matches;
    }

    /// <summary>Sample/neighbour pairs interleaved, (2N, C, H, W): tile with an even number of
    /// columns (e.g. <c>ImageGrid.FromBatch(pairs, 2)</c>) to get Fig. 2's layout.</summary>
    public static Tensor SideBySide(Tensor samples, Tensor training, IReadOnlyList<NeighbourMatch> matches)
    {
        using var scope = NewDisposeScope();
        var sampleRows = tensor(matches.Select(m => (long)m.SampleIndex).ToArray()).to(samples.device);
        var trainRows = tensor(matches.Select(m => (long)m.TrainingIndex).ToArray()).to(training.device);
        var left = samples.index_select(0, sampleRows);                         // (N, C, H, W)
        var right = training.index_select(0, trainRows).to(samples.device);     // (N, C, H, W)
        return stack([left, right], 1).flatten(0, 1).MoveToOuterDisposeScope();  // (2N, C, H, W)
    }
}
