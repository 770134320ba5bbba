using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>Labelled tensors (e.g. generated images): (N, C, H, W) and their labels (N) int64, on one device. Dispose frees both.</summary>
/// <param name="Images">The images.</param>
/// <param name="Labels">Their labels.</param>
public sealed record LabelledSamples(Tensor Images, Tensor Labels) : IDisposable
{
    /// <summary>Number of images.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>Frees both tensors.</summary>
    public void Dispose() { Images.Dispose(); Labels.Dispose(); }
}

/// <summary>
/// Class-conditional sampling from a trained G(z, y) (Mirza &amp; Osindero 2014): the same number of
/// images for every label, the labels in blocks (all 0s, then all 1s, …), z from a private generator
/// seeded by the caller (torch's global random state is untouched), in eval mode, under no_grad.
/// Used to add generated, labelled images to a small training set (data augmentation) and for
/// class-conditional grids. Notebook: 07-conditional-and-augmentation.
/// </summary>
public static class ConditionalSampling
{
    /// <summary><paramref name="perClass"/> images of each of G's classes, as (Classes·perClass, …) with labels.</summary>
    public static LabelledSamples Generate(ConditionalGeneratorModule generator, int perClass, long seed, int batchSize = 500)
    {
        if (perClass < 1) throw new InputException($"images per class must be positive, got {perClass}.");
        var device = generator.parameters().First().device;
        using var noGrad = no_grad();
        bool wasTraining = generator.training;
        generator.eval();
        using var gen = new Generator(unchecked((ulong)(seed * 2_862_933_555_777_941_757L + 3_037_000_493L)));
        using var scope = NewDisposeScope();
        var labels = arange(generator.Classes, dtype: ScalarType.Int64).repeat_interleave(perClass).to(device); // (K·n) 0…0 1…1 …
        var parts = new List<Tensor>();
        long total = labels.shape[0];
        for (long start = 0; start < total; start += batchSize)
        {
            long size = Math.Min(batchSize, total - start);
            var z = randn(size, generator.LatentDim, generator: gen).to(device);              // (b, nz)
            parts.Add(generator.forward(z, labels.narrow(0, start, size)));                   // (b, C, H, W)
        }
        if (wasTraining) generator.train();
        return new LabelledSamples(cat(parts, 0).MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>A grid-ready batch: row r holds <paramref name="columns"/> samples of class r, one shared z per
    /// column (so a column shows one "style" across classes). Shape (Classes·columns, C, H, W).</summary>
    public static Tensor ClassRows(ConditionalGeneratorModule generator, int columns, long seed)
    {
        var device = generator.parameters().First().device;
        using var noGrad = no_grad();
        bool wasTraining = generator.training;
        generator.eval();
        using var gen = Runtime.FixedSamples.Generator(seed);
        using var scope = NewDisposeScope();
        var z = randn(columns, generator.LatentDim, generator: gen).to(device).repeat(generator.Classes, 1); // (K·cols, nz)
        var labels = arange(generator.Classes, dtype: ScalarType.Int64).repeat_interleave(columns).to(device);
        var images = generator.forward(z, labels);
        if (wasTraining) generator.train();
        return images.MoveToOuterDisposeScope();
    }
}
