using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Data;

/// <summary>Where a <see cref="BatchSampler"/> is: the epoch and the batch within it.
/// Enough to resume exactly (each epoch's order is a function of the seed and the epoch).</summary>
public sealed record SamplerPosition(long Epoch, int Batch);

/// <summary>
/// Draws minibatch indices without replacement, epoch by epoch. Epoch <c>e</c>'s order is
/// <c>randperm(N)</c> from a generator seeded with (seed, e), so the order is deterministic for a
/// seed and resuming needs only <see cref="Position"/>. The permutation is moved to the device once
/// per epoch; an incomplete last batch is dropped.
/// </summary>
public sealed class BatchSampler : IDisposable
{
    readonly int count;
    readonly long seed;
    readonly Device device;
    Tensor? order;

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }
    /// <summary>Full batches per epoch.</summary>
    public int BatchesPerEpoch => count / BatchSize;
    /// <summary>The next batch to be drawn.</summary>
    public SamplerPosition Position { get; private set; } = new(0, 0);

    /// <summary>Creates a sampler over <paramref name="count"/> examples.</summary>
    public BatchSampler(int count, int batchSize, long seed, Device device)
    {
        if (batchSize <= 0) throw new InputException($"batch size must be positive, got {batchSize}.");
        if (batchSize > count) throw new InputException($"batch size {batchSize} is larger than the dataset ({count} examples).");
        this.count = count; BatchSize = batchSize; this.seed = seed; this.device = device;
    }

    /// <summary>Moves to a saved position (resume).</summary>
    public void Seek(SamplerPosition position)
    {
        if (position.Epoch != Position.Epoch || order is null) { order?.Dispose(); order = null; }
        Position = position;
    }

    /// <summary>The next batch's indices (int64, on the device). The caller owns the tensor.</summary>
    public Tensor Next()
    {
        if (Position.Batch >= BatchesPerEpoch) { order?.Dispose(); order = null; Position = new(Position.Epoch + 1, 0); }
        if (order is null)
        {
            using var gen = new Generator(unchecked((ulong)(seed * 7919 + Position.Epoch * 104_729 + 17)));
            using var cpuOrder = randperm(count, generator: gen);
            order = cpuOrder.to(device).DetachFromDisposeScope();   // lives across steps, not in the caller's scope
        }
        var indices = order.narrow(0, (long)Position.Batch * BatchSize, BatchSize);
        Position = Position with { Batch = Position.Batch + 1 };
        return indices;
    }

    /// <summary>Frees the cached permutation.</summary>
    public void Dispose() => order?.Dispose();
}
