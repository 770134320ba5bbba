using GanWorkbench.Experiments;

namespace GanWorkbench.Models;

/// <summary>A generator and its discriminator, built together from a <see cref="ModelSpec"/>.</summary>
public sealed record GanPair(GeneratorModule Generator, DiscriminatorModule Discriminator) : IDisposable
{
    /// <summary>Disposes both modules.</summary>
    public void Dispose() { Generator.Dispose(); Discriminator.Dispose(); }
}

/// <summary>Builds model pairs by name (the <c>model.name</c> of experiments.yaml).</summary>
public static class ModelZoo
{
    static readonly Dictionary<string, Func<ModelSpec, GanPair>> Builders = new()
    {
        ["dcgan"] = m => new GanPair(new DcganGenerator(m.LatentDim, m.GWidth), new DcganDiscriminator(m.DWidth)),
    };

    /// <summary>Known model names.</summary>
    public static IReadOnlyCollection<string> Names => Builders.Keys;

    /// <summary>Builds the pair (on the CPU; move it with <c>.to(device)</c>).</summary>
    public static GanPair Create(ModelSpec spec) =>
        Builders.TryGetValue(spec.Name, out var build) ? build(spec)
        : throw new InputException($"unknown model '{spec.Name}'; known: {string.Join(", ", Names)}.");
}
