using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>A sweep as written under <c>sweeps:</c> (bound by <see cref="YamlBinder"/>; <see cref="SweepDefinition"/>
/// checks and expands it). Swept values stay YAML nodes, so each member's layer keeps their origins.</summary>
public sealed record SweepSpec
{
    /// <summary>The base experiment (omit it when the grid varies <c>experiment</c>).</summary>
    public string? Experiment { get; init; }
    /// <summary>One sentence on what the sweep compares.</summary>
    public string Description { get; init; } = "";
    /// <summary>Fields (dotted paths, or <c>experiment</c>) and the values to combine.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<YamlNode>>? Grid { get; init; }
    /// <summary>Random draws of fields.</summary>
    public RandomSweepSpec? Random { get; init; }
    /// <summary>The seeds every grid point and draw is run with.</summary>
    public IReadOnlyList<YamlNode>? Seeds { get; init; }
    /// <summary>The metrics.jsonl column the report compares.</summary>
    public string Metric { get; init; } = "g_loss";
    /// <summary>The swept field whose values form the report's groups (default: the first).</summary>
    public string? GroupBy { get; init; }
}

/// <summary>The <c>random:</c> part of a sweep: <see cref="Count"/> draws, seeded, of per-field distributions.</summary>
public sealed record RandomSweepSpec
{
    /// <summary>How many draws.</summary>
    public int Count { get; init; }
    /// <summary>Seed of the draws.</summary>
    public int Seed { get; init; }
    /// <summary>Each field's distribution.</summary>
    public IReadOnlyDictionary<string, DistributionSpec> Fields { get; init; } = new Dictionary<string, DistributionSpec>();
}

/// <summary>The distributions a random sweep field may follow.</summary>
public enum DistributionKind
{
    /// <summary>Uniform on [low, high].</summary>
    Uniform,
    /// <summary>Uniform in the logarithm on [low, high], 0 &lt; low.</summary>
    LogUniform,
    /// <summary>Integers low…high, each equally likely.</summary>
    IntUniform,
    /// <summary>One of the listed values, each equally likely.</summary>
    Choice,
}

/// <summary>One field's distribution: exactly one of uniform, log-uniform or integer-uniform bounds [low, high], or a choice of values.</summary>
public sealed record DistributionSpec
{
    /// <summary>[low, high], uniform.</summary>
    public IReadOnlyList<YamlNode>? Uniform { get; init; }
    /// <summary>[low, high], uniform in the logarithm (0 &lt; low).</summary>
    public IReadOnlyList<YamlNode>? LogUniform { get; init; }
    /// <summary>[low, high], integers, both included.</summary>
    public IReadOnlyList<YamlNode>? IntUniform { get; init; }
    /// <summary>Values drawn with equal probability.</summary>
    public IReadOnlyList<YamlNode>? Choice { get; init; }

    /// <summary>The one distribution given and its arguments.</summary>
    internal (DistributionKind Kind, IReadOnlyList<YamlNode> Args) Only(string origin, string sweep, string field)
    {
        var given = new (DistributionKind Kind, IReadOnlyList<YamlNode>? Args)[]
            {
                (DistributionKind.Uniform, Uniform), (DistributionKind.LogUniform, LogUniform), (DistributionKind.IntUniform, IntUniform), (DistributionKind.Choice, Choice),
            }
            .Where(d => d.Args is not null).ToList();
        if (given.Count != 1)
            throw new InputException($"{origin}: sweep '{sweep}': random field '{field}' needs one distribution: " +
                                     "{ uniform: [low, high] }, { log_uniform: [low, high] }, { int_uniform: [low, high] } or { choice: [a, b, …] }.");
        return (given[0].Kind, given[0].Args!);
    }
}
