using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>
/// <c>reproductions.yaml</c>: named reproductions of published numbers. Each names its paper, target and
/// metric, the paper's value and error bar, the goal, the experiments (of experiments.yaml) trained per
/// seed, the evaluation <c>protocol</c>, and <c>budgets</c> (<c>quick</c>, <c>cpu</c>, optionally <c>gpu</c>): a
/// budget's <c>set</c> overrides are appended to the reproduction's, its <c>protocol</c> fields merged into
/// the reproduction's, its other fields (seeds, window, notes) replace them. Every reproduction is
/// resolved for every budget, and every member experiment resolved, when the file is loaded, so any
/// error surfaces with its file:line:column before anything trains.
/// </summary>
public sealed class ReproductionFile
{
    static readonly string[] BudgetOnly = ["budgets"];
    readonly Dictionary<string, YamlMappingNode> entries;

    /// <summary>The file it was read from.</summary>
    public string Path { get; }
    /// <summary>The experiments file the members come from.</summary>
    public ExperimentFile Experiments { get; }
    /// <summary>Reproduction names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    ReproductionFile(string path, ExperimentFile experiments, List<(string Name, YamlMappingNode Node)> list)
    {
        Path = path; Experiments = experiments;
        entries = list.ToDictionary(e => e.Name, e => e.Node);
        Names = list.Select(e => e.Name).ToList();
    }

    /// <summary>The default file: reproductions.yaml at the repository root.</summary>
    public static string DefaultPath => System.IO.Path.Combine(WorkbenchPaths.Root, "reproductions.yaml");

    /// <summary>Loads and checks a file against <paramref name="experiments"/> (default: the workbench's own files).</summary>
    public static ReproductionFile Load(string? path = null, ExperimentFile? experiments = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path)) throw new InputException($"{path}: file not found; give the path of a reproductions file (default: reproductions.yaml at the repository root).");
        return Parse(YamlTree.ReadText(path), path, experiments ?? ExperimentFile.Load());
    }

    /// <summary>Parses and checks reproductions given as text.</summary>
    public static ReproductionFile Parse(string text, string path, ExperimentFile experiments)
    {
        var root = YamlTree.Parse(text, path) as YamlMappingNode
            ?? throw new InputException($"{path}: the file must be a mapping with 'reproductions:'.");
        foreach (var key in root.Children.Keys)
            if (YamlTree.Key(key) != "reproductions")
                throw new InputException($"{YamlTree.Origin(key)}: unknown top-level key '{YamlTree.Key(key)}'{Spelling.DidYouMean(YamlTree.Key(key), ["reproductions"])}; expected reproductions.");
        if (YamlTree.Child(root, "reproductions") is not YamlMappingNode section)
            throw new InputException($"{path}: 'reproductions:' must be a mapping of named reproductions.");
        var list = new List<(string, YamlMappingNode)>();
        foreach (var (k, v) in section.Children)
        {
            string name = YamlTree.Key(k);
            if (!ExperimentFile.IsSafeName(name))
                throw new InputException($"{YamlTree.Origin(k)}: reproduction name '{name}' is not allowed: it names a folder of runs and a record, so use letters, digits, '-', '_' and '.'.");
            list.Add((name, v as YamlMappingNode ?? throw new InputException($"{YamlTree.Origin(v)}: reproduction '{name}' must be a mapping of fields, got {YamlTree.Describe(v)}.")));
        }
        var file = new ReproductionFile(path, experiments, list);
        foreach (var name in file.Names)
            foreach (var budget in Enum.GetValues<ReproductionBudget>())
            {
                var r = file.Get(name, budget);
                foreach (var member in file.Members(r, budget)) _ = member;
            }
        return file;
    }

    /// <summary>True when a reproduction of that name exists.</summary>
    public bool Contains(string name) => entries.ContainsKey(name);

    /// <summary>A reproduction resolved for one budget and checked.</summary>
    public ReproductionSpec Get(string name, ReproductionBudget budget)
    {
        if (!entries.TryGetValue(name, out var node))
            throw new InputException($"{Path}: no reproduction named '{name}'{Spelling.DidYouMean(name, Names)}. Reproductions: {string.Join(", ", Names)}.");
        string context = $"{Path} (reproduction '{name}', budget {YamlNames.Of(budget)})";
        var merged = YamlTree.Without(node, BudgetOnly);
        if (YamlTree.Child(node, "budgets") is { } budgets)
        {
            if (budgets is not YamlMappingNode map)
                throw new InputException($"{YamlTree.Origin(budgets)}: reproduction '{name}': 'budgets' must map quick, cpu (and gpu) to their fields, got {YamlTree.Describe(budgets)}.");
            foreach (var (k, _) in map.Children)
                if (YamlNames.Parse(typeof(ReproductionBudget), YamlTree.Key(k)) is null)
                    throw new InputException($"{YamlTree.Origin(k)}: reproduction '{name}': unknown budget '{YamlTree.Key(k)}'{Spelling.DidYouMean(YamlTree.Key(k), YamlNames.Values(typeof(ReproductionBudget)))}; expected {string.Join(", ", YamlNames.Values(typeof(ReproductionBudget)))}.");
            if (budget != ReproductionBudget.Gpu && YamlTree.Child(map, YamlNames.Of(budget)) is null)
                throw new InputException($"{YamlTree.Origin(map)}: reproduction '{name}' needs a '{YamlNames.Of(budget)}:' budget.");
            var layer = YamlTree.Child(map, YamlNames.Of(budget)) ?? YamlTree.Child(map, YamlNames.Of(ReproductionBudget.Cpu));
            if (layer is not null) merged = Layer(merged, layer as YamlMappingNode
                ?? throw new InputException($"{YamlTree.Origin(layer)}: reproduction '{name}': a budget must be a mapping of fields, got {YamlTree.Describe(layer)}."));
        }
        else throw new InputException($"{YamlTree.Origin(node)}: reproduction '{name}' needs 'budgets:' with quick and cpu.");
        if (YamlTree.Child(merged, "name") is { } nameNode)
            throw new InputException($"{YamlTree.Origin(nameNode)}: 'name' cannot be set: a reproduction's name is its key under 'reproductions:'.");
        var binder = new YamlBinder();
        var spec = binder.Bind<ReproductionSpec>(merged) with { Name = name };
        var check = new FieldCheck(f => binder.Origins.TryGetValue(f, out var o) ? o : context, binder.Origins.ContainsKey);
        Validate(spec, check);
        return spec;
    }

    // A budget's fields over the reproduction's: set appended, protocol merged, the rest replaced.
    static YamlMappingNode Layer(YamlMappingNode under, YamlMappingNode budget)
    {
        var result = YamlTree.Merge(under, YamlTree.Without(budget, "set"), ["seeds", "differences"]);
        if (YamlTree.Child(budget, "set") is YamlSequenceNode more)
        {
            var all = new YamlSequenceNode();
            if (YamlTree.Child(under, "set") is YamlSequenceNode first) foreach (var n in first.Children) all.Add(n);
            foreach (var n in more.Children) all.Add(n);
            result = YamlTree.Merge(result, YamlTree.Nest("set", all, YamlTree.Origin(more)));
        }
        else if (YamlTree.Child(budget, "set") is { } bad)
            throw new InputException($"{YamlTree.Origin(bad)}: a budget's 'set' must be a list of key=value overrides, got {YamlTree.Describe(bad)}.");
        return result;
    }

    void Validate(ReproductionSpec r, FieldCheck check)
    {
        if (r.Paper.Length == 0) check.Fail("paper", $"reproduction '{r.Name}' needs 'paper:' (authors, year, title).");
        if (r.Target.Length == 0) check.Fail("target", $"reproduction '{r.Name}' needs 'target:' (the table or figure).");
        if (r.Metric.Length == 0) check.Fail("metric", $"reproduction '{r.Name}' needs 'metric:'.");
        if (r.PaperError is < 0) check.Fail("paper_error", $"paper_error must be ≥ 0, got {r.PaperError}.");
        if (r.Seeds.Count == 0 || r.Seeds.Any(s => s < 0)) check.Fail("seeds", "seeds must be a non-empty list of seeds ≥ 0, e.g. [1, 2, 3].");
        if (r.Seeds.Distinct().Count() != r.Seeds.Count) check.Fail("seeds", $"seeds repeat a seed: [{string.Join(", ", r.Seeds)}].");
        foreach (var e in r.Experiments)
            if (!Experiments.Contains(e))
                check.Fail("experiments", $"reproduction '{r.Name}' trains experiment '{e}', which is not in {Experiments.Path}{Spelling.DidYouMean(e, Experiments.Names)}.");
        r.Protocol.Validate(r, check);
    }

    /// <summary>The members of a resolved reproduction: every experiment at every seed, with the budget's
    /// overrides (the experiments' own <c>quick</c> blocks on the quick budget), each resolved and checked.</summary>
    public IReadOnlyList<ReproductionMember> Members(ReproductionSpec r, ReproductionBudget budget, string? runsRoot = null)
    {
        var members = new List<ReproductionMember>();
        foreach (var experiment in r.Experiments)
            foreach (var seed in r.Seeds)
            {
                var spec = Experiments.Get(experiment, budget == ReproductionBudget.Quick, [.. r.Set, $"seed={seed}"]);
                string hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RunDirectory.ToYaml(spec))))[..8].ToLowerInvariant();
                string dir = System.IO.Path.Combine(runsRoot ?? WorkbenchPaths.Runs, "reproductions", r.Name, YamlNames.Of(budget), $"{experiment}-s{seed}-{hash}");
                members.Add(new ReproductionMember(experiment, seed, spec, dir));
            }
        return members;
    }
}
