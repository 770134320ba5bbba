using System.Text.Json;
using GanWorkbench.Experiments;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Experiments;

/// <summary>Stops the run (as a kill would) right after the checkpoint of a given step.</summary>
sealed class KillAfterCheckpoint(long step, CancellationTokenSource cancel) : RunObserver
{
    public override void OnCheckpoint(long at, string path) { if (at == step) cancel.Cancel(); }
}

/// <summary>Poisons the generator's weights with NaN after a given step.</summary>
sealed class PoisonGenerator(long step) : RunObserver
{
    TorchSharp.torch.nn.Module? generator;
    public override void OnStart(RunStart start) => generator = start.Modules["generator"];
    public override void OnStep(long at)
    {
        if (at != step) return;
        using var noGrad = no_grad();
        foreach (var p in generator!.parameters()) p.fill_(double.NaN);
    }
}

public class ResumeAndDivergenceTests
{
    // A small, fast configuration of the quickstart DCGAN; EMA on so its state is checkpointed too.
    static ExperimentSpec Small(params string[] extra) => ExperimentFile.Load().Get("quickstart", quick: true,
        ["device=cpu", "model.g_width=16", "model.d_width=16", "data.batch_size=16", "budget={steps: 12}", "log_every=3",
         "checkpoint_every=6", "sample_every=0", "ema_decay=0.9", .. extra]);

    /// <summary>metrics.jsonl without the wall-clock fields.</summary>
    static List<string> Losses(string runDir) => File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Select(line =>
    {
        using var json = JsonDocument.Parse(line);
        return string.Join(",", json.RootElement.EnumerateObject().Where(p => p.Name is not ("time" or "images_per_sec")).Select(p => $"{p.Name}={p.Value}"));
    }).ToList();

    [Fact]
    public void Killed_after_a_checkpoint_and_resumed_the_run_ends_exactly_as_an_uninterrupted_one()
    {
        using var temp = new TempFolder();
        var spec = Small();
        var whole = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = temp.Path });
        Assert.True(whole.Completed);

        using var cancel = new CancellationTokenSource();
        var options = new RunOptions { RunsRoot = temp.Path, Cancel = cancel.Token, Observers = [new KillAfterCheckpoint(6, cancel)] };
        Assert.Throws<OperationCanceledException>(() => ExperimentRunner.Run(spec, options));
        string killed = Directory.GetDirectories(Path.Combine(temp.Path, "quickstart")).Single(d => d != whole.Directory.Path);
        Assert.Equal(["step-00000006"], Directory.GetDirectories(Path.Combine(killed, "checkpoints")).Select(Path.GetFileName));
        // What a kill leaves behind: rows logged past the checkpoint and a half-written checkpoint.
        File.AppendAllText(Path.Combine(killed, "metrics.jsonl"), "{\"step\":9,\"d_loss\":1.0}\n{\"step\":1");
        Directory.CreateDirectory(Path.Combine(killed, "checkpoints", "step-00000009.tmp"));

        var resumed = ExperimentRunner.Resume(killed, new RunOptions { RunsRoot = temp.Path });
        Assert.True(resumed.Completed);
        Assert.Equal(Losses(whole.Directory.Path), Losses(killed));
        Assert.Equal(whole.History.Select(m => m.Values.ToList()), resumed.History.Select(m => m.Values.ToList()));
        Assert.Equal(["step-00000006", "step-00000012"], Directory.GetDirectories(Path.Combine(killed, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Directory.Path, "samples", "step-000012.png")),
                     File.ReadAllBytes(Path.Combine(killed, "samples", "step-000012.png")));
    }

    [Fact]
    public void A_completed_run_is_not_resumed_and_a_foreign_checkpoint_is_refused()
    {
        using var temp = new TempFolder();
        var done = ExperimentRunner.Run(Small("budget={steps: 3}"), new RunOptions { RunsRoot = temp.Path });
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(done.Directory.Path));
        Assert.Equal($"{done.Directory.Path}: the run already completed (step 3 of 3); nothing to resume. " +
                     $"To redo its end, resume from a checkpoint: ./gwb resume {done.Directory.Path} --from-checkpoint STEP (the steps are its checkpoints/step-N folders).", e.Message);

        done.Directory.WriteStatus(done.Status with { State = RunState.Failed });
        string copy = Path.Combine(done.Directory.Path, "checkpoints", "step-00000003", "config.yaml");
        File.AppendAllText(copy, "# edited\n");
        e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(done.Directory.Path));
        Assert.Equal($"{copy}: {new FileInfo(copy).Length} bytes, the manifest recorded {new FileInfo(copy).Length - 9}; the checkpoint of step 3 cannot be trusted. " +
                     $"There is no checkpoint before it; start the run over in its directory: ./gwb resume {done.Directory.Path} --from-checkpoint 0 " +
                     "(or start a new run with ./gwb run EXPERIMENT)", e.Message);

        File.Delete(Path.Combine(done.Directory.Path, "checkpoints", "step-00000003", CheckpointManifest.FileName));   // as written before manifests
        var warnings = new List<string>();
        Warnings.Sink = warnings.Add;
        try
        {
            e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(done.Directory.Path));
        }
        finally
        {
            Warnings.Sink = null;
        }
        Assert.StartsWith($"{Path.Combine(done.Directory.Path, "checkpoints", "step-00000003")}: its config.yaml differs from the run's", e.Message);
        Assert.Equal([$"{Path.Combine(done.Directory.Path, "checkpoints", "step-00000003")}: written before checkpoints had a manifest, so its files cannot be checked; " +
                      "it is used as it is. A run resumed from it writes checked checkpoints from now on."], warnings);
    }

    [Fact]
    public void A_run_forced_to_NaN_ends_diverged_naming_the_loss_and_step_and_keeps_the_last_good_checkpoint()
    {
        using var temp = new TempFolder();
        var result = ExperimentRunner.Run(Small(), new RunOptions { RunsRoot = temp.Path, Observers = [new PoisonGenerator(7)] });
        Assert.True(result.Diverged);
        // Step 8's D step is the first to see G's NaN samples; the guard reads it at the step-9 window.
        Assert.Equal("non-finite d_loss at step 8", result.Status.Reason);
        Assert.Equal(9, result.Status.Step);
        using var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.Directory.Path, "status.json")));
        Assert.Equal("diverged", status.RootElement.GetProperty("state").GetString());
        Assert.Equal(["step-00000006"], Directory.GetDirectories(Path.Combine(result.Directory.Path, "checkpoints")).Select(Path.GetFileName));
        Assert.Equal([3L, 6, 9], result.History.Select(m => m.Step));
        Assert.Equal("NaN", JsonDocument.Parse(File.ReadAllLines(Path.Combine(result.Directory.Path, "metrics.jsonl"))[2])
            .RootElement.GetProperty("d_loss").GetString());
    }
}
