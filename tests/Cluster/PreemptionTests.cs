using System.Text.Json;
using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Cluster;

/// <summary>Asks the run to stop (as SIGTERM does) once it has done a given step.</summary>
sealed class StopAfterStep(long step, CancellationTokenSource stop) : RunObserver
{
    public override void OnStep(long at) { if (at == step) stop.Cancel(); }
}

/// <summary>A stop request (SIGTERM from Slurm) ends a run at its next logging boundary with a checkpoint there, as
/// interrupted; resuming it — by hand or as a requeued sweep member — ends exactly as the uninterrupted run.</summary>
public class PreemptionTests
{
    const string File = "experiments:\n  a:\n    model: { name: dcgan, latent_dim: 16, g_width: 8, d_width: 8 }\n    data: { batch_size: 8 }\n" +
                        "    budget: { steps: 12 }\n    log_every: 3\n    sample_every: 0\n    checkpoint_every: 0\n    tensorboard: false\n    device: cpu\n    threads: 1\n" +
                        "sweeps:\n  s: { experiment: a, seeds: [1] }\n";

    static List<string> Losses(string runDir) => System.IO.File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Select(line =>
    {
        using var json = JsonDocument.Parse(line);
        return string.Join(",", json.RootElement.EnumerateObject().Where(p => p.Name is not ("time" or "images_per_sec")).Select(p => $"{p.Name}={p.Value}"));
    }).ToList();

    static byte[][] FinalTensors(string runDir) =>
        Directory.GetFiles(Path.Combine(runDir, "checkpoints", "step-00000012"), "*.pt").Order().Select(System.IO.File.ReadAllBytes).ToArray();

    static SweepMember Member(TempFolder temp)
    {
        System.IO.File.WriteAllText(temp.File("e.yaml"), File);
        return ExperimentFile.Load(temp.File("e.yaml")).Sweep("s").Members().Single();
    }

    [Fact]
    public void A_stop_request_checkpoints_at_the_window_end_and_the_resumed_run_is_bit_identical()
    {
        using var temp = new TempFolder();
        var spec = Member(temp).Spec;
        var whole = ExperimentRunner.Run(spec, new RunOptions { RunDirectoryPath = temp.File("whole") });
        Assert.True(whole.Completed);

        using var stop = new CancellationTokenSource();
        var stopped = ExperimentRunner.Run(spec, new RunOptions { RunDirectoryPath = temp.File("stopped"), Preempt = stop.Token, Observers = [new StopAfterStep(4, stop)] });
        Assert.Equal(RunState.Interrupted, stopped.Status.State);
        Assert.Equal(6, stopped.Status.Step);                                   // step 4's window ends at step 6
        Assert.Equal($"stopped by a signal at step 6; checkpoint written, continue with ./gwb resume {temp.File("stopped")}", stopped.Status.Reason);
        Assert.Equal(["step-00000006"], Directory.GetDirectories(Path.Combine(temp.File("stopped"), "checkpoints")).Select(Path.GetFileName));
        using (var run = RunDirectory.Open(temp.File("stopped")))
        {
            Assert.False(run.IsLocked());
            Assert.Equal(RunState.Interrupted, run.ReadStatus()!.State);
        }

        var resumed = ExperimentRunner.Resume(temp.File("stopped"));
        Assert.True(resumed.Completed);
        Assert.Equal(Losses(temp.File("whole")), Losses(temp.File("stopped")));
        Assert.Equal(FinalTensors(temp.File("whole")), FinalTensors(temp.File("stopped")));
    }

    [Fact]
    public void A_requeued_sweep_member_continues_from_its_checkpoint_unless_its_config_changed()
    {
        using var temp = new TempFolder();
        var member = Member(temp);
        string root = temp.File("sweep"), dir = Path.Combine(root, member.DirectoryName);
        using (var stop = new CancellationTokenSource())
        {
            var first = SweepRunner.ContinueMember(member, root, new RunOptions { Preempt = stop.Token, Observers = [new StopAfterStep(7, stop)] });
            Assert.Equal(RunState.Interrupted, first.State);
        }
        Assert.Equal(9, SweepRunner.ResumableStep(member, root));
        long? resumedFrom = null;
        var second = SweepRunner.ContinueMember(member, root, onResume: step => resumedFrom = step);
        Assert.Equal((9L, RunState.Completed), (resumedFrom, second.State));
        Assert.Equal(["step=3", "step=6", "step=9", "step=12"], Losses(dir).Select(l => l.Split(',')[0]));   // each window once

        // An interrupted member whose config.yaml is not the member's resolved config starts over.
        using (var run = RunDirectory.Open(dir)) run.WriteStatus(new RunStatus(RunState.Interrupted, 9, 12, null, DateTime.UtcNow, DateTime.UtcNow, 1));
        System.IO.File.AppendAllText(Path.Combine(dir, "config.yaml"), "# edited\n");
        Assert.Null(SweepRunner.ResumableStep(member, root));
        resumedFrom = null;
        var third = SweepRunner.ContinueMember(member, root, onResume: step => resumedFrom = step);
        Assert.Equal((null, RunState.Completed), (resumedFrom, third.State));
        Assert.DoesNotContain("# edited", System.IO.File.ReadAllText(Path.Combine(dir, "config.yaml")));
    }
}
