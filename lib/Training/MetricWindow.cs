using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// Accumulates per-step scalars on the device (no synchronisation per step) and reads them all back
/// with one copy per logging window. Each name is averaged over the number of times it was added in
/// the window. Watched names (the losses) also remember the first step at which they were not finite,
/// still without a sync: that is how the divergence guard names the exact step.
/// </summary>
public sealed class MetricWindow : IDisposable
{
    readonly List<string> order = [];
    readonly Dictionary<string, (Tensor Sum, int Count)> sums = [];
    readonly Dictionary<string, Tensor> firstBad = [];

    /// <summary>Where the accumulators live.</summary>
    public Device Device { get; }

    /// <summary>The step being accumulated (set by the trainer before each step).</summary>
    public long Step { get; set; }

    /// <summary>Creates an empty window on <paramref name="device"/>.</summary>
    public MetricWindow(Device device) { Device = device; }

    /// <summary>Adds a scalar (detached; any float dtype) under <paramref name="name"/>.</summary>
    public void Add(string name, Tensor value)
    {
        using var scope = NewDisposeScope();
        var v = value.detach().to(ScalarType.Float64).reshape(Array.Empty<long>());
        if (sums.TryGetValue(name, out var entry))
        {
            entry.Sum.add_(v);
            sums[name] = (entry.Sum, entry.Count + 1);
        }
        else
        {
            order.Add(name);
            sums[name] = (v.clone().DetachFromDisposeScope(), 1);
        }
    }

    /// <summary>Adds a loss and records the first step at which it is NaN or ±∞.</summary>
    public void Watch(string name, Tensor value)
    {
        Add(name, value);
        using var scope = NewDisposeScope();
        if (!firstBad.TryGetValue(name, out var first))
            firstBad[name] = first = full(Array.Empty<long>(), double.PositiveInfinity, dtype: ScalarType.Float64, device: Device).DetachFromDisposeScope();
        var bad = value.detach().isfinite().logical_not().logical_and(first.isinf());
        first.masked_fill_(bad, (double)Step);
    }

    /// <summary>Reads the window's averages and first non-finite steps (one device→host copy) and resets it.</summary>
    public (IReadOnlyDictionary<string, double> Averages, IReadOnlyDictionary<string, long> FirstNonFinite) ReadAndReset()
    {
        var averages = new Dictionary<string, double>();
        var bad = new Dictionary<string, long>();
        if (order.Count == 0) return (averages, bad);
        var watched = firstBad.Keys.ToList();
        double[] host;
        using (var scope = NewDisposeScope())
            host = stack(order.Select(n => sums[n].Sum).Concat(watched.Select(n => firstBad[n])).ToArray()).cpu().data<double>().ToArray();
        for (int i = 0; i < order.Count; i++) averages[order[i]] = host[i] / sums[order[i]].Count;
        for (int i = 0; i < watched.Count; i++)
            if (!double.IsInfinity(host[order.Count + i])) bad[watched[i]] = (long)host[order.Count + i];
        Dispose();
        return (averages, bad);
    }

    /// <summary>Frees the device-side accumulators.</summary>
    public void Dispose()
    {
        foreach (var (sum, _) in sums.Values) sum.Dispose();
        foreach (var t in firstBad.Values) t.Dispose();
        sums.Clear(); firstBad.Clear(); order.Clear();
    }
}
