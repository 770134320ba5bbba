using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Data;

/// <summary>A mode of a toy mixture: its centre and standard deviation (after the final scaling).</summary>
public sealed record ToyMode(double X, double Y, double Sigma);

/// <summary>
/// The 2-D toy distributions of WGAN-GP's <c>gan_toy.py</c> (Gulrajani et al. 2017), reproduced exactly:
/// <list type="bullet">
/// <item><c>8gaussians</c>: a centre drawn uniformly from 8 points on the circle of radius 2, plus
/// N(0, 0.02²) noise, all divided by 1.414; drawn afresh for every batch.</item>
/// <item><c>25gaussians</c>: a fixed set of 100,000 points, 4,000 around each of the 5×5 grid points
/// (2i, 2j), i, j ∈ {−2, …, 2}, with N(0, 0.05²) noise, shuffled once, divided by 2.828 and then read
/// in order batch after batch (the last incomplete batch skipped), again and again.</item>
/// <item><c>swissroll</c>: scikit-learn's <c>make_swiss_roll(noise=0.25)</c>, columns 0 and 2, divided
/// by 7.5: t = 1.5π(1 + 2u), (t cos t, t sin t) + N(0, 0.25²); drawn afresh for every batch.</item>
/// </list>
/// <see cref="Modes"/> gives the mixtures' centres and σ after scaling, for mode-coverage metrics.
/// Fresh draws use torch's global generator (so the run's seed and checkpoints cover them); the fixed
/// 25-Gaussian set comes from its own generator seeded by the run's seed.
/// Notebook: 06-gan-zoo.
/// </summary>
public static class ToyDistributions
{
    /// <summary>The dataset names (<c>data.dataset</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = [EightGaussians, TwentyFiveGaussians, SwissRoll];

    /// <summary>The ring of 8 Gaussians, drawn afresh for every batch.</summary>
    public const string EightGaussians = "8gaussians";
    /// <summary>The 5×5 grid of Gaussians, a fixed set of 100,000 points cycled through.</summary>
    public const string TwentyFiveGaussians = "25gaussians";
    /// <summary>The Swiss roll, drawn afresh for every batch.</summary>
    public const string SwissRoll = "swissroll";

    /// <summary>Whether <paramref name="dataset"/> names a toy distribution.</summary>
    public static bool IsToy(string dataset) => Names.Contains(dataset);

    /// <summary>The 8 Gaussians' final scale divisor (gan_toy.py: "stdev").</summary>
    public const double EightScale = 1.414;
    /// <summary>The 25 Gaussians' final scale divisor.</summary>
    public const double TwentyFiveScale = 2.828;
    /// <summary>The swiss roll's final scale divisor.</summary>
    public const double SwissRollScale = 7.5;

    /// <summary>The mixture components of a toy distribution after scaling (empty for the swiss roll).</summary>
    public static IReadOnlyList<ToyMode> Modes(string dataset) => dataset switch
    {
        EightGaussians => EightCentres().Select(c => new ToyMode(c.X / EightScale, c.Y / EightScale, 0.02 / EightScale)).ToList(),
        TwentyFiveGaussians => (from i in Enumerable.Range(-2, 5) from j in Enumerable.Range(-2, 5)
                          select new ToyMode(2.0 * i / TwentyFiveScale, 2.0 * j / TwentyFiveScale, 0.05 / TwentyFiveScale)).ToList(),
        SwissRoll => [],
        _ => throw new InputException($"unknown toy dataset '{dataset}'; known: {string.Join(", ", Names)}."),
    };

    /// <summary>gan_toy.py's centres before scaling, in its order: (±1, 0), (0, ±1), then the diagonals, times 2.</summary>
    static IEnumerable<(double X, double Y)> EightCentres()
    {
        double d = 1 / Math.Sqrt(2);
        (double, double)[] unit = [(1, 0), (-1, 0), (0, 1), (0, -1), (d, d), (d, -d), (-d, d), (-d, -d)];
        return unit.Select(u => (2 * u.Item1, 2 * u.Item2));
    }

    /// <summary>n fresh points of the 8-Gaussian ring (n, 2), float32, from torch's global generator.</summary>
    public static Tensor SampleEightGaussians(long n, Device? device = null)
    {
        using var scope = NewDisposeScope();
        var centres = tensor(EightCentres().SelectMany(c => new[] { (float)c.X, (float)c.Y }).ToArray(), [8, 2]);
        var which = randint(0, 8, [n]);                                         // (n) uniform centre choice
        var points = randn(n, 2).mul(0.02).add(centres.index_select(0, which)).div(EightScale);
        return points.to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <summary>n fresh swiss-roll points (n, 2), float32, from torch's global generator.</summary>
    public static Tensor SampleSwissRoll(long n, Device? device = null)
    {
        using var scope = NewDisposeScope();
        var t = rand(n, dtype: ScalarType.Float64).mul(2).add(1).mul(1.5 * Math.PI);      // (n)
        var y = rand(n, dtype: ScalarType.Float64).mul(21);                     // the roll's height: drawn, then dropped
        var xyz = stack([t * cos(t), y, t * sin(t)], 1) + randn(n, 3, dtype: ScalarType.Float64).mul(0.25);
        var points = xyz.index_select(1, tensor(new long[] { 0, 2 })).to(ScalarType.Float32).div(SwissRollScale);
        return points.to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <summary>Real points drawn behind a toy's sample picture: 512 fresh ones, or the first 1,000 of the fixed set.</summary>
    public static Tensor ReferencePoints(string dataset, long seed, Device device) => dataset switch
    {
        EightGaussians => SampleEightGaussians(512, device),
        SwissRoll => SampleSwissRoll(512, device),
        _ => TwentyFiveGaussiansSet(seed, device).narrow(0, 0, 1000),
    };

    /// <summary>gan_toy.py's fixed 25-Gaussian set: 100,000 points (4,000 per mode), shuffled, scaled.</summary>
    public static Tensor TwentyFiveGaussiansSet(long seed, Device? device = null)
    {
        using var scope = NewDisposeScope();
        using var gen = new torch.Generator(unchecked((ulong)(seed * 2_654_435_761L + 25)));
        var grid = (from r in Enumerable.Range(0, 100_000 / 25)
                    from i in Enumerable.Range(-2, 5) from j in Enumerable.Range(-2, 5)
                    select new[] { 2f * i, 2f * j }).SelectMany(p => p).ToArray();
        var points = tensor(grid, [100_000, 2]) + randn(100_000, 2, generator: gen).mul(0.05);
        var shuffled = points.index_select(0, randperm(100_000, generator: gen)).div(TwentyFiveScale);
        return shuffled.to(device ?? CPU).MoveToOuterDisposeScope();
    }
}

/// <summary>Batches of a toy distribution, as gan_toy.py draws them (see <see cref="ToyDistributions"/>).</summary>
public sealed class ToyBatches : IBatchSource
{
    readonly string dataset;
    readonly Device device;
    readonly Tensor? fixedSet;
    SamplerPosition position = new(0, 0);

    /// <summary>Creates a source of <paramref name="batchSize"/>-point batches.</summary>
    public ToyBatches(string dataset, int batchSize, long seed, Device device)
    {
        if (!ToyDistributions.IsToy(dataset))
            throw new InputException($"unknown toy dataset '{dataset}'; known: {string.Join(", ", ToyDistributions.Names)}.");
        if (batchSize <= 0) throw new InputException($"batch size must be positive, got {batchSize}.");
        this.dataset = dataset; this.device = device; BatchSize = batchSize;
        if (dataset == ToyDistributions.TwentyFiveGaussians) fixedSet = ToyDistributions.TwentyFiveGaussiansSet(seed, device).DetachFromDisposeScope();
    }

    /// <inheritdoc/>
    public int BatchSize { get; }
    /// <inheritdoc/>
    public int BatchesPerEpoch => fixedSet is null ? 100_000 / BatchSize : (int)(fixedSet.shape[0] / BatchSize);
    /// <inheritdoc/>
    public SamplerPosition Position => position;
    /// <inheritdoc/>
    public void Seek(SamplerPosition p) => position = p;

    /// <inheritdoc/>
    public RealBatch Next()
    {
        if (position.Batch >= BatchesPerEpoch) position = new(position.Epoch + 1, 0);
        Tensor points = dataset switch
        {
            ToyDistributions.EightGaussians => ToyDistributions.SampleEightGaussians(BatchSize, device),
            ToyDistributions.SwissRoll => ToyDistributions.SampleSwissRoll(BatchSize, device),
            _ => fixedSet!.narrow(0, (long)position.Batch * BatchSize, BatchSize),
        };
        position = position with { Batch = position.Batch + 1 };
        return new RealBatch(points, null);                                     // (B, 2)
    }

    /// <inheritdoc/>
    public void Dispose() => fixedSet?.Dispose();
}
