using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>
/// InfoGAN's latent codes from the outside (Chen et al. 2016, §5): assembling G's input
/// (noise ‖ one-hot categorical code ‖ continuous codes, the layout of <c>InfoGanGame</c>), traversals
/// of one continuous code (their Fig. 2), and reading the codes back from images with the Q head —
/// the categorical head as an unsupervised classifier ("cluster = argmax Q(c | x)"). Everything runs
/// in eval mode under no_grad. Notebook: 08-clustering.
/// </summary>
public static class InfoGanCodes
{
    /// <summary>G's input (B, noise + K + C) from noise (B, noise), categories (B) int64 and continuous codes (B, C).</summary>
    public static Tensor Latents(Tensor noise, Tensor categories, Tensor continuous, int categoryCount)
    {
        using var scope = NewDisposeScope();
        var oneHot = nn.functional.one_hot(categories, categoryCount).to(noise.dtype); // (B, K)
        return cat([noise, oneHot, continuous.to(noise.dtype)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A traversal grid of G's inputs, (K·V, noise + K + C): row r has category r, column j sets continuous
    /// code <paramref name="code"/> to <paramref name="values"/>[j]; the other continuous codes are 0 and one
    /// noise vector (drawn from a generator seeded by <paramref name="seed"/>) is shared by the whole grid,
    /// so only the codes change along a row and down a column.
    /// </summary>
    public static Tensor Traversal(int noiseDim, int categoryCount, int continuousCodes, int code, IReadOnlyList<double> values,
        long seed, Device? device = null)
    {
        if (code < 0 || code >= continuousCodes) throw new ArgumentOutOfRangeException(nameof(code), code, $"continuous code index must be in 0..{continuousCodes - 1}");
        if (values.Count == 0) throw new ArgumentException("no values to traverse", nameof(values));
        using var scope = NewDisposeScope();
        using var gen = Runtime.FixedSamples.Generator(seed);
        int v = values.Count;
        var noise = randn(1, noiseDim, generator: gen).expand(categoryCount * v, noiseDim);               // (K·V, noise)
        var categories = arange(categoryCount, dtype: ScalarType.Int64).repeat_interleave(v);             // (K·V)
        var continuous = zeros(categoryCount * v, continuousCodes);
        continuous[TensorIndex.Colon, code] = tensor(values.Select(x => (float)x).ToArray()).repeat(categoryCount); // (K·V)
        return Latents(noise, categories, continuous, categoryCount).to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <summary>The Q head's most likely category for every image (N, 1, 28, 28): the InfoGAN clustering.</summary>
    public static IReadOnlyList<int> PredictCategories(InfoGanDiscriminator discriminator, Tensor images, int batchSize = 1000)
    {
        var result = new List<int>((int)images.shape[0]);
        EvalBatches.ForEach(discriminator, images, batchSize, x =>
        {
            using var argmax = discriminator.ForwardWithCodes(x).CategoryLogits.argmax(1).cpu();
            result.AddRange(argmax.data<long>().ToArray().Select(c => (int)c));
        });
        return result;
    }

    /// <summary>The shared body's features (N, 1024) of images, on the discriminator's device.</summary>
    public static Tensor Features(InfoGanDiscriminator discriminator, Tensor images, int batchSize = 1000)
    {
        var parts = new List<Tensor>();
        EvalBatches.ForEach(discriminator, images, batchSize, x => parts.Add(discriminator.Features(x).DetachFromDisposeScope()));
        using var scope = NewDisposeScope();
        var all = cat(parts, 0).MoveToOuterDisposeScope();
        foreach (var p in parts) p.Dispose();
        return all;
    }
}
