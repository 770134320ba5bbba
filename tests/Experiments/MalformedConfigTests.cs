using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>
/// Every class of bad experiments file gives one error with the exact place (file:line:column), what
/// was expected and, where one name is close, "did you mean"; the CLI exits with 2 and nothing is
/// created. {0} in an expected message stands for the file's path; {losses}, {models}, {datasets} for
/// the registries' names (they grow as the zoos do).
/// </summary>
public class MalformedConfigTests
{
    const string A = "experiments:\n  a:\n";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "syntax", "experiments:\n  a: [1, 2\n", "{0}:3:1: YAML syntax error: While parsing a flow sequence, did not find expected ',' or ']'. Correct the YAML at this place (a missing ':', an unclosed bracket or quote, or indentation that does not line up are the usual causes)." },
        { "empty", "", "{0}: the file is empty; it needs 'defaults:' and 'experiments:' mappings. Add them (experiments.yaml at the repository root shows the form)." },
        { "only-comments", "# nothing here\n", "{0}: the file is empty; it needs 'defaults:' and 'experiments:' mappings. Add them (experiments.yaml at the repository root shows the form)." },
        { "tab", A + "\tseed: 1\n", "{0}:3:1: a tab character; YAML indents with spaces only. Replace the tab with spaces." },
        { "duplicate-key", A + "    seed: 1\n    seed: 2\n", "{0}:4:5: duplicate key 'seed': it is already set above in the same mapping, and a key may appear only once. Remove or rename one of them." },
        { "two-documents", "experiments: {}\n---\nexperiments: {}\n", "{0}: 2 YAML documents ('---'); the file must hold exactly one. Remove the extra documents or split them into separate files." },
        { "not-a-mapping", "- a\n- b\n", "{0}:1:1: the file must be a mapping with 'defaults:' and 'experiments:', got a list." },
        { "unknown-top-level", "experiment:\n  a: {}\n", "{0}:1:1: unknown top-level key 'experiment' (did you mean 'experiments'?); expected defaults, experiments, sweeps." },
        { "no-experiments", "defaults: {}\n", "{0}: no 'experiments:' mapping; add at least one named experiment." },
        { "experiment-not-mapping", "experiments:\n  a: 3\n", "{0}:2:6: experiment 'a' must be a mapping of fields, got '3'." },
        { "path-traversal-name", "experiments:\n  ../evil:\n    seed: 1\n", "{0}:2:3: experiment name '../evil' is not allowed: it names a run directory, so use letters, digits, '-', '_' and '.', starting with a letter or digit." },
        { "unknown-field", A + "    modle: { name: dcgan }\n", "{0}:3:5: unknown field 'modle' (did you mean 'model'?). Known fields: {fields}." },
        { "unknown-nested-field", A + "    data: { batch_sise: 3 }\n", "{0}:3:13: unknown field 'data.batch_sise' (did you mean 'batch_size'?). Known fields of 'data': {datafields}." },
        { "name-is-the-key", A + "    name: b\n", "{0}:3:5: 'name' cannot be set: an experiment's name is its key under 'experiments:'. Remove this line, and rename the key to rename the experiment." },
        { "integer-expected", A + "    data: { batch_size: many }\n", "{0}:3:25: field 'data.batch_size' expects an integer, got 'many'." },
        { "number-expected", A + "    g_optim: { lr: fast }\n", "{0}:3:20: field 'g_optim.lr' expects a number, got 'fast'." },
        { "mapping-expected", A + "    model: dcgan\n", "{0}:3:12: field 'model' expects a mapping with fields {modelfields}, got 'dcgan'." },
        { "scalar-expected", A + "    seed: [1, 2]\n", "{0}:3:11: field 'seed' expects an integer, got a list." },
        { "huge-long", A + "    seed: 99999999999999999999999\n", "{0}:3:11: field 'seed' = 99999999999999999999999 is too large for an integer; use a value of at most 9223372036854775807." },
        { "huge-int", A + "    data: { batch_size: 3000000000 }\n", "{0}:3:25: field 'data.batch_size' = 3000000000 is too large (at most 2147483647)." },
        { "huge-double", A + "    g_optim: { lr: 1e999 }\n", "{0}:3:20: field 'g_optim.lr' = 1e999 is not a finite number; write an ordinary number such as 0.0002 or 2.0e-4." },
        { "negative-steps", A + "    budget: { steps: -4 }\n", "{0}:3:22: budget.steps must be positive, got -4." },
        { "negative-epochs", A + "    budget: { epochs: -0.5 }\n", "{0}:3:23: budget.epochs must be positive, got -0.5." },
        { "budget-both", A + "    budget: { steps: 4, epochs: 1 }\n", "{0}:3:13: budget needs exactly one of 'steps' or 'epochs' (got both); remove one of them." },
        { "negative-seed", A + "    seed: -1\n", "{0}:3:11: seed must be ≥ 0, got -1." },
        { "beta-out-of-range", A + "    d_optim: { beta1: 1.5 }\n", "{0}:3:23: d_optim.beta1 must be in [0, 1), got 1.5." },
        { "unknown-decay", A + "    g_optim: { decay: cosin }\n", "{0}:3:23: g_optim.decay: unknown value 'cosin' (did you mean 'cosine'?); expected one of none, cosine, exponential, stages." },
        { "lr-min-not-below-lr", A + "    d_optim: { lr: 1.0e-3, decay: cosine, lr_min: 1.0e-3 }\n", "{0}:3:51: d_optim.lr_min must be in [0, d_optim.lr = 0.001), got 0.001." },
        { "negative-weight-decay", A + "    g_optim: { weight_decay: -1.0e-5 }\n", "{0}:3:30: g_optim.weight_decay must be ≥ 0 (e.g. 2.5e-5), got -1E-05; remove it for none." },
        { "smoothing-out-of-range", A + "    loss: { real_target: 0 }\n", "{0}:3:26: loss.real_target must be in (0, 1], got 0." },
        { "unknown-loss", A + "    loss: { name: nss }\n", "{0}:3:19: loss.name: unknown value 'nss' (did you mean 'ns'?); expected one of {losses}." },
        { "unknown-model", A + "    model: { name: dcgna }\n", "{0}:3:20: model.name: unknown value 'dcgna' (did you mean 'dcgan'?); expected one of {models}." },
        { "unknown-dataset", A + "    data: { dataset: minst }\n", "{0}:3:22: data.dataset: unknown value 'minst' (did you mean 'mnist'?); expected one of {datasets}." },
        { "unknown-schedule", A + "    schedule: { kind: alternate }\n", "{0}:3:23: schedule.kind: unknown value 'alternate' (did you mean 'alternating'?); expected one of alternating, simultaneous." },
        { "quick-not-mapping", A + "    quick: 3\n", "{0}:3:12: 'quick' must be a mapping of fields to override, got '3'." },
        { "extends-unknown", "experiments:\n  base: {}\n  a:\n    extends: bsae\n", "{0}:4:14: experiment 'a' extends 'bsae', which does not exist (did you mean 'base'?). Experiments: base, a." },
        { "extends-cycle", "experiments:\n  a: { extends: c }\n  b: { extends: a }\n  c: { extends: b }\n",
          "{0}:3:17: 'extends' makes a cycle: a → c → b → a. An experiment cannot inherit from itself; remove one 'extends' of the cycle." },
        { "extends-self", "experiments:\n  a: { extends: a }\n", "{0}:2:17: 'extends' makes a cycle: a → a. An experiment cannot inherit from itself; remove one 'extends' of the cycle." },
        { "sweep-missing-field", "experiments:\n  a: {}\nsweeps:\n  s:\n    experiment: a\n    grid: { loss.nme: [ns] }\n",
          "{0}:6:13: sweep 's' varies 'loss.nme', which is not a field of an experiment (did you mean 'loss.name'?). Fields are dotted paths such as loss.name or g_optim.lr (docs/experiments.md lists them all)." },
        { "sweep-unknown-experiment", "experiments:\n  a: {}\nsweeps:\n  s:\n    experiment: b\n    seeds: [1]\n",
          "{0}:5:17: sweep 's' is over experiment 'b', which does not exist (did you mean 'a'?). Experiments: a." },
        { "sweep-bad-value", "experiments:\n  a: {}\nsweeps:\n  s:\n    experiment: a\n    grid: { loss.name: [ns, nope] }\n",
          "{0}:6:29: loss.name: unknown value 'nope'; expected one of {losses}." },
        { "sweep-negative-budget", "experiments:\n  a: {}\nsweeps:\n  s:\n    experiment: a\n    grid: { budget.steps: [10, -10] }\n",
          "{0}:6:32: budget.steps must be positive, got -10." },
    };

    static string Expand(string template, string path) => template
        .Replace("{0}", path)
        .Replace("{fields}", string.Join(", ", YamlBinder.FieldNames(typeof(ExperimentSpec))))
        .Replace("{datafields}", string.Join(", ", YamlBinder.FieldNames(typeof(DataSpec))))
        .Replace("{modelfields}", string.Join(", ", YamlBinder.FieldNames(typeof(GanWorkbench.Models.DcganOptions))))
        .Replace("{optimfields}", string.Join(", ", YamlBinder.FieldNames(typeof(OptimizerSpec))))
        .Replace("{losses}", string.Join(", ", YamlNames.Values(typeof(GanWorkbench.Losses.LossName))))
        .Replace("{models}", string.Join(", ", ExperimentValidator.Choices["model.name"]))
        .Replace("{datasets}", string.Join(", ", ExperimentValidator.Choices["data.dataset"]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_malformed_file_gives_its_located_error_and_creates_nothing(string name, string yaml, string expected)
    {
        using var temp = new TempFolder();
        string path = temp.File($"{name}.yaml");
        File.WriteAllText(path, yaml);
        var e = Assert.Throws<InputException>(() => ExperimentFile.Load(path));
        Assert.Equal(Expand(expected, path), e.Message);
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void There_are_at_least_25_cases() => Assert.True(Cases.Count >= 25, $"{Cases.Count} cases");

    [Theory]
    [InlineData("tab", "check")]
    [InlineData("duplicate-key", "run")]
    [InlineData("unknown-loss", "run")]
    [InlineData("negative-steps", "run")]
    [InlineData("extends-cycle", "check")]
    [InlineData("sweep-missing-field", "sweep")]
    [InlineData("huge-long", "run")]
    public void The_cli_exits_with_2_prints_the_error_and_creates_no_run_directory(string name, string command)
    {
        var (_, yaml, expected) = Cases.Select(c => ((string)c[0], (string)c[1], (string)c[2])).Single(c => c.Item1 == name);
        using var temp = new TempFolder();
        string path = temp.File($"{name}.yaml"), runs = temp.File("runs");
        File.WriteAllText(path, yaml);
        string[] args = command switch
        {
            "check" => ["check", path],
            "sweep" => ["sweep", "s", "--quick", "--file", path],
            _ => ["run", "a", "--quick", "--file", path],
        };
        var (code, stdout, stderr) = Gwb.Run(runs, args);
        Assert.Equal(2, code);
        Assert.Equal($"gwb: error: {Expand(expected, path)}\n", stderr);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(runs), "no runs/ folder may appear");
    }

    [Theory]
    [InlineData("g_optim.lr=fast", "--set g_optim.lr=fast: field 'g_optim.lr' expects a number, got 'fast'.")]
    [InlineData("g_optim.lrr=1", "--set g_optim.lrr=1: unknown field 'g_optim.lrr' (did you mean 'lr'?). Known fields of 'g_optim': {optimfields}.")]
    [InlineData("budget.steps=-3", "--set budget.steps=-3: budget.steps must be positive, got -3.")]
    [InlineData("model.g_hidden=-1", "--set model.g_hidden=-1: model.g_hidden must be ≥ 0 (0 = no hidden layer), got -1.")]
    [InlineData("extends=b", "--set extends=b: 'extends' cannot be set from the command line; use --quick, or edit experiments.yaml.")]
    [InlineData("lr", "--set lr: expected KEY=VALUE with a dotted key, e.g. --set g_optim.lr=1e-4.")]
    public void Overrides_are_validated_like_the_file(string set, string expected)
    {
        using var temp = new TempFolder();
        string path = temp.File("e.yaml"), runs = temp.File("runs");
        File.WriteAllText(path, A + "    budget: { steps: 2 }\n");
        var (code, _, stderr) = Gwb.Run(runs, "run", "a", "--file", path, "--set", set);
        Assert.Equal((2, $"gwb: error: {Expand(expected, path)}\n"), (code, stderr));
        Assert.False(Directory.Exists(runs));
    }
}
