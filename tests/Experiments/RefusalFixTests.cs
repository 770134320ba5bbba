using System.Text.RegularExpressions;
using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>
/// Every refusal that has a test also says what to do next: each message of the malformed-config cases,
/// the hostile-YAML cases and the damaged-run-directory cases holds a concrete next step (a command,
/// a value to write, a line to remove, the valid choices or range).
/// </summary>
public partial class RefusalFixTests
{
    // The forms a next step takes in the workbench's messages.
    [GeneratedRegex(@"did you mean|expected one of|expected [a-z, ]+\.|known fields|\bexpects\b|must be|at most|\b(use|give|remove|replace|add|restore|resume|write|correct|delete|free|make|choose|flatten|split|rename|keep|start|run)\b|\./gwb |cp ",
        RegexOptions.IgnoreCase)]
    private static partial Regex NextStep();

    public static IEnumerable<object[]> ConfigCases() =>
        MalformedConfigTests.Cases.Select(c => new object[] { "malformed/" + c[0], (string)c[2] })
            .Concat(YamlLimitsTests.Cases.Select(c => new object[] { "yaml-limits/" + c[0], (string)c[2] }));

    [Theory]
    [MemberData(nameof(ConfigCases))]
    public void Each_tested_config_refusal_names_a_next_step(string name, string message) =>
        Assert.True(NextStep().IsMatch(message), $"{name}: no next step in \"{message}\"");

    [Fact]
    public void There_are_at_least_45_config_cases() => Assert.True(ConfigCases().Count() >= 45, $"{ConfigCases().Count()} cases");

    [Fact]
    public void Damaged_run_directories_are_refused_with_the_command_that_helps()
    {
        using var temp = new TempFolder();
        var run = ExperimentRunner.Run(ExperimentFile.Load().Get("quickstart", quick: true,
            ["device=cpu", "threads=1", "model={name: dcgan, latent_dim: 16, g_width: 8, d_width: 8}", "data.batch_size=8",
             "budget={steps: 2}", "log_every=2", "sample_every=0"]), new RunOptions { RunsRoot = temp.Path });
        string dir = run.Directory.Path, config = run.Directory.File("config.yaml"), status = run.Directory.File("status.json");
        string copy = Path.Combine(dir, "checkpoints", "step-00000002", "config.yaml");

        File.Move(config, config + ".away");
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(dir, fromCheckpoint: 2));
        Assert.Equal($"{config}: missing, so the run's experiment is unknown. Restore it from the newest checkpoint's copy: cp {copy} {config}", e.Message);
        File.Move(config + ".away", config);

        File.WriteAllText(status, "{\"state\": \"runn");
        e = Assert.Throws<InputException>(() => RunReport.Build(run.Directory));
        Assert.StartsWith($"{status}: not a valid status file (", e.Message);
        Assert.EndsWith($"). Resume the run to rebuild it from its last checkpoint: ./gwb resume {dir}", e.Message);
        var warnings = new List<string>();
        Warnings.Sink = warnings.Add;
        try
        {
            Assert.True(ExperimentRunner.Resume(dir).Completed);               // the fix it names works
        }
        finally
        {
            Warnings.Sink = null;
        }
        Assert.StartsWith($"{status}: not a valid status file (", Assert.Single(warnings));

        e = Assert.Throws<InputException>(() => RunDirectory.Open(temp.File("nowhere")));
        Assert.Matches(NextStep(), e.Message);
    }
}
