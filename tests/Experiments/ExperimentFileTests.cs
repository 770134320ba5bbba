using GanWorkbench.Models;
using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

public class ExperimentFileTests
{
    const string Valid = """
        defaults:
          seed: 3
          data: { dataset: mnist, batch_size: 32 }
          quick:
            budget: { steps: 5 }
        experiments:
          a:
            model: { name: dcgan, g_width: 16 }
            budget: { epochs: 2 }
          b:
            data: { batch_size: 16 }
            budget: { steps: 100 }
            quick: { log_every: 1 }
        """;

    static ExperimentFile Load(TempFolder temp, string yaml)
    {
        File.WriteAllText(temp.File("experiments.yaml"), yaml);
        return ExperimentFile.Load(temp.File("experiments.yaml"));
    }

    [Fact]
    public void Layers_resolve_in_order()
    {
        using var temp = new TempFolder();
        var file = Load(temp, Valid);
        Assert.Equal(["a", "b"], file.Names);
        var a = file.Get("a");
        Assert.Equal((3L, 32, 16, 64), (a.Seed, a.Data.BatchSize, ((GanOptions)a.Model).GWidth, ((GanOptions)a.Model).DWidth));
        Assert.Equal(new BudgetSpec { Epochs = 2 }, a.Budget);
        Assert.Equal(new BudgetSpec { Steps = 5 }, file.Get("a", quick: true).Budget);   // budget replaced whole
        var b = file.Get("b", quick: true, ["data.batch_size=8", "loss.real_target=0.9"]);
        Assert.Equal((8, 0.9, 1, 5L), (b.Data.BatchSize, b.Loss.RealTarget, b.LogEvery, b.Budget.Steps!.Value));
    }

    [Fact]
    public void Resolved_config_round_trips_through_yaml()
    {
        using var temp = new TempFolder();
        var spec = Load(temp, Valid).Get("b");
        string yaml = RunDirectory.ToYaml(spec);
        var back = new YamlBinder().Bind<ExperimentSpec>((YamlDotNet.RepresentationModel.YamlMappingNode)YamlTree.Parse(yaml, "config.yaml")!);
        Assert.Equal(RunDirectory.ToYaml(spec), RunDirectory.ToYaml(back));
    }

    [Theory]
    [InlineData("experiments:\n  a:\n    modle: { name: dcgan }\n",
        "{0}:3:5: unknown field 'modle' (did you mean 'model'?). Known fields: name, description, seed, device, threads, data, model, loss, schedule, g_optim, d_optim, budget, log_every, sample_every, sample_count, ema_decay, checkpoint_every, eval_every, eval_metrics, eval_samples, eval_at_start, tensorboard.")]
    [InlineData("experiments:\n  a:\n    data: { batch_size: many }\n",
        "{0}:3:25: field 'data.batch_size' expects an integer, got 'many'.")]
    [InlineData("experiments:\n  a:\n    loss: { name: wgan-gpp }\n",
        "{0}:3:19: loss.name: unknown value 'wgan-gpp' (did you mean 'wgan-gp'?); expected one of mm, ns, wgan, wgan-gp, dragan, lsgan, hinge, began, r1, r2.")]
    [InlineData("experiments:\n  a:\n    budget: { steps: -4 }\n",
        "{0}:3:22: budget.steps must be positive, got -4.")]
    [InlineData("experiments:\n  a:\n    budget: { steps: 4, epochs: 1 }\n",
        "{0}:3:13: budget needs exactly one of 'steps' or 'epochs' (got both); remove one of them.")]
    [InlineData("experiments:\n  a:\n\tseed: 1\n",
        "{0}:3:1: a tab character; YAML indents with spaces only. Replace the tab with spaces.")]
    [InlineData("", "{0}: the file is empty; it needs 'defaults:' and 'experiments:' mappings. Add them (experiments.yaml at the repository root shows the form).")]
    [InlineData("defaults: {}\n", "{0}: no 'experiments:' mapping; add at least one named experiment.")]
    [InlineData("experiment:\n  a: {}\n", "{0}:1:1: unknown top-level key 'experiment' (did you mean 'experiments'?); expected defaults, experiments, sweeps.")]
    [InlineData("experiments:\n  a:\n    seed: 99999999999999999999999\n", "{0}:3:11: field 'seed' = 99999999999999999999999 is too large for an integer; use a value of at most 9223372036854775807.")]
    public void Malformed_files_give_located_errors(string yaml, string expected)
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<InputException>(() => Load(temp, yaml));
        Assert.Equal(string.Format(expected, temp.File("experiments.yaml")), e.Message);
    }

    [Fact]
    public void Overrides_are_validated_with_their_origin()
    {
        using var temp = new TempFolder();
        var file = Load(temp, Valid);
        Assert.Equal("--set data.batch_size=x: field 'data.batch_size' expects an integer, got 'x'.",
            Assert.Throws<InputException>(() => file.Get("a", overrides: ["data.batch_size=x"])).Message);
        Assert.Equal("--set lr: expected KEY=VALUE with a dotted key, e.g. --set g_optim.lr=1e-4.",
            Assert.Throws<InputException>(() => file.Get("a", overrides: ["lr"])).Message);
        Assert.StartsWith($"{temp.File("experiments.yaml")}: no experiment named 'c'",
            Assert.Throws<InputException>(() => file.Get("c")).Message);
    }
}
