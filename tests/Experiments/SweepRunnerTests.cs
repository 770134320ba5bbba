using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>Which sweep members a re-run skips: finished ones (completed, diverged) and ones another
/// live process holds; interrupted and failed ones run again.</summary>
public class SweepRunnerTests
{
    [Theory]
    [InlineData("completed", false, "completed")]
    [InlineData("diverged", false, "diverged")]
    [InlineData("failed", false, null)]
    [InlineData("running", false, null)]        // its process died: interrupted, so it runs again
    [InlineData("running", true, "running")]    // a live process holds it: left alone
    public void A_rerun_skips_finished_and_live_members_only(string state, bool locked, string? skippedAs)
    {
        using var temp = new TempFolder();
        System.IO.File.WriteAllText(temp.File("e.yaml"), "experiments:\n  a: { budget: { steps: 2 } }\nsweeps:\n  s: { experiment: a, seeds: [1] }\n");
        var member = ExperimentFile.Load(temp.File("e.yaml")).Sweep("s").Members().Single();
        string root = temp.File("root");
        var run = RunDirectory.CreateAt(Path.Combine(root, member.DirectoryName))!;
        run.WriteStatus(new RunStatus(Enum.Parse<RunState>(state, ignoreCase: true), 1, 2, null, DateTime.UtcNow, DateTime.UtcNow, Environment.ProcessId));
        if (!locked) run.Release();
        var skip = SweepRunner.Skip(member, root);
        Assert.Equal(skippedAs, skip is null ? null : YamlNames.Of(skip.State));
        run.Dispose();
    }
}
