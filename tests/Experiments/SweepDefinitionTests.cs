using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

public class SweepDefinitionTests
{
    const string File = """
        defaults:
          seed: 7
          quick:
            budget: { steps: 3 }
        experiments:
          base:
            data: { batch_size: 32 }
            g_optim: { lr: 1.0e-3 }
            budget: { epochs: 2 }
            quick: { log_every: 1 }
          child:
            extends: base
            g_optim: { beta1: 0.0 }
          grandchild:
            extends: child
            budget: { steps: 9 }
        sweeps:
          grid:
            experiment: child
            grid:
              g_optim.lr: [1.0e-4, 2.0e-4, 4.0e-4]
              schedule.d_steps: [1, 2]
            seeds: [1, 2]
            metric: d_loss
            group_by: schedule.d_steps
          draws:
            experiment: base
            random:
              count: 5
              seed: 3
              fields:
                g_optim.lr: { log_uniform: [1.0e-5, 1.0e-2] }
                g_optim.beta1: { uniform: [0.0, 0.9] }
                schedule.d_steps: { int_uniform: [1, 5] }
                data.scale: { choice: [tanh, zero_one] }
          by-experiment:
            grid: { experiment: [base, grandchild] }
        """;

    static ExperimentFile Load(TempFolder temp)
    {
        System.IO.File.WriteAllText(temp.File("e.yaml"), File);
        return ExperimentFile.Load(temp.File("e.yaml"));
    }

    [Fact]
    public void Extends_inherits_along_the_chain_and_quick_blocks_follow_it()
    {
        using var temp = new TempFolder();
        var file = Load(temp);
        var g = file.Get("grandchild");
        Assert.Equal((32, 1e-3, 0.0, 9L, 7L), (g.Data.BatchSize, g.GOptim.Lr, g.GOptim.Beta1, g.Budget.Steps!.Value, g.Seed));
        Assert.Null(g.Budget.Epochs);                                  // budget replaced whole, not merged with base's epochs
        var q = file.Get("grandchild", quick: true);
        Assert.Equal((3L, 1), (q.Budget.Steps!.Value, q.LogEvery));   // defaults' quick, then base's quick (inherited)
        Assert.Equal(new BudgetSpec { Epochs = 2 }, file.Get("child").Budget);
    }

    [Fact]
    public void A_grid_expands_to_every_combination_times_seeds()
    {
        using var temp = new TempFolder();
        var sweep = Load(temp).Sweep("grid");
        var members = sweep.Members();
        Assert.Equal(12, members.Count);
        Assert.Equal(["g_optim.lr", "schedule.d_steps"], sweep.Fields);
        Assert.Equal(("d_loss", "schedule.d_steps"), (sweep.Metric, sweep.GroupBy));
        Assert.Equal("g_optim.lr=1.0e-4 schedule.d_steps=1 seed=1", members[0].Label);
        Assert.Equal("g_optim.lr=4.0e-4 schedule.d_steps=2 seed=2", members[11].Label);
        Assert.Equal((4e-4, 2, 2L, 0.0, 32), (members[11].Spec.GOptim.Lr, members[11].Spec.Schedule.DSteps, members[11].Spec.Seed,
                                              members[11].Spec.GOptim.Beta1, members[11].Spec.Data.BatchSize));
        Assert.Equal(["1", "1", "2", "2"], members.Take(4).Select(m => m.Group));
        Assert.Equal(12, members.Select(m => m.DirectoryName).Distinct().Count());
        Assert.StartsWith("lr-1.0e-4_d_steps-1_seed-1-", members[0].DirectoryName);
        // Stable: the same definition gives the same folders; --quick and --set give other ones.
        Assert.Equal(members.Select(m => m.DirectoryName), sweep.Members().Select(m => m.DirectoryName));
        Assert.NotEqual(members[0].DirectoryName, sweep.Members(quick: true)[0].DirectoryName);
        Assert.NotEqual(members[0].DirectoryName, sweep.Members(overrides: ["log_every=5"])[0].DirectoryName);
    }

    [Fact]
    public void Random_draws_are_reproducible_and_inside_their_ranges()
    {
        using var temp = new TempFolder();
        var members = Load(temp).Sweep("draws").Members();
        Assert.Equal(5, members.Count);
        Assert.Equal(members.Select(m => m.Label), Load(temp).Sweep("draws").Members().Select(m => m.Label));
        foreach (var m in members)
        {
            Assert.InRange(m.Spec.GOptim.Lr, 1e-5, 1e-2);
            Assert.InRange(m.Spec.GOptim.Beta1, 0.0, 0.9);
            Assert.InRange(m.Spec.Schedule.DSteps, 1, 5);
            Assert.Contains(YamlNames.Of(m.Spec.Data.Scale), new[] { "tanh", "zero_one" });
            Assert.Equal(double.Parse(m.Values["g_optim.lr"], System.Globalization.CultureInfo.InvariantCulture), m.Spec.GOptim.Lr);
        }
        Assert.True(members.Select(m => m.Spec.GOptim.Lr).Distinct().Count() > 1);
    }

    [Fact]
    public void A_grid_may_vary_the_experiment_itself()
    {
        using var temp = new TempFolder();
        var members = Load(temp).Sweep("by-experiment").Members();
        Assert.Equal(["base", "grandchild"], members.Select(m => m.Spec.Name));
        Assert.Equal(["base", "grandchild"], members.Select(m => m.Group));
        Assert.Equal((2.0, 9L), (members[0].Spec.Budget.Epochs!.Value, members[1].Spec.Budget.Steps!.Value));
    }

    [Fact]
    public void Unknown_sweep_names_suggest_the_close_one()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<InputException>(() => Load(temp).Sweep("grdi"));
        Assert.Equal($"{temp.File("e.yaml")}: no sweep named 'grdi' (did you mean 'grid'?). Sweeps: grid, draws, by-experiment.", e.Message);
    }

    [Fact]
    public void The_documented_field_reference_matches_the_schema_records()
    {
        string docs = Path.Combine(WorkbenchPaths.Root, "docs", "experiments.md");
        string? written = SchemaReference.Extract(System.IO.File.ReadAllText(docs));
        Assert.True(written is not null, $"{docs} lacks the generated field reference markers");
        Assert.True(SchemaReference.Markdown() == written,
            $"{docs} is out of date with lib/Experiments; regenerate it with `./gwb check --write-docs` and commit it.");
        // Every leaf field is documented with a description.
        Assert.All(SchemaReference.Fields(), f => Assert.False(string.IsNullOrWhiteSpace(f.Description), $"{f.Path} has no doc comment"));
    }
}
