using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Data;

/// <summary>How pixel bytes 0..255 become floats.</summary>
public enum PixelScale
{
    /// <summary>[0, 1]: for sigmoid outputs and Bernoulli likelihoods (VAE).</summary>
    ZeroOne,
    /// <summary>[−1, 1]: for tanh generators (DCGAN).</summary>
    Tanh,
}

/// <summary>
/// An image dataset held as one tensor on the device: <c>Images</c> is (N, 1, H, W) float32 in the
/// chosen <see cref="PixelScale"/>, <c>Labels</c> is (N) int64. Batches are gathered with
/// <c>index_select</c> on the device, so training makes no host copies per batch.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    /// <summary>(N, 1, H, W) float32 on <see cref="Device"/>.</summary>
    public Tensor Images { get; }
    /// <summary>(N) int64 class labels on <see cref="Device"/>.</summary>
    public Tensor Labels { get; }
    /// <summary>Dataset name, e.g. mnist.</summary>
    public string Name { get; }
    /// <summary>Class names, index = label.</summary>
    public IReadOnlyList<string> ClassNames { get; }
    /// <summary>Pixel scale of <see cref="Images"/>.</summary>
    public PixelScale Scale { get; }
    /// <summary>Number of examples.</summary>
    public int Count => (int)Images.shape[0];
    /// <summary>Image height.</summary>
    public int Height => (int)Images.shape[2];
    /// <summary>Image width.</summary>
    public int Width => (int)Images.shape[3];
    /// <summary>Where the tensors live.</summary>
    public Device Device => Images.device;
    /// <summary>The labels copied to the host as class indices (what clustering scores compare against).</summary>
    public int[] LabelArray() => Labels.cpu().data<long>().ToArray().Select(v => (int)v).ToArray();

    ImageDataset(string name, IReadOnlyList<string> classes, PixelScale scale, Tensor images, Tensor labels)
    {
        Name = name; ClassNames = classes; Scale = scale; Images = images; Labels = labels;
    }

    /// <summary>Loads a verified split (see <see cref="DatasetStore"/>) onto <paramref name="device"/>.</summary>
    public static ImageDataset Load(string dataset, string split, Device device, PixelScale scale = PixelScale.Tanh, string? dataRoot = null) =>
        FromBytes(DatasetStore.Load(dataset, split, dataRoot), device, scale);

    /// <summary>Moves host bytes to the device as one tensor.</summary>
    public static ImageDataset FromBytes(LabelledImages data, Device device, PixelScale scale)
    {
        using var scope = NewDisposeScope();
        var pixels = tensor(data.Pixels, [data.Count, 1, data.Rows, data.Cols]).to(device).to_type(ScalarType.Float32);
        var images = scale == PixelScale.ZeroOne ? pixels.div_(255f) : pixels.div_(127.5f).sub_(1f);
        var labels = tensor(data.Labels, [data.Count]).to(device).to_type(ScalarType.Int64);
        var classes = DatasetCatalog.All.FirstOrDefault(d => d.Name == data.Dataset)?.ClassNames
                      ?? Enumerable.Range(0, 10).Select(i => i.ToString()).ToList();
        return new ImageDataset(data.Dataset, classes, scale, images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>Wraps existing tensors (images (N,1,H,W), labels (N)); the dataset takes ownership.</summary>
    public static ImageDataset FromTensors(string name, Tensor images, Tensor labels, PixelScale scale, IReadOnlyList<string>? classes = null) =>
        new(name, classes ?? Enumerable.Range(0, 10).Select(i => i.ToString()).ToList(), scale, images, labels);

    /// <summary>The first <paramref name="count"/> examples (a copy), e.g. a training split that holds out the rest.</summary>
    public ImageDataset First(int count)
    {
        if (count <= 0 || count > Count) throw new InputException($"{Name}: asked for its first {count} examples, but it has {Count}; give 1 to {Count}.");
        return new ImageDataset(Name, ClassNames, Scale, Images.narrow(0, 0, count).clone(), Labels.narrow(0, 0, count).clone());
    }

    /// <summary>Each pixel's mean over the dataset, (1, H, W), in the dataset's scale.</summary>
    public Tensor PixelMeans()
    {
        using var noGrad = no_grad();
        return Images.mean([0L]);
    }

    /// <summary>
    /// A class-balanced subset of <paramref name="perClass"/> examples of every class present, drawn without
    /// replacement, deterministic for <paramref name="seed"/> (for few-label experiments).
    /// </summary>
    public ImageDataset BalancedSubset(int perClass, long seed)
    {
        if (perClass <= 0) throw new InputException($"labels per class must be positive, got {perClass}.");
        using var scope = NewDisposeScope();
        using var gen = new Generator((ulong)seed);
        var labelsCpu = Labels.cpu();
        var classes = labelsCpu.data<long>().ToArray().Distinct().Order().ToList();
        var chosen = new List<Tensor>();
        foreach (long c in classes)
        {
            var members = nonzero(labelsCpu.eq(c)).flatten();
            if (members.shape[0] < perClass)
                throw new InputException($"{Name}: class {c} ({ClassName(c)}) has {members.shape[0]} examples, fewer than {perClass} asked for.");
            var order = randperm(members.shape[0], generator: gen);
            chosen.Add(members.index_select(0, order.slice(0, 0, perClass, 1)));
        }
        var index = cat(chosen, 0).sort().Values.to(Device);
        return new ImageDataset(Name, ClassNames, Scale,
            Images.index_select(0, index).MoveToOuterDisposeScope(), Labels.index_select(0, index).MoveToOuterDisposeScope());
    }

    string ClassName(long c) => c >= 0 && c < ClassNames.Count ? ClassNames[(int)c] : c.ToString();

    /// <summary>Dynamic binarisation (Burda et al. 2015 protocol): each pixel of a [0,1] batch
    /// becomes 1 with probability equal to its intensity, freshly at every call.</summary>
    public static Tensor Binarize(Tensor zeroOneBatch) =>
        rand_like(zeroOneBatch).lt(zeroOneBatch).to_type(zeroOneBatch.dtype);

    /// <summary>Frees the device tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
