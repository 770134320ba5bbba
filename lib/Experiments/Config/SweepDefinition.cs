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
    readonly ExperimentFile file;
    readonly List<(string Field, List<YamlNode> Values)> grid = [];
    readonly List<(string Field, string Origin, DistributionKind Kind, List<YamlNode> Args)> random = [];
    readonly int randomCount;
    readonly int randomSeed;
    readonly List<YamlScalarNode> seeds = [];

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

    SweepDefinition(string name, ExperimentFile file, string experiment, string description, string metric, string groupBy, int randomCount, int randomSeed)
    {
        Name = name; this.file = file; Experiment = experiment; Description = description;
        Metric = metric; this.randomCount = randomCount; this.randomSeed = randomSeed; GroupBy = groupBy;
    }

    internal static SweepDefinition Parse(string name, YamlMappingNode node, ExperimentFile file)
    {
        var binder = new YamlBinder();
        var spec = binder.Bind<SweepSpec>(node);
        string At(string field) => binder.Origins.TryGetValue(field, out var o) ? o : YamlTree.Origin(node);
        bool gridVariesExperiment = spec.Grid?.ContainsKey("experiment") ?? false;
        if (spec.Experiment is null && !gridVariesExperiment)
            throw new InputException($"{YamlTree.Origin(node)}: sweep '{name}' needs 'experiment:', the name of the experiment it varies (or a grid over 'experiment').");
        if (spec.Experiment is { } over && !file.Contains(over))
            throw new InputException($"{At("experiment")}: sweep '{name}' is over experiment '{over}', which does not exist" +
                                     $"{Spelling.DidYouMean(over, file.Names)}. Experiments: {string.Join(", ", file.Names)}.");
        if (spec.Random is { } r)
        {
            if (r.Count < 1) throw new InputException($"{At("random.count")}: sweep '{name}': random.count must be an integer ≥ 1, got {r.Count}.");
            if (r.Seed < 0) throw new InputException($"{At("random.seed")}: sweep '{name}': random.seed must be an integer ≥ 0, got {r.Seed}.");
        }
        var fields = new List<string>();
        var sweep = new SweepDefinition(name, file, spec.Experiment ?? "(each grid experiment)", spec.Description, spec.Metric, "",
            spec.Random?.Count ?? 0, spec.Random?.Seed ?? 0);
        foreach (var (key, values) in spec.Grid ?? new Dictionary<string, IReadOnlyList<YamlNode>>())
        {
            string field = key == "experiment" ? key : CheckField(key, At($"grid.{key}"), name);
            if (values.Count == 0)
                throw new InputException($"{At($"grid.{key}")}: sweep '{name}': grid field '{field}' needs a non-empty list of values, e.g. [a, b].");
            if (field == "experiment")
                foreach (var e in values)
                    if (e is not YamlScalarNode { Value: { } en } || !file.Contains(en))
                        throw new InputException($"{YamlTree.Origin(e)}: sweep '{name}': grid 'experiment' lists '{YamlTree.Flow(e)}', which is not an experiment" +
                                                 $"{Spelling.DidYouMean(YamlTree.Flow(e), file.Names)}. Experiments: {string.Join(", ", file.Names)}.");
            sweep.grid.Add((field, values.ToList()));
        }
        if (spec.Random is { } random)
        {
            if (random.Fields.Count == 0)
                throw new InputException($"{At("random")}: sweep '{name}': 'random' needs 'fields:', a mapping of fields to distributions, e.g. g_optim.lr: {{ log_uniform: [1.0e-5, 1.0e-2] }}.");
            foreach (var (key, distribution) in random.Fields)
            {
                string origin = At($"random.fields.{key}");
                string field = CheckField(key, origin, name);
                var (kind, args) = distribution.Only(origin, name, field);
                if (args.Count == 0 || (kind != DistributionKind.Choice && args.Count != 2))
                    throw new InputException($"{origin}: sweep '{name}': {YamlNames.Of(kind)} for '{field}' needs {(kind == DistributionKind.Choice ? "a non-empty list of values" : "[low, high]")}, got {args.Count} values.");
                if (kind != DistributionKind.Choice) CheckRange(kind, field, name, args, origin);
                sweep.random.Add((field, origin, kind, args.ToList()));
            }
        }
        foreach (var seed in spec.Seeds ?? [])
            sweep.seeds.Add(seed as YamlScalarNode
                ?? throw new InputException($"{YamlTree.Origin(seed)}: sweep '{name}': 'seeds' must be a non-empty list of integers, e.g. [1, 2, 3], got {YamlTree.Describe(seed)}."));
        if (spec.Seeds is { Count: 0 })
            throw new InputException($"{At("seeds")}: sweep '{name}': 'seeds' must be a non-empty list of integers, e.g. [1, 2, 3].");
        if (sweep.grid.Count == 0 && sweep.random.Count == 0 && sweep.seeds.Count == 0)
            throw new InputException($"{YamlTree.Origin(node)}: sweep '{name}' varies nothing: give 'grid', 'random' or 'seeds'.");
        var groupable = sweep.Fields.Append("seed").ToList();
        if (spec.GroupBy is null) return sweep.WithGroupBy(groupable[0]);
        if (!groupable.Contains(spec.GroupBy))
            throw new InputException($"{At("group_by")}: sweep '{name}': group_by '{spec.GroupBy}' is not a swept field{Spelling.DidYouMean(spec.GroupBy, groupable)}; " +
                                     $"expected one of {string.Join(", ", groupable)}.");
        return sweep.WithGroupBy(spec.GroupBy);
    }

    SweepDefinition WithGroupBy(string field)
    {
        var copy = new SweepDefinition(Name, file, Experiment, Description, Metric, field, randomCount, randomSeed);
        copy.grid.AddRange(grid); copy.random.AddRange(random); copy.seeds.AddRange(seeds);
        return copy;
    }

    /// <summary>Expands the sweep into its members (grid × random draws × seeds), each fully resolved
    /// and validated; <paramref name="quick"/> and <paramref name="overrides"/> apply to every member.</summary>
    public IReadOnlyList<SweepMember> Members(bool quick = false, IReadOnlyList<string>? overrides = null)
    {
        var points = new List<List<(string Field, YamlNode Value)>> { new() };
        foreach (var (field, values) in grid)
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
            foreach (var (field, origin, kind, args) in random)
            {
                YamlNode value = kind switch
                {
                    DistributionKind.Choice => args[rng.Next(args.Count)],
                    DistributionKind.IntUniform => new YamlScalarNode(((long)Math.Floor(Number(args[0]) + rng.NextDouble() * (Number(args[1]) - Number(args[0]) + 1))).ToString(CultureInfo.InvariantCulture)),
                    DistributionKind.LogUniform => Scalar(Math.Exp(Math.Log(Number(args[0])) + rng.NextDouble() * (Math.Log(Number(args[1])) - Math.Log(Number(args[0]))))),
                    _ => Scalar(Number(args[0]) + rng.NextDouble() * (Number(args[1]) - Number(args[0]))),
                };
                if (kind != DistributionKind.Choice) YamlTree.WithOrigin(value, $"{origin} (random draw {i})");
                draw.Add((field, value));
            }
            draws.Add(draw);
        }
        return draws;
    }

    // Four significant digits: readable labels, and the same draw on every platform.
    static YamlScalarNode Scalar(double v) => new(double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));

    static double Number(YamlNode n) => double.Parse(((YamlScalarNode)n).Value!, NumberStyles.Float, CultureInfo.InvariantCulture);

    static void CheckRange(DistributionKind kind, string field, string sweep, IReadOnlyList<YamlNode> args, string origin)
    {
        foreach (var a in args)
            if (a is not YamlScalarNode { Value: { } text } || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                throw new InputException($"{YamlTree.Origin(a)}: sweep '{sweep}': {YamlNames.Of(kind)} bounds for '{field}' must be finite numbers, got {YamlTree.Describe(a)}.");
        double low = Number(args[0]), high = Number(args[1]);
        if (!(low <= high) || (kind == DistributionKind.LogUniform && low <= 0))
            throw new InputException($"{origin}: sweep '{sweep}': {YamlNames.Of(kind)} for '{field}' needs {(kind == DistributionKind.LogUniform ? "0 < low ≤ high" : "low ≤ high")}, got [{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)}].");
    }

    static string CheckField(string field, string origin, string sweep)
    {
        var paths = SchemaReference.FieldPaths();
        if (field == "name" || !paths.Contains(field))
            throw new InputException($"{origin}: sweep '{sweep}' varies '{field}', which is not a field of an experiment{Spelling.DidYouMean(field, paths)}. " +
                                     "Fields are dotted paths such as loss.name or g_optim.lr (docs/experiments.md lists them all).");
        if (field == "seed")
            throw new InputException($"{origin}: sweep '{sweep}': vary the seed with 'seeds: [1, 2, …]', not as a field.");
        return field;
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
