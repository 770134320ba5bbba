using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// Averages of one logging window, as plain numbers, by name in the order they were first logged.
/// GAN runs log <c>d_loss</c> (with <c>d_loss_real</c>, <c>d_loss_fake</c> and <c>penalty</c> when
/// there is one), <c>g_loss</c>, and <c>d_real</c>/<c>d_fake</c> = D(x) and D(G(z)) in the loss's own
/// units (<see cref="Losses.GanLoss.Output"/>); model families add their own (BEGAN <c>k</c> and
/// <c>convergence</c>, InfoGAN <c>mutual_info</c>, …). VAE runs log <c>loss</c>, <c>reconstruction</c>, <c>kl</c>.
/// </summary>
/// <param name="Step">The step the window ends at.</param>
/// <param name="Values">Window averages by name.</param>
/// <param name="ImagesPerSecond">Training throughput over the window (samples seen by either player).</param>
/// <param name="Seconds">Training time in the window.</param>
/// <param name="FirstNonFinite">For each watched loss that went NaN/±∞ in the window, the first step it did.</param>
public sealed record StepMetrics(long Step, IReadOnlyDictionary<string, double> Values, double ImagesPerSecond, double Seconds,
    IReadOnlyDictionary<string, long> FirstNonFinite)
{
    /// <summary>A GAN window from its six standard numbers (d_loss with its real and fake parts,
    /// g_loss, D(x), D(G(z))) — for notebooks and tests that build histories by hand.</summary>
    public StepMetrics(long step, double dLoss, double dLossReal, double dLossFake, double gLoss, double dReal, double dFake,
        double imagesPerSecond, double seconds)
        : this(step, new Dictionary<string, double>
        {
            ["d_loss"] = dLoss, ["d_loss_real"] = dLossReal, ["d_loss_fake"] = dLossFake,
            ["g_loss"] = gLoss, ["d_real"] = dReal, ["d_fake"] = dFake,
        }, imagesPerSecond, seconds, new Dictionary<string, long>())
    {
    }

    /// <summary>A value by name, NaN when not logged.</summary>
    public double Get(string name) => Values.TryGetValue(name, out var v) ? v : double.NaN;
    /// <summary>Discriminator loss (including any penalty).</summary>
    public double DLoss => Get("d_loss");
    /// <summary>Its part on real samples.</summary>
    public double DLossReal => Get("d_loss_real");
    /// <summary>Its part on generated samples.</summary>
    public double DLossFake => Get("d_loss_fake");
    /// <summary>Generator loss.</summary>
    public double GLoss => Get("g_loss");
    /// <summary>D(x), see <see cref="Losses.GanLoss.Output"/>.</summary>
    public double DReal => Get("d_real");
    /// <summary>D(G(z)).</summary>
    public double DFake => Get("d_fake");

    /// <summary>The first watched loss that went non-finite and its step, or null.</summary>
    public (string Name, long Step)? Divergence =>
        FirstNonFinite.Count == 0 ? null : FirstNonFinite.OrderBy(kv => kv.Value).Select(kv => (kv.Key, kv.Value)).First();
}

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
