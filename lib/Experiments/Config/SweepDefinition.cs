using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>One member of a sweep: a base experiment with some fields set (a grid point and/or a
/// random draw) and a seed. <see cref="DirectoryName"/> is stable for the same resolved configuration,
/// so a re-run finds the member's finished directory and skips it.</summary>
public sealed record SweepMember(int Index, string Label, string DirectoryName, IReadOnlyDictionary<string, string> Values,
    string Group, long Seed, ExperimentSpec Spec);

/// <summary>
/// A named sweep of experiments.yaml: <c>experiment</c> (the base), <c>grid</c> (every combination of
/// the listed values) and/or <c>random</c> (<c>count</c> draws from per-field distributions, seeded),
/// times <c>seeds</c>. <c>metric</c> is the metrics.jsonl column the report compares across members,
/// <c>group_by</c> the field whose values form the report's groups (box plots, as in Lucic et al.
/// 2018, "Are GANs Created Equal?", Fig. 4). Fields are dotted paths of the experiment schema, e.g.
/// <c>loss.name</c> or <c>g_optim.lr</c>; a path that does not exist is an error. The grid may also
/// vary <c>experiment</c> itself (a list of experiment names, e.g. one per loss with its own settings).
/// </summary>
public sealed class SweepDefinition
{
    static readonly string[] Keys = ["experiment", "description", "grid", "random", "seeds", "metric", "group_by"];
    static readonly string[] RandomKeys = ["count", "seed", "fields"];
    static readonly string[] Distributions = ["uniform", "log_uniform", "int_uniform", "choice"];

    readonly ExperimentFile file;
    readonly List<(string Field, YamlScalarNode Key, List<YamlNode> Values)> grid = [];
    readonly List<(string Field, YamlScalarNode Key, string Kind, List<YamlNode> Args)> random = [];
    readonly int randomCount;
    readonly int randomSeed;
    readonly List<YamlScalarNode> seeds = [];
    readonly string origin;

    /// <summary>The sweep's name.</summary>
    public string Name { get; }
    /// <summary>The base experiment.</summary>
    public string Experiment { get; }
    /// <summary>One sentence on what the sweep compares.</summary>
    public string Description { get; }
    /// <summary>The metrics.jsonl column compared across members (its final value; default <c>g_loss</c>).</summary>
    public string Metric { get; }
    /// <summary>The field whose values form the report's groups (default: the first swept field).</summary>
    public string GroupBy { get; }
    /// <summary>The swept fields, grid first, then random.</summary>
    public IReadOnlyList<string> Fields => grid.Select(g => g.Field).Concat(random.Select(r => r.Field)).ToList();

    SweepDefinition(string name, ExperimentFile file, string origin, string experiment, string description, string metric, string? groupBy, int randomCount, int randomSeed)
    {
        Name = name; this.file = file; this.origin = origin; Experiment = experiment; Description = description;
        Metric = metric; this.randomCount = randomCount; this.randomSeed = randomSeed;
        GroupBy = groupBy ?? "";
    }

    internal static SweepDefinition Parse(string name, YamlMappingNode node, ExperimentFile file)
    {
        foreach (var (k, _) in node.Children)
            if (!Keys.Contains(YamlTree.Key(k)))
                throw new InputException($"{YamlTree.Origin(k)}: unknown key '{YamlTree.Key(k)}' in sweep '{name}'{Spelling.DidYouMean(YamlTree.Key(k), Keys)}; expected {string.Join(", ", Keys)}.");
        bool gridVariesExperiment = YamlTree.Child(node, "grid") is YamlMappingNode gm && YamlTree.Child(gm, "experiment") is not null;
        string experiment = Text(node, "experiment", name, required: !gridVariesExperiment) ?? "(each grid experiment)";
        if (!gridVariesExperiment && !file.Contains(experiment))
            throw new InputException($"{YamlTree.Origin(YamlTree.Child(node, "experiment")!)}: sweep '{name}' is over experiment '{experiment}', which does not exist" +
                                     $"{Spelling.DidYouMean(experiment, file.Names)}. Experiments: {string.Join(", ", file.Names)}.");
        int count = 0, seed = 0;
        var randomNode = YamlTree.Child(node, "random");
        if (randomNode is not null)
        {
            var r = randomNode as YamlMappingNode ?? throw new InputException($"{YamlTree.Origin(randomNode)}: sweep '{name}': 'random' must be a mapping with count, seed and fields, got {YamlTree.Describe(randomNode)}.");
            foreach (var (k, _) in r.Children)
                if (!RandomKeys.Contains(YamlTree.Key(k)))
                    throw new InputException($"{YamlTree.Origin(k)}: unknown key '{YamlTree.Key(k)}' in sweep '{name}' random{Spelling.DidYouMean(YamlTree.Key(k), RandomKeys)}; expected {string.Join(", ", RandomKeys)}.");
            count = Integer(r, "count", name, required: true, min: 1);
            seed = Integer(r, "seed", name, required: false, min: 0);
        }
        var sweep = new SweepDefinition(name, file, YamlTree.Origin(node), experiment, Text(node, "description", name) ?? "",
            Text(node, "metric", name) ?? "g_loss", Text(node, "group_by", name), count, seed);

        if (YamlTree.Child(node, "grid") is { } gridNode)
        {
            var g = gridNode as YamlMappingNode ?? throw new InputException($"{YamlTree.Origin(gridNode)}: sweep '{name}': 'grid' must map fields to lists of values, e.g. loss.name: [ns, hinge], got {YamlTree.Describe(gridNode)}.");
            foreach (var (k, v) in g.Children)
            {
                var key = (YamlScalarNode)k;
                string field = key.Value == "experiment" ? "experiment" : CheckField(key, name);
                if (v is not YamlSequenceNode { Children.Count: > 0 } list)
                    throw new InputException($"{YamlTree.Origin(v)}: sweep '{name}': grid field '{field}' needs a non-empty list of values, e.g. [a, b], got {YamlTree.Describe(v)}.");
                if (field == "experiment")
                    foreach (var e in list.Children)
                        if (e is not YamlScalarNode { Value: { } en } || !file.Contains(en))
                            throw new InputException($"{YamlTree.Origin(e)}: sweep '{name}': grid 'experiment' lists '{YamlTree.Flow(e)}', which is not an experiment" +
                                                     $"{Spelling.DidYouMean(YamlTree.Flow(e), file.Names)}. Experiments: {string.Join(", ", file.Names)}.");
                sweep.grid.Add((field, key, list.Children.ToList()));
            }
        }
        if (randomNode is YamlMappingNode rand)
        {
            if (YamlTree.Child(rand, "fields") is not YamlMappingNode { Children.Count: > 0 } fields)
                throw new InputException($"{YamlTree.Origin(rand)}: sweep '{name}': 'random' needs 'fields:', a mapping of fields to distributions, e.g. g_optim.lr: {{ log_uniform: [1.0e-5, 1.0e-2] }}.");
            foreach (var (k, v) in fields.Children)
            {
                var key = (YamlScalarNode)k;
                string field = CheckField(key, name);
                if (v is not YamlMappingNode { Children.Count: 1 } dist || !Distributions.Contains(YamlTree.Key(dist.Children.Single().Key)))
                    throw new InputException($"{YamlTree.Origin(v)}: sweep '{name}': random field '{field}' needs one distribution: " +
                                             "{ uniform: [low, high] }, { log_uniform: [low, high] }, { int_uniform: [low, high] } or { choice: [a, b, …] }" +
                                             (v is YamlMappingNode { Children.Count: 1 } one ? $"{Spelling.DidYouMean(YamlTree.Key(one.Children.Single().Key), Distributions)}" : "") + ".");
                var (kindNode, argsNode) = dist.Children.Single();
                string kind = YamlTree.Key(kindNode);
                if (argsNode is not YamlSequenceNode { Children.Count: > 0 } args || (kind != "choice" && args.Children.Count != 2))
                    throw new InputException($"{YamlTree.Origin(argsNode)}: sweep '{name}': {kind} for '{field}' needs {(kind == "choice" ? "a non-empty list of values" : "[low, high]")}, got {YamlTree.Describe(argsNode)}.");
                if (kind != "choice") CheckRange(kind, field, name, args);
                sweep.random.Add((field, key, kind, args.Children.ToList()));
            }
        }
        if (YamlTree.Child(node, "seeds") is { } seedsNode)
        {
            if (seedsNode is not YamlSequenceNode { Children.Count: > 0 } list || list.Children.Any(c => c is not YamlScalarNode))
                throw new InputException($"{YamlTree.Origin(seedsNode)}: sweep '{name}': 'seeds' must be a non-empty list of integers, e.g. [1, 2, 3], got {YamlTree.Describe(seedsNode)}.");
            sweep.seeds.AddRange(list.Children.Cast<YamlScalarNode>());
        }
        if (sweep.grid.Count == 0 && sweep.random.Count == 0 && sweep.seeds.Count == 0)
            throw new InputException($"{YamlTree.Origin(node)}: sweep '{name}' varies nothing: give 'grid', 'random' or 'seeds'.");
        var groupable = sweep.Fields.Append("seed").ToList();
        if (sweep.GroupBy.Length == 0) sweep = sweep.WithGroupBy(groupable[0]);
        else if (!groupable.Contains(sweep.GroupBy))
            throw new InputException($"{YamlTree.Origin(YamlTree.Child(node, "group_by")!)}: sweep '{name}': group_by '{sweep.GroupBy}' is not a swept field{Spelling.DidYouMean(sweep.GroupBy, groupable)}; " +
                                     $"expected one of {string.Join(", ", groupable)}.");
        return sweep;
    }

    SweepDefinition WithGroupBy(string field)
    {
        var copy = new SweepDefinition(Name, file, origin, Experiment, Description, Metric, field, randomCount, randomSeed);
        copy.grid.AddRange(grid); copy.random.AddRange(random); copy.seeds.AddRange(seeds);
        return copy;
    }

    /// <summary>Expands the sweep into its members (grid × random draws × seeds), each fully resolved
    /// and validated; <paramref name="quick"/> and <paramref name="overrides"/> apply to every member.</summary>
    public IReadOnlyList<SweepMember> Members(bool quick = false, IReadOnlyList<string>? overrides = null)
    {
        var points = new List<List<(string Field, YamlNode Value)>> { new() };
        foreach (var (field, _, values) in grid)
            points = points.SelectMany(p => values.Select(v => p.Append((field, v)).ToList())).ToList();
        if (random.Count > 0)
        {
            var draws = Draws();
            points = points.SelectMany(p => draws.Select(d => p.Concat(d).ToList())).ToList();
        }
        var seedValues = seeds.Count == 0 ? [null] : seeds.Cast<YamlScalarNode?>().ToList();
        var members = new List<SweepMember>();
        foreach (var point in points)
            foreach (var seedNode in seedValues)
            {
                var layer = new YamlMappingNode();
                string experiment = Experiment;
                foreach (var (field, value) in point)
                {
                    if (field == "experiment") { experiment = ((YamlScalarNode)value).Value!; continue; }
                    layer = YamlTree.Merge(layer, YamlTree.Nest(field, value, YamlTree.Origin(value)), ExperimentFile.ReplacedWhole);
                }
                if (seedNode is not null) layer = YamlTree.Merge(layer, YamlTree.Nest("seed", seedNode, YamlTree.Origin(seedNode)));
                int index = members.Count;
                var spec = file.Resolve(experiment, quick, [layer], overrides ?? [], $", sweep '{Name}' member {index}");
                var values = point.ToDictionary(p => p.Field, p => Show(p.Value));
                values["seed"] = spec.Seed.ToString(CultureInfo.InvariantCulture);
                string label = string.Join(" ", values.Select(kv => $"{kv.Key}={kv.Value}"));
                members.Add(new SweepMember(index, label, DirectoryName(values, spec), values, values[GroupBy], spec.Seed, spec));
            }
        return members;
    }

    List<List<(string, YamlNode)>> Draws()
    {
        var rng = new Random(randomSeed);
        var draws = new List<List<(string, YamlNode)>>();
        for (int i = 0; i < randomCount; i++)
        {
            var draw = new List<(string, YamlNode)>();
            foreach (var (field, key, kind, args) in random)
            {
                YamlNode value = kind switch
                {
                    "choice" => args[rng.Next(args.Count)],
                    "int_uniform" => new YamlScalarNode(((long)Math.Floor(Number(args[0]) + rng.NextDouble() * (Number(args[1]) - Number(args[0]) + 1))).ToString(CultureInfo.InvariantCulture)),
                    "log_uniform" => Scalar(Math.Exp(Math.Log(Number(args[0])) + rng.NextDouble() * (Math.Log(Number(args[1])) - Math.Log(Number(args[0]))))),
                    _ => Scalar(Number(args[0]) + rng.NextDouble() * (Number(args[1]) - Number(args[0]))),
                };
                if (kind != "choice") YamlTree.WithOrigin(value, $"{YamlTree.Origin(key)} (random draw {i})");
                draw.Add((field, value));
            }
            draws.Add(draw);
        }
        return draws;
    }

    // Four significant digits: readable labels, and the same draw on every platform.
    static YamlScalarNode Scalar(double v) => new(double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));

    static double Number(YamlNode n) => double.Parse(((YamlScalarNode)n).Value!, NumberStyles.Float, CultureInfo.InvariantCulture);

    static void CheckRange(string kind, string field, string sweep, YamlSequenceNode args)
    {
        foreach (var a in args.Children)
            if (a is not YamlScalarNode { Value: { } text } || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                throw new InputException($"{YamlTree.Origin(a)}: sweep '{sweep}': {kind} bounds for '{field}' must be finite numbers, got {YamlTree.Describe(a)}.");
        double low = Number(args.Children[0]), high = Number(args.Children[1]);
        if (!(low <= high) || (kind == "log_uniform" && low <= 0))
            throw new InputException($"{YamlTree.Origin(args)}: sweep '{sweep}': {kind} for '{field}' needs {(kind == "log_uniform" ? "0 < low ≤ high" : "low ≤ high")}, got [{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)}].");
    }

    static string CheckField(YamlScalarNode key, string sweep)
    {
        string field = key.Value ?? "";
        var paths = SchemaReference.FieldPaths();
        if (field == "name" || !paths.Contains(field))
            throw new InputException($"{YamlTree.Origin(key)}: sweep '{sweep}' varies '{field}', which is not a field of an experiment{Spelling.DidYouMean(field, paths)}. " +
                                     "Fields are dotted paths such as loss.name or g_optim.lr (docs/experiments.md lists them all).");
        if (field == "seed")
            throw new InputException($"{YamlTree.Origin(key)}: sweep '{sweep}': vary the seed with 'seeds: [1, 2, …]', not as a field.");
        return field;
    }

    static string? Text(YamlMappingNode node, string key, string sweep, bool required = false)
    {
        var child = YamlTree.Child(node, key);
        if (child is null)
            return required ? throw new InputException($"{YamlTree.Origin(node)}: sweep '{sweep}' needs '{key}:'{(key == "experiment" ? ", the name of the experiment it varies (or a grid over 'experiment')" : "")}.") : null;
        if (child is not YamlScalarNode { Value: { Length: > 0 } text })
            throw new InputException($"{YamlTree.Origin(child)}: sweep '{sweep}': '{key}' must be a name, got {YamlTree.Describe(child)}.");
        return text;
    }

    static int Integer(YamlMappingNode node, string key, string sweep, bool required, int min)
    {
        var child = YamlTree.Child(node, key);
        if (child is null)
            return required ? throw new InputException($"{YamlTree.Origin(node)}: sweep '{sweep}': 'random' needs '{key}:'.") : 0;
        if (child is not YamlScalarNode { Value: { } text } || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) || v < min)
            throw new InputException($"{YamlTree.Origin(child)}: sweep '{sweep}': random.{key} must be an integer ≥ {min}, got {YamlTree.Describe(child)}.");
        return v;
    }

    static string Show(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : YamlTree.Flow(node);

    static string DirectoryName(IReadOnlyDictionary<string, string> values, ExperimentSpec spec)
    {
        string slug = string.Join("_", values.Select(kv => $"{kv.Key.Split('.').Last()}-{kv.Value}"));
        slug = new string(slug.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray()).Trim('.', '-');
        if (slug.Length > 60) slug = slug[..60].TrimEnd('.', '-');
        if (slug.Length == 0) slug = "member";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RunDirectory.ToYaml(spec)));
        return $"{slug}-{Convert.ToHexString(hash)[..8].ToLowerInvariant()}";
    }
}
