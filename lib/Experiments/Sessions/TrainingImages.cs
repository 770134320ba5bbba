using GanWorkbench.Data;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>The training images of an experiment: its dataset's training split in its pixel scale, cut to
/// the first <c>data.train_images</c> when it says so.</summary>
internal static class TrainingImages
{
    /// <summary>Loads them on <paramref name="device"/>.</summary>
    public static ImageDataset Load(ExperimentSpec spec, Device device, string? dataRoot)
    {
        var all = ImageDataset.Load(spec.Data.Dataset, "train", device, spec.Data.Scale, dataRoot);
        if (spec.Data.TrainImages is not int n || n == all.Count) return all;
        using (all) return all.First(n);
    }
}
