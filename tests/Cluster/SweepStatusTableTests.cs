using GanWorkbench.Experiments;
using GanWorkbench.Tests.Experiments;

namespace GanWorkbench.Tests.Cluster;

/// <summary><c>./gwb sweep status</c>: each member's state from its status.json and the Slurm queue, its step and
/// its task; exit 0 only when every member has its result.</summary>
public class SweepStatusTableTests
{
    const string File = "experiments:\n  a: { budget: { steps: 8 } }\nsweeps:\n  s: { experiment: a, seeds: [1, 2, 3, 4, 5, 6] }\n";

    // Members: 0 completed, 1 running (its process holds the lock), 2 interrupted and queued again, 3 interrupted,
    // 4 not started but its task running, 5 not started. Members 0-5 were submitted as job 77.
    static (string Root, RunDirectory Live) Study(TempFolder temp)
    {
        System.IO.File.WriteAllText(temp.File("e.yaml"), File);
        var sweep = ExperimentFile.Load(temp.File("e.yaml")).Sweep("s");
        var members = sweep.Members();
        string root = SweepRunner.WriteManifest(sweep, members, false, [], temp.File("runs"));
        RunDirectory At(int i) => RunDirectory.CreateAt(Path.Combine(root, members[i].DirectoryName))!;
        RunStatus S(RunState state, long step, string? reason = null) => new(state, step, 8, reason, DateTime.UtcNow, DateTime.UtcNow, Environment.ProcessId);
        using (var r = At(0)) r.WriteStatus(S(RunState.Completed, 8));
        var live = At(1);
        live.WriteStatus(S(RunState.Running, 3));
        using (var r = At(2)) r.WriteStatus(S(RunState.Interrupted, 4, "stopped by a signal at step 4"));
        using (var r = At(3)) r.WriteStatus(S(RunState.Interrupted, 6, "stopped by a signal at step 6"));
        Directory.CreateDirectory(Path.Combine(root, "slurm"));
        System.IO.File.WriteAllText(Path.Combine(root, "slurm", "jobs.json"),
            "[{\"job_id\":\"77\",\"members\":[0,1,2,3,4,5],\"script\":\"77.sbatch\",\"submitted_utc\":\"2026-12-01T00:00:00Z\"}]");
        return (root, live);
    }

    [Fact]
    public void Rows_combine_status_json_with_the_queue()
    {
        using var temp = new TempFolder();
        var (root, live) = Study(temp);
        var queue = SweepStatusTable.ParseQueue("77_1|RUNNING\n77_2|PENDING\n77_4|RUNNING\n77_5|PENDING\n");
        var rows = SweepStatusTable.Read(root, queue);
        Assert.Equal([("completed", 8L, "77_0", null), ("running", 3L, "77_1", "RUNNING"), ("pending", 4L, "77_2", "PENDING"),
                      ("interrupted", 6L, "77_3", null), ("running", 0L, "77_4", "RUNNING"), ("pending", 0L, "77_5", "PENDING")],
                     rows.Select(r => (r.State, r.Step, r.JobId, r.Queue)));
        Assert.Equal("stopped by a signal at step 6", rows[3].Reason);
        live.Dispose();
    }

    [Fact]
    public void The_command_prints_the_table_and_exits_1_until_every_member_has_its_result()
    {
        using var temp = new TempFolder();
        var (root, live) = Study(temp);
        live.Dispose();                                                         // member 1's process is gone: it reads as interrupted
        Directory.CreateDirectory(temp.File("no-slurm"));                       // a PATH without squeue
        var noSlurm = new Dictionary<string, string> { ["PATH"] = temp.File("no-slurm") };
        using var p = Gwb.Start(temp.File("runs"), ["sweep", "status", "s"], noSlurm);
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 1, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"sweep s: 6 members → {root} (squeue not available: queue states unknown)", lines[0]);
        Assert.Matches(@"^  \[0\] seed=1 +completed +8/8 +77_0 +-$", lines[2]);
        Assert.Matches(@"^  \[1\] seed=2 +interrupted +3/8 +77_1 +- +\(process \d+ on .+ stopped without finishing", lines[3]);
        Assert.Matches(@"^  \[5\] seed=6 +pending +- +77_5 +-$", lines[7]);
        Assert.Equal("  1 completed, 3 interrupted, 2 pending", lines[8]);

        var (missing, _, error) = Gwb.Run(temp.File("runs"), "sweep", "status", "nosuch");
        Assert.Equal(2, missing);
        Assert.Contains($"sweep 'nosuch': no folder {Path.Combine(temp.File("runs"), "sweeps", "nosuch")}, so it has not run or been submitted;", error);
    }
}
