using GanWorkbench.Experiments;

namespace GanWorkbench.Losses;

/// <summary>Builds GAN losses by name (the <c>loss.name</c> of experiments.yaml).</summary>
public static class LossZoo
{
    static readonly Dictionary<string, Func<LossSpec, GanLoss>> Builders = new()
    {
        ["ns"] = s => new NonSaturatingLoss(s.RealTarget),
    };

    /// <summary>Known loss names.</summary>
    public static IReadOnlyCollection<string> Names => Builders.Keys;

    /// <summary>Builds the loss.</summary>
    public static GanLoss Create(LossSpec spec) =>
        Builders.TryGetValue(spec.Name, out var build) ? build(spec)
        : throw new InputException($"unknown loss '{spec.Name}'; known: {string.Join(", ", Names)}.");
}
