using System.Text.RegularExpressions;
using GanWorkbench.Experiments;
using GanWorkbench.Plotting;

namespace GanWorkbench.Tests.Experiments;

/// <summary>./gwb sweep end to end on real MNIST with tiny budgets: parallel members, skip on re-run,
/// and the sweep report's box plot per group.</summary>
public class SweepRunTests
{
    const string Yaml = """
        experiments:
          tiny:
            device: cpu
            data: { batch_size: 16 }
            model: { g_width: 16, d_width: 16, latent_dim: 16 }
            budget: { steps: 100 }
            sample_count: 16
            quick:
              budget: { steps: 4 }
              log_every: 2
              sample_every: 0
        sweeps:
          losses:
            experiment: tiny
            grid:
              loss.name: [ns, mm, hinge]
            seeds: [1, 2]
            metric: d_loss
        """;

    [Fact]
    public void A_sweep_runs_in_parallel_skips_finished_members_and_reports_a_box_per_group()
    {
        using var temp = new TempFolder();
        string file = temp.File("e.yaml"), runs = temp.File("runs");
        File.WriteAllText(file, Yaml);

        var (code, stdout, stderr) = Gwb.Run(runs, "sweep", "losses", "--quick", "--parallel", "2", "--file", file);
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        string root = Path.Combine(runs, "sweeps", "losses");
        var members = ExperimentFile.Load(file).Sweep("losses").Members(quick: true);
        Assert.Equal(6, members.Count);
        foreach (var m in members)
        {
            using var run = RunDirectory.Open(Path.Combine(root, m.DirectoryName));
            Assert.Equal((RunState.Completed, 4L), (run.ReadStatus()!.State, run.ReadStatus()!.Step));
            Assert.Equal(RunDirectory.ToYaml(m.Spec), File.ReadAllText(run.File("config.yaml")));   // the member's own resolved config
            Assert.Equal(m.Values["loss.name"], YamlNames.Of(m.Spec.Loss.Name));
        }
        var stamps = members.Select(m => File.GetLastWriteTimeUtc(Path.Combine(root, m.DirectoryName, "status.json"))).ToList();

        (code, stdout, stderr) = Gwb.Run(runs, "sweep", "losses", "--quick", "--file", file);
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Equal(6, Regex.Count(stdout, @"\]\s.*: skipped \(completed\)"));
        Assert.Equal(stamps, members.Select(m => File.GetLastWriteTimeUtc(Path.Combine(root, m.DirectoryName, "status.json"))));

        (code, stdout, _) = Gwb.Run(runs, "report", "losses");
        Assert.Equal((0, $"report: {Path.Combine(root, "report.html")}\n"), (code, stdout));
        string dom = Chromium.DumpDom(Path.Combine(root, "report.html"), temp.File("profile"));
        Assert.Equal(3, Regex.Count(dom, @"<g class=""trace boxes"""));               // one box per loss
        foreach (var group in new[] { "ns", "mm", "hinge" })
            Assert.Matches($@"class=""xtick""><text [^>]*>{Regex.Escape(group)}</text>", dom);
        Assert.Equal(6, Regex.Count(dom, @"<td>completed</td>"));
        Assert.True(File.Exists(Path.Combine(root, members[0].DirectoryName, "report.html")), "member reports are written for the links");
    }

    const string EvaluatedYaml = """
        experiments:
          tiny-info:
            device: cpu
            threads: 1
            data: { batch_size: 16 }
            model: { name: infogan, latent_dim: 8, g_width: 8, d_width: 8 }
            loss: { name: ns }
            budget: { steps: 4 }
            log_every: 2
            sample_every: 0
            checkpoint_every: 0
            tensorboard: false
        sweeps:
          hidden:
            experiment: tiny-info
            grid:
              model.g_hidden: [0, 8]
            seeds: [1]
            metric: code_acc
        """;

    [Fact]
    public void A_sweep_metric_from_the_evaluation_is_read_from_its_eval_column_and_an_empty_sweep_still_reports()
    {
        using var temp = new TempFolder();
        string file = temp.File("e.yaml"), runs = temp.File("runs");
        File.WriteAllText(file, EvaluatedYaml);
        var (code, stdout, stderr) = Gwb.Run(runs, "sweep", "hidden", "--file", file);
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        string root = Path.Combine(runs, "sweeps", "hidden");
        var members = ExperimentFile.Load(file).Sweep("hidden").Members(quick: false);

        // metrics.jsonl holds the evaluation as eval/code_acc; the sweep names it code_acc.
        var finals = members.Select(m => MetricHistory.FromJsonl(Path.Combine(root, m.DirectoryName, "metrics.jsonl")).Final("eval/code_acc")).ToList();
        Assert.All(finals, v => Assert.InRange(v!.Value, 0.1, 1));              // ten clusters of the test set: ACC ≥ the largest class (11.35%)
        var page = SweepReport.Build(root, writeMemberReports: false).ToHtml();
        foreach (var v in finals) Assert.Contains($"<td>{v!.Value.ToString("G5", System.Globalization.CultureInfo.InvariantCulture)}</td>", page);
        Assert.Contains("code_acc by model.g_hidden (2 of 2 members completed)", page);
        Assert.Equal(2, Regex.Count(page, @"""mode"":""markers"""));               // one final evaluation per run: a point, not an empty line

        foreach (var m in members) Directory.Delete(Path.Combine(root, m.DirectoryName), recursive: true);
        page = SweepReport.Build(root, writeMemberReports: false).ToHtml();
        Assert.Contains("(0 of 2 members completed)", page);
        Assert.Contains("No completed member has logged code_acc yet: nothing to compare.", page);
    }
}
