using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>
/// <c>experiments.yaml</c>: <c>defaults</c> (fields every experiment starts from) and named
/// <c>experiments</c>. An experiment's <c>quick</c> mapping (and one in defaults) holds the overrides
/// applied by <c>--quick</c>: a tiny budget for tests and CI. Resolution order, later wins:
/// record defaults → <c>defaults</c> → the experiment → quick overrides → <c>--set</c> overrides.
/// Mappings merge key by key, except <c>budget</c>, which a later layer replaces whole.
/// </summary>
public sealed class ExperimentFile
{
    static readonly string[] TopLevelKeys = ["defaults", "experiments"];
    /// <summary>One-of mappings: a later layer replaces them whole (a budget is steps or epochs).</summary>
    static readonly string[] ReplacedWhole = ["budget"];

    readonly YamlMappingNode defaults;
    readonly Dictionary<string, YamlMappingNode> experiments;

    /// <summary>The file this was read from.</summary>
    public string Path { get; }
    /// <summary>Experiment names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    ExperimentFile(string path, YamlMappingNode defaults, List<(string Name, YamlMappingNode Node)> experiments)
    {
        Path = path; this.defaults = defaults;
        this.experiments = experiments.ToDictionary(e => e.Name, e => e.Node);
        Names = experiments.Select(e => e.Name).ToList();
    }

    /// <summary>Loads and checks the structure of a file (default: the workbench's experiments.yaml).
    /// Every experiment is resolved once, so any error surfaces here, before anything runs.</summary>
    public static ExperimentFile Load(string? path = null)
    {
        path ??= WorkbenchPaths.ExperimentsFile;
        if (!File.Exists(path)) throw new InputException($"{path}: file not found.");
        var root = YamlTree.Parse(File.ReadAllText(path), path)
            ?? throw new InputException($"{path}: the file is empty; it needs 'defaults:' and 'experiments:' mappings.");
        if (root is not YamlMappingNode top)
            throw new InputException($"{YamlTree.Origin(root)}: the file must be a mapping with 'defaults:' and 'experiments:'.");
        foreach (var key in top.Children.Keys)
            if (!TopLevelKeys.Contains(YamlTree.Key(key)))
                throw new InputException($"{YamlTree.Origin(key)}: unknown top-level key '{YamlTree.Key(key)}'{YamlTree.DidYouMean(YamlTree.Key(key), TopLevelKeys)}; " +
                                         $"expected {string.Join(", ", TopLevelKeys)}.");
        var defaults = YamlTree.Child(top, "defaults") switch
        {
            null => new YamlMappingNode(),
            YamlMappingNode m => m,
            var other => throw new InputException($"{YamlTree.Origin(other)}: 'defaults' must be a mapping of fields."),
        };
        var list = new List<(string, YamlMappingNode)>();
        switch (YamlTree.Child(top, "experiments"))
        {
            case null:
                throw new InputException($"{path}: no 'experiments:' mapping; add at least one named experiment.");
            case YamlMappingNode exps:
                foreach (var (k, v) in exps.Children)
                {
                    string name = YamlTree.Key(k);
                    if (v is not YamlMappingNode m)
                        throw new InputException($"{YamlTree.Origin(v)}: experiment '{name}' must be a mapping of fields.");
                    list.Add((name, m));
                }
                break;
            case var other:
                throw new InputException($"{YamlTree.Origin(other)}: 'experiments' must be a mapping of named experiments.");
        }
        var file = new ExperimentFile(path, defaults, list);
        foreach (var name in file.Names) { file.Get(name); file.Get(name, quick: true); }
        return file;
    }

    /// <summary>Resolves one experiment. <paramref name="overrides"/> are <c>key.path=value</c> strings.</summary>
    public ExperimentSpec Get(string name, bool quick = false, IReadOnlyList<string>? overrides = null)
    {
        if (!experiments.TryGetValue(name, out var node))
            throw new InputException($"{Path}: no experiment named '{name}'{YamlTree.DidYouMean(name, Names)}. " +
                                     $"Experiments: {string.Join(", ", Names)}.");
        var merged = YamlTree.Merge(YamlTree.Without(defaults, "quick"), YamlTree.Without(node, "quick"), ReplacedWhole);
        if (quick)
        {
            foreach (var source in new[] { defaults, node })
                if (YamlTree.Child(source, "quick") is { } q)
                    merged = YamlTree.Merge(merged, q as YamlMappingNode
                        ?? throw new InputException($"{YamlTree.Origin(q)}: 'quick' must be a mapping of fields to override."), ReplacedWhole);
        }
        foreach (var text in overrides ?? [])
            merged = YamlTree.Merge(merged, ParseOverride(text), ReplacedWhole);
        var binder = new YamlBinder();
        var spec = binder.Bind<ExperimentSpec>(merged) with { Name = name };
        ExperimentValidator.Validate(spec, binder.Origins, $"{Path} (experiment '{name}')");
        return spec;
    }

    /// <summary>Turns <c>a.b=value</c> into the mapping <c>{a: {b: value}}</c> (value parsed as YAML).</summary>
    public static YamlMappingNode ParseOverride(string text)
    {
        string origin = $"--set {text}";
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
            throw new InputException($"{origin}: expected KEY=VALUE with a dotted key, e.g. --set g_optim.lr=1e-4.");
        string[] path = text[..eq].Trim().Split('.');
        if (path.Any(p => p.Length == 0)) throw new InputException($"{origin}: empty part in key '{text[..eq]}'.");
        YamlNode value = YamlTree.Parse($"v: {text[(eq + 1)..]}", origin) is YamlMappingNode m ? m.Children.Single().Value : new YamlScalarNode("");
        YamlTree.WithOrigin(value, origin);
        for (int i = path.Length - 1; i >= 0; i--)
        {
            var map = new YamlMappingNode();
            map.Children[YamlTree.WithOrigin(new YamlScalarNode(path[i]), origin)] = value;
            value = YamlTree.WithOrigin(map, origin);
        }
        return (YamlMappingNode)value;
    }
}
