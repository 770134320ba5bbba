using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>
/// <c>experiments.yaml</c>: <c>defaults</c> (fields every experiment starts from), named
/// <c>experiments</c> and named <c>sweeps</c>. An experiment may <c>extends:</c> another one (it starts
/// from that experiment's fields, recursively; cycles are errors). An experiment's <c>quick</c> mapping
/// (and one in defaults) holds the overrides applied by <c>--quick</c>: a tiny budget for tests and CI.
/// Resolution order, later wins: record defaults → <c>defaults</c> → the <c>extends</c> chain, base
/// first → the experiment → quick overrides (defaults', then the chain's) → sweep member values →
/// <c>--set</c> overrides. Mappings merge key by key, except <c>budget</c>, which a later layer
/// replaces whole. Every error names file:line:column, what was expected, and a close name if any.
/// </summary>
public sealed partial class ExperimentFile
{
    static readonly string[] TopLevelKeys = ["defaults", "experiments", "sweeps"];
    /// <summary>One-of mappings: a later layer replaces them whole (a budget is steps or epochs).</summary>
    internal static readonly string[] ReplacedWhole = ["budget"];
    /// <summary>Keys of an experiment that are not fields of <see cref="ExperimentSpec"/>.</summary>
    internal static readonly string[] StructuralKeys = ["extends", "quick"];

    readonly YamlMappingNode defaults;
    readonly Dictionary<string, YamlMappingNode> experiments;
    readonly Dictionary<string, SweepDefinition> sweeps;

    /// <summary>The file this was read from.</summary>
    public string Path { get; }
    /// <summary>Experiment names in file order.</summary>
    public IReadOnlyList<string> Names { get; }
    /// <summary>Sweep names in file order.</summary>
    public IReadOnlyList<string> SweepNames { get; }

    ExperimentFile(string path, YamlMappingNode defaults, List<(string Name, YamlMappingNode Node)> experiments,
                   List<(string Name, YamlMappingNode Node)> sweeps)
    {
        Path = path; this.defaults = defaults;
        this.experiments = experiments.ToDictionary(e => e.Name, e => e.Node);
        Names = experiments.Select(e => e.Name).ToList();
        this.sweeps = sweeps.ToDictionary(s => s.Name, s => SweepDefinition.Parse(s.Name, s.Node, this));
        SweepNames = sweeps.Select(s => s.Name).ToList();
    }

    /// <summary>Loads and checks a file (default: the workbench's experiments.yaml). Every experiment
    /// (full and quick) and every sweep member is resolved once, so any error surfaces here, before
    /// anything runs.</summary>
    public static ExperimentFile Load(string? path = null)
    {
        path ??= WorkbenchPaths.ExperimentsFile;
        if (Directory.Exists(path)) throw new InputException($"{path}: is a folder; give the path of an experiments file (e.g. experiments.yaml).");
        if (!File.Exists(path)) throw new InputException($"{path}: file not found; give the path of an experiments file (default: experiments.yaml at the repository root).");
        return Parse(InputFiles.ReadAllText(path, MaxBytes, "An experiments file holds named experiments that extend each other, not generated tables: " +
                                                       "split it into several files (each run with --file), or generate the runs as a sweep."), path);
    }

    /// <summary>Largest experiments file read (bytes): the workbench's own is about 20 KB; resolving every experiment
    /// of a file is linear in its size, so this bounds the time and memory a check or run spends before it starts.</summary>
    public const long MaxBytes = 2L << 20;

    /// <summary>Parses and checks experiments given as text; <paramref name="path"/> names them in errors.</summary>
    public static ExperimentFile Parse(string text, string path)
    {
        var root = YamlTree.Parse(text, path)
            ?? throw new InputException($"{path}: the file is empty; it needs 'defaults:' and 'experiments:' mappings. Add them (experiments.yaml at the repository root shows the form).");
        if (root is not YamlMappingNode top)
            throw new InputException($"{YamlTree.Origin(root)}: the file must be a mapping with 'defaults:' and 'experiments:', got {YamlTree.Describe(root)}.");
        foreach (var key in top.Children.Keys)
            if (!TopLevelKeys.Contains(YamlTree.Key(key)))
                throw new InputException($"{YamlTree.Origin(key)}: unknown top-level key '{YamlTree.Key(key)}'{Spelling.DidYouMean(YamlTree.Key(key), TopLevelKeys)}; " +
                                         $"expected {string.Join(", ", TopLevelKeys)}.");
        var defaults = YamlTree.Child(top, "defaults") switch
        {
            null => new YamlMappingNode(),
            YamlMappingNode m => m,
            var other => throw new InputException($"{YamlTree.Origin(other)}: 'defaults' must be a mapping of fields, got {YamlTree.Describe(other)}."),
        };
        foreach (var (k, _) in defaults.Children)
            if (YamlTree.Key(k) == "extends")
                throw new InputException($"{YamlTree.Origin(k)}: 'extends' belongs in an experiment, not in 'defaults' (every experiment already starts from the defaults).");
        if (YamlTree.Child(top, "experiments") is null)
            throw new InputException($"{path}: no 'experiments:' mapping; add at least one named experiment.");
        var experiments = NamedMappings(top, "experiments", "experiment");
        var sweeps = NamedMappings(top, "sweeps", "sweep");
        var file = new ExperimentFile(path, defaults, experiments, sweeps);
        foreach (var name in file.Names) { file.Get(name); file.Get(name, quick: true); }
        foreach (var sweep in file.sweeps.Values) { sweep.Members(quick: false); sweep.Members(quick: true); }
        return file;
    }

    static List<(string, YamlMappingNode)> NamedMappings(YamlMappingNode top, string section, string what)
    {
        var list = new List<(string, YamlMappingNode)>();
        switch (YamlTree.Child(top, section))
        {
            case null:
                break;
            case YamlScalarNode { Value: null or "" }:
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    string name = YamlTree.Key(k);
                    if (!SafeName().IsMatch(name))
                        throw new InputException($"{YamlTree.Origin(k)}: {what} name '{name}' is not allowed: it names a run directory, so use letters, digits, '-', '_' and '.', " +
                                                 "starting with a letter or digit.");
                    if (v is not YamlMappingNode m)
                        throw new InputException($"{YamlTree.Origin(v)}: {what} '{name}' must be a mapping of fields, got {YamlTree.Describe(v)}.");
                    list.Add((name, m));
                }
                break;
            case var other:
                throw new InputException($"{YamlTree.Origin(other)}: '{section}' must be a mapping of named {what}s, got {YamlTree.Describe(other)}.");
        }
        return list;
    }

    /// <summary>Names that may name a run directory: no separators, no leading dot, no "..".</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    internal static partial Regex SafeName();

    /// <summary>True when <paramref name="name"/> may name an experiment, a sweep or a folder of runs.</summary>
    public static bool IsSafeName(string name) => SafeName().IsMatch(name);

    /// <summary>True when an experiment of that name exists.</summary>
    public bool Contains(string name) => experiments.ContainsKey(name);

    /// <summary>Resolves one experiment. <paramref name="overrides"/> are <c>key.path=value</c> strings.</summary>
    public ExperimentSpec Get(string name, bool quick = false, IReadOnlyList<string>? overrides = null) =>
        Resolve(name, quick, [], overrides ?? []);

    /// <summary>Resolves an experiment with extra layers (sweep member values) before the overrides.</summary>
    internal ExperimentSpec Resolve(string name, bool quick, IReadOnlyList<YamlMappingNode> layers, IReadOnlyList<string> overrides, string? context = null)
    {
        if (!experiments.ContainsKey(name))
            throw new InputException($"{Path}: no experiment named '{name}'{Spelling.DidYouMean(name, Names)}. " +
                                     $"Experiments: {string.Join(", ", Names)}.");
        var chain = Chain(name, []);
        var merged = YamlTree.Merge(YamlTree.Without(defaults, StructuralKeys), YamlTree.Without(chain, StructuralKeys), ReplacedWhole);
        if (quick)
        {
            foreach (var source in new[] { defaults, chain })
                if (YamlTree.Child(source, "quick") is { } q)
                    merged = YamlTree.Merge(merged, q as YamlMappingNode
                        ?? throw new InputException($"{YamlTree.Origin(q)}: 'quick' must be a mapping of fields to override, got {YamlTree.Describe(q)}."), ReplacedWhole);
        }
        if (merged.Children.Keys.FirstOrDefault(k => YamlTree.Key(k) == "name") is { } nameKey)
            throw new InputException($"{YamlTree.Origin(nameKey)}: 'name' cannot be set: an experiment's name is its key under 'experiments:'. Remove this line, and rename the key to rename the experiment.");
        foreach (var layer in layers) merged = YamlTree.Merge(merged, layer, ReplacedWhole);
        foreach (var text in overrides) merged = YamlTree.Merge(merged, ParseOverride(text), ReplacedWhole);
        var binder = new YamlBinder();
        var spec = binder.Bind<ExperimentSpec>(merged) with { Name = name };
        spec = spec with { Loss = LossFactory.Resolve(spec.Loss) };       // the penalty and clipping the loss name implies, explicit
        ExperimentValidator.Validate(spec, binder.Origins, $"{Path} (experiment '{name}'{context})");
        return spec;
    }

    /// <summary>The experiment's own mapping merged over its <c>extends</c> chain (base first).</summary>
    YamlMappingNode Chain(string name, List<string> path)
    {
        path.Add(name);
        var node = experiments[name];
        var own = YamlTree.Without(node, "extends");
        if (YamlTree.Child(node, "extends") is not { } ext) return own;
        if (ext is not YamlScalarNode { Value: { Length: > 0 } parent })
            throw new InputException($"{YamlTree.Origin(ext)}: 'extends' must name another experiment, got {YamlTree.Describe(ext)}.");
        if (!experiments.ContainsKey(parent))
            throw new InputException($"{YamlTree.Origin(ext)}: experiment '{name}' extends '{parent}', which does not exist{Spelling.DidYouMean(parent, Names)}. " +
                                     $"Experiments: {string.Join(", ", Names)}.");
        if (path.Contains(parent))
            throw new InputException($"{YamlTree.Origin(ext)}: 'extends' makes a cycle: {string.Join(" → ", path.SkipWhile(p => p != parent))} → {parent}. " +
                                     "An experiment cannot inherit from itself; remove one 'extends' of the cycle.");
        return YamlTree.Merge(Chain(parent, path), own, ReplacedWhole);
    }

    /// <summary>A named experiment, ready to vary (<see cref="Experiments.Experiment.With"/>) and run.</summary>
    public Experiment Experiment(string name, bool quick = false, IReadOnlyList<string>? overrides = null) =>
        new(this, name, quick, overrides ?? []);

    /// <summary>A named sweep.</summary>
    public SweepDefinition Sweep(string name) =>
        sweeps.TryGetValue(name, out var sweep) ? sweep
        : throw new InputException($"{Path}: no sweep named '{name}'{Spelling.DidYouMean(name, SweepNames)}. " +
                                   (SweepNames.Count > 0 ? $"Sweeps: {string.Join(", ", SweepNames)}." : "The file defines no 'sweeps:'."));

    /// <summary>Turns <c>a.b=value</c> into the mapping <c>{a: {b: value}}</c> (value parsed as YAML).</summary>
    public static YamlMappingNode ParseOverride(string text)
    {
        string origin = $"--set {text}";
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
            throw new InputException($"{origin}: expected KEY=VALUE with a dotted key, e.g. --set g_optim.lr=1e-4.");
        string key = text[..eq].Trim();
        if (key.Split('.').Any(p => p.Length == 0)) throw new InputException($"{origin}: empty part in key '{key}'; write the field's dotted path, e.g. g_optim.lr.");
        if (key.Split('.')[0] is "extends" or "quick")
            throw new InputException($"{origin}: '{key.Split('.')[0]}' cannot be set from the command line; use --quick, or edit experiments.yaml.");
        YamlNode value = YamlTree.Parse($"v: {text[(eq + 1)..]}", origin) is YamlMappingNode m ? m.Children.Single().Value : new YamlScalarNode("");
        return YamlTree.Nest(key, YamlTree.WithOrigin(value, origin), origin);
    }
}
