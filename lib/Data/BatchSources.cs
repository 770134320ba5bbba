using static TorchSharp.torch;

namespace GanWorkbench.Data;

/// <summary>A batch of real training data: samples (B, …) and, for labelled data, labels (B) int64.</summary>
public sealed record RealBatch(Tensor Samples, Tensor? Labels);

/// <summary>
/// Where a trainer's real batches come from. <see cref="Position"/> and <see cref="Seek"/> make
/// resuming exact: together with torch's RNG state (which fresh-sampled sources and dynamic
/// binarisation draw from) they determine every future batch.
/// </summary>
public interface IBatchSource : IDisposable
{
    /// <summary>The next batch; its tensors belong to the caller's dispose scope.</summary>
    RealBatch Next();
    /// <summary>Examples per batch.</summary>
    int BatchSize { get; }
    /// <summary>Batches per pass over the data (what "an epoch" means for budgets).</summary>
    int BatchesPerEpoch { get; }
    /// <summary>The next batch to be drawn.</summary>
    SamplerPosition Position { get; }
    /// <summary>Moves to a saved position.</summary>
    void Seek(SamplerPosition position);
}

/// <summary>Batches from an <see cref="ImageDataset"/> held on the device, in the deterministic order of
/// a <see cref="BatchSampler"/>, optionally binarised afresh at every use (Burda et al. 2015).</summary>
public sealed class ImageBatches : IBatchSource
{
    readonly ImageDataset data;
    readonly BatchSampler sampler;
    readonly bool binarize;
    readonly bool ownsData;

    /// <summary>Creates the source; it disposes the dataset only when <paramref name="ownsData"/>.</summary>
    public ImageBatches(ImageDataset data, int batchSize, long seed, bool binarize = false, bool ownsData = false)
    {
        if (binarize && data.Scale != PixelScale.ZeroOne)
            throw new InputException("dynamic binarisation needs pixels in [0, 1]: set data.scale: zero_one.");
        this.data = data; this.binarize = binarize; this.ownsData = ownsData;
        sampler = new BatchSampler(data.Count, batchSize, seed, data.Device);
    }

    /// <inheritdoc/>
    public int BatchSize => sampler.BatchSize;
    /// <inheritdoc/>
    public int BatchesPerEpoch => sampler.BatchesPerEpoch;
    /// <inheritdoc/>
    public SamplerPosition Position => sampler.Position;
    /// <inheritdoc/>
    public void Seek(SamplerPosition position) => sampler.Seek(position);

    /// <inheritdoc/>
    public RealBatch Next()
    {
        using var index = sampler.Next();
        var images = data.Images.index_select(0, index);                       // (B, 1, H, W)
        if (binarize) images = ImageDataset.Binarize(images);
        return new RealBatch(images, data.Labels.index_select(0, index));      // labels (B)
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        sampler.Dispose();
        if (ownsData) data.Dispose();
    }
}
