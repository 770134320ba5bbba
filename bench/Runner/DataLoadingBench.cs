using System.Diagnostics;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Bench.Report;
using GanWorkbench.Data;
using static TorchSharp.torch;

namespace GanWorkbench.Bench.Runner;

/// <summary>
/// How long MNIST takes to become batches: reading the IDX files with their SHA-256 and header
/// checks (<see cref="DatasetStore.Load"/>), turning the bytes into one scaled float tensor on the
/// device (<see cref="ImageDataset.FromBytes"/>), and gathering a batch with index_select.
/// </summary>
internal static class DataLoadingBench
{
    public static DataLoadingResult Measure(string split, Device device, IReadOnlyList<int> batches, int repeats, string? dataRoot)
    {
        var read = new List<double>();
        var toDevice = new List<double>();
        LabelledImages? bytes = null;
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            bytes = DatasetStore.Load("mnist", split, dataRoot);
            read.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            using var images = ImageDataset.FromBytes(bytes, device, PixelScale.Tanh);
            images.Images.sum().item<float>();      // the tensor exists on the device
            toDevice.Add(clock.Elapsed.TotalSeconds);
        }
        using var dataset = ImageDataset.FromBytes(bytes!, device, PixelScale.Tanh);
        var gather = new Dictionary<string, double>();
        var epoch = new Dictionary<string, double>();
        foreach (int batch in batches)
        {
            using var sampler = new BatchSampler(dataset.Count, batch, seed: 1, device);
            var perBatch = new List<double>(sampler.BatchesPerEpoch);
            var total = Stopwatch.StartNew();
            for (int b = 0; b < sampler.BatchesPerEpoch; b++)
            {
                var clock = Stopwatch.StartNew();
                using (var scope = NewDisposeScope())
                {
                    using var index = sampler.Next();
                    dataset.Images.index_select(0, index);
                    Sgemm.Synchronize(device);
                }
                perBatch.Add(clock.Elapsed.TotalSeconds);
            }
            epoch[batch.ToString()] = total.Elapsed.TotalSeconds;
            gather[batch.ToString()] = Stats.Median(perBatch) * 1e6;
        }
        return new DataLoadingResult(split, dataset.Count, Summary.Of(read), Summary.Of(toDevice), gather, epoch);
    }
}
