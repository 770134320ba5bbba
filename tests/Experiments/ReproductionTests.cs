using System.Text.Json;
using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>reproductions.yaml: its entries resolve for every budget, bad entries give located errors,
/// budgets layer over the entry, records carry every field the README table is made from, finished runs
/// with the same resolved config are reused, and README.md's table is the one the records give.</summary>
public class ReproductionTests
{
    const string Experiments = "experiments:\n  tiny:\n    data: { dataset: 8gaussians, batch_size: 16 }\n    model: { name: toy-mlp, latent_dim: 2, g_width: 8, d_width: 8 }\n" +
                               "    budget: { steps: 3 }\n    log_every: 1\n    sample_every: 0\n";

    static ReproductionFile Parse(TempFolder temp, string yaml)
    {
        File.WriteAllText(temp.File("e.yaml"), Experiments);
        File.WriteAllText(temp.File("r.yaml"), yaml);
        return ReproductionFile.Parse(yaml, temp.File("r.yaml"), ExperimentFile.Load(temp.File("e.yaml")));
    }

    const string Entry = "reproductions:\n  toy:\n    paper: P\n    target: T\n    metric: modes covered\n    paper_value: 8\n    better: higher\n    goal: 8\n" +
                         "    experiments: [tiny]\n    seeds: [1, 2, 3]\n    set: [\"threads=1\"]\n    protocol: { kind: toy_modes, samples: 2000 }\n";

    [Fact]
    public void The_workbenchs_reproductions_resolve_for_every_budget()
    {
        var file = ReproductionFile.Load();
        Assert.True(file.Names.Count >= 15, string.Join(", ", file.Names));
        foreach (var name in file.Names)
            foreach (var budget in Enum.GetValues<ReproductionBudget>())
                Assert.Equal(name, file.Get(name, budget).Name);
    }

    [Fact]
    public void A_budget_appends_its_overrides_merges_its_protocol_and_replaces_the_rest()
    {
        using var temp = new TempFolder();
        var file = Parse(temp, Entry + "    budgets:\n      quick: { seeds: [7], set: [\"budget={steps: 2}\"], protocol: { samples: 50 } }\n      cpu: {}\n");
        var quick = file.Get("toy", ReproductionBudget.Quick);
        Assert.Equal([7L], quick.Seeds);
        Assert.Equal(["threads=1", "budget={steps: 2}"], quick.Set);
        Assert.Equal(new ToyModesProtocol { Samples = 50 }, quick.Protocol);
        var cpu = file.Get("toy", ReproductionBudget.Cpu);
        Assert.Equal([1L, 2, 3], cpu.Seeds);
        Assert.Equal(2000, ((ToyModesProtocol)cpu.Protocol).Samples);
        var gpu = file.Get("toy", ReproductionBudget.Gpu);                                               // no gpu budget: the cpu one
        Assert.Equal((cpu.Protocol, cpu.Window), (gpu.Protocol, gpu.Window));
        Assert.Equal(cpu.Set, gpu.Set);
        var member = file.Members(quick, ReproductionBudget.Quick).Single();
        Assert.Equal((2L, 7L, 1), (member.Spec.Budget.Steps!.Value, member.Spec.Seed, member.Spec.Threads));
        Assert.Equal([1L, 2], ReproductionRunner.WithSeeds(cpu, 2).Seeds);
        Assert.Equal([1L, 2, 3, 4, 5], ReproductionRunner.WithSeeds(cpu, 5).Seeds);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { Entry.Replace("kind: toy_modes", "kind: toy_mode") + "    budgets: { quick: {}, cpu: {} }\n",
          "{0}:12:23: protocol.kind: unknown value 'toy_mode' (did you mean 'toy_modes'?); expected one of final_metric, parzen, iwae_nll, toy_modes, image_metrics, label_agreement, dirac_eigenvalues, loss_study, few_label, line_gan." },
        { Entry + "    budgets: { quick: {} }\n", "{0}:13:14: reproduction 'toy' needs a 'cpu:' budget." },
        { Entry + "    budgets: { quick: {}, cpu: {}, tpu: {} }\n", "{0}:13:36: reproduction 'toy': unknown budget 'tpu'; expected quick, cpu, gpu." },
        { Entry.Replace("[tiny]", "[tiyn]") + "    budgets: { quick: {}, cpu: {} }\n", "{0}:9:18: reproduction 'toy' trains experiment 'tiyn', which is not in {e} (did you mean 'tiny'?)." },
        { Entry.Replace("[tiny]", "[tiny, tiny]").Replace("seeds: [1, 2, 3]", "seeds: [1]") + "    budgets: { quick: {}, cpu: {} }\n",
          "{0}:9:18: protocol 'toy_modes' scores one toy experiment; list exactly one." },
        { Entry.Replace("samples: 2000", "samples: 2") + "    budgets: { quick: {}, cpu: {} }\n", "{0}:12:43: protocol.samples must be at least 20, got 2." },
        { Entry.Replace("better: higher", "better: more") + "    budgets: { quick: {}, cpu: {} }\n", "{0}:7:13: better: unknown value 'more'; expected one of higher, lower." },
        { Entry + "    budgets: { quick: { set: \"threads=2\" }, cpu: {} }\n", "{0}:13:30: a budget's 'set' must be a list of key=value overrides, got 'threads=2'." },
        { Entry + "    budgets: { quick: { set: [\"threads=-1\"] }, cpu: {} }\n", "--set threads=-1: threads must be ≥ 0 (0 = all cores), got -1." },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_bad_entry_is_refused_with_its_location(string yaml, string expected)
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<InputException>(() => Parse(temp, yaml));
        Assert.Equal(expected.Replace("{0}", temp.File("r.yaml")).Replace("{e}", temp.File("e.yaml")), e.Message);
    }

    [Fact]
    public void A_record_holds_every_field_the_tables_need_and_a_finished_run_is_reused()
    {
        using var temp = new TempFolder();
        var file = Parse(temp, Entry.Replace("seeds: [1, 2, 3]", "seeds: [1]") + "    budgets: { quick: {}, cpu: {} }\n");
        var r = file.Get("toy", ReproductionBudget.Cpu);
        var member = file.Members(r, ReproductionBudget.Cpu, temp.File("runs")).Single();
        // A plain run of the same resolved config, elsewhere under runs/, is found and reused.
        var plain = ExperimentRunner.Run(member.Spec with { Device = "cpu" }, new RunOptions { RunsRoot = temp.File("runs") });
        Assert.Null(ReproductionRunner.FindFinished(member, temp.File("runs")));                        // device differs: not the same config
        var same = ExperimentRunner.Run(member.Spec, new RunOptions { RunsRoot = temp.File("runs") });
        Assert.Equal(same.Directory.Path, ReproductionRunner.FindFinished(member, temp.File("runs")));
        var record = ReproductionRunner.Evaluate(r, ReproductionBudget.Cpu, [member with { Directory = same.Directory.Path }], "./gwb reproduce toy", null, _ => { });
        string json = JsonSerializer.Serialize(record, ReproductionRecord.Json);
        foreach (var field in new[] { "name", "paper", "target", "metric", "paper_value", "paper_error", "value", "error", "error_kind", "unit", "better",
                                      "seeds", "budget", "command", "commit", "hardware", "threads", "device", "wall_s", "date" })
            Assert.Contains($"\"{field}\":", json, StringComparison.Ordinal);
        Assert.Equal((1, Better.Higher, 8.0, ReproductionBudget.Cpu, 1), (record.PerSeed.Count, record.Better, record.PaperValue!.Value, record.Budget, record.Threads));
        Assert.Contains("\"better\": \"higher\"", json, StringComparison.Ordinal);
        Assert.Equal(record.GoalMet, record.Value >= 8);
        record.Write(Path.Combine(temp.Path, "out", "toy.json"));
        Assert.Equal(json, JsonSerializer.Serialize(ReproductionRecord.Read(Path.Combine(temp.Path, "out", "toy.json")), ReproductionRecord.Json));
        plain.Directory.Dispose();
    }

    [Fact]
    public void The_readme_table_and_the_reproductions_page_are_the_ones_the_records_give()
    {
        var records = ReproductionTable.Records();
        string readme = Path.Combine(WorkbenchPaths.Root, "README.md");
        Assert.True(ReproductionTable.Markdown(records) == ReproductionTable.Extract(File.ReadAllText(readme)),
            $"{readme}'s reproduction table does not match reproductions/results/; regenerate it with `./gwb reproduce --write-table` and commit it.");
        Assert.True(ReproductionTable.Page(records) == File.ReadAllText(Path.Combine(WorkbenchPaths.Root, "docs", "reproductions.md")),
            "docs/reproductions.md does not match reproductions/results/; regenerate it with `./gwb reproduce --write-table`.");
    }
}
