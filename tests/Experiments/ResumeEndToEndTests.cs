using GanWorkbench.Experiments;
using GanWorkbench.Plotting;

namespace GanWorkbench.Tests.Experiments;

/// <summary>SIGKILL mid-training, then ./gwb resume: the final metrics equal an uninterrupted run's
/// (CPU, fixed seed), end to end through the command line.</summary>
public class ResumeEndToEndTests
{
    static readonly string[] Tiny = ["--quick", "--set", "budget={steps: 40}", "--set", "log_every=4", "--set", "checkpoint_every=8",
                                     "--set", "data.batch_size=8", "--set", "sample_every=0", "--set", "threads=1",
                                     "--set", "model={name: dcgan, latent_dim: 16, g_width: 8, d_width: 8}"];

    [Fact]
    public void Kill_then_resume_equals_an_uninterrupted_run()
    {
        using var temp = new TempFolder();
        var (code, _, err) = Gwb.Run(temp.File("straight"), ["run", "quickstart", .. Tiny]);
        Assert.True(code == 0, err);
        string straight = Directory.GetDirectories(Path.Combine(temp.File("straight"), "quickstart")).Single();

        string runs = temp.File("killed");
        using var p = Gwb.Start(runs, ["run", "quickstart", .. Tiny]);
        p.OutputDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        string? dir = null;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !p.HasExited)
        {
            dir = Directory.Exists(runs) ? Directory.GetDirectories(runs, "*-s1", SearchOption.AllDirectories).FirstOrDefault() : null;
            if (dir is not null && Directory.Exists(Path.Combine(dir, "checkpoints")) && Directory.GetDirectories(Path.Combine(dir, "checkpoints"), "step-*").Any(d => !d.EndsWith(".tmp", StringComparison.Ordinal))) break;
            Thread.Sleep(20);
        }
        if (p.HasExited) Assert.Fail($"the run finished before it could be killed (exit {p.ExitCode})");
        p.Kill();                                              // SIGKILL
        p.WaitForExit();
        using (var run = RunDirectory.Open(dir!)) Assert.Equal(RunState.Interrupted, run.ReadStatus()!.State);

        (code, _, err) = Gwb.Run(runs, "resume", dir!);
        Assert.True(code == 0, err);
        using (var run = RunDirectory.Open(dir!)) Assert.Equal((RunState.Completed, 40L), (run.ReadStatus()!.State, run.ReadStatus()!.Step));

        var a = MetricHistory.FromJsonl(Path.Combine(straight, "metrics.jsonl"));
        var b = MetricHistory.FromJsonl(Path.Combine(dir!, "metrics.jsonl"));
        foreach (var column in new[] { "d_loss", "g_loss", "d_real", "d_fake" })
        {
            Assert.Equal(a.Series(column).Steps, b.Series(column).Steps);
            Assert.Equal(a.Series(column).Values, b.Series(column).Values);    // bit for bit
        }

        (code, _, err) = Gwb.Run(runs, "resume", dir!);              // nothing left to do
        Assert.Equal(2, code);
        Assert.Contains("already completed", err, StringComparison.Ordinal);
    }
}

/// <summary>./gwb resume refuses, with exit 2 and a message naming the checkpoint, a checkpoint whose
/// config differs from the run's and one that is damaged.</summary>
public class ResumeRefusalTests
{
    [Fact]
    public void A_mismatched_or_damaged_checkpoint_is_refused()
    {
        using var temp = new TempFolder();
        string runs = temp.File("runs");
        var (code, _, err) = Gwb.Run(runs, ["run", "quickstart", "--quick", "--set", "budget={steps: 4}", "--set", "log_every=2", "--set", "checkpoint_every=2",
                                            "--set", "data.batch_size=8", "--set", "sample_every=0", "--set", "model={name: dcgan, latent_dim: 16, g_width: 8, d_width: 8}"]);
        Assert.True(code == 0, err);
        string dir = Directory.GetDirectories(Path.Combine(runs, "quickstart")).Single();
        Assert.Equal(["step-00000002", "step-00000004"], Directory.GetDirectories(Path.Combine(dir, "checkpoints")).Select(Path.GetFileName).Order());
        string checkpoint = Path.Combine(dir, "checkpoints", "step-00000004");
        // Pretend the process died before finishing: a "running" status nobody holds.
        string status = File.ReadAllText(Path.Combine(dir, "status.json"));
        File.WriteAllText(Path.Combine(dir, "status.json"), status.Replace("\"completed\"", "\"running\"", StringComparison.Ordinal));

        string config = File.ReadAllText(Path.Combine(dir, "config.yaml"));
        File.WriteAllText(Path.Combine(dir, "config.yaml"), config.Replace("lr: 0.0002", "lr: 0.0001", StringComparison.Ordinal));
        (code, _, err) = Gwb.Run(runs, "resume", dir);
        Assert.Equal((2, $"gwb: error: {checkpoint}: its config.yaml differs from the run's {Path.Combine(dir, "config.yaml")}; " +
                         "the checkpoint belongs to another experiment. Restore the run's config or start a new run.\n"), (code, err));

        File.WriteAllText(Path.Combine(dir, "config.yaml"), config);
        string tensors = Path.Combine(checkpoint, "generator.pt");
        byte[] whole = File.ReadAllBytes(tensors);
        File.WriteAllBytes(tensors, whole[..16]);                              // truncated: a crash mid-copy, a bad disk
        (code, _, err) = Gwb.Run(runs, "resume", dir);
        Assert.Equal((2, $"gwb: error: {tensors}: 16 bytes, the manifest recorded {whole.Length}; the checkpoint of step 4 cannot be trusted. " +
                         $"Resume from the checkpoint before it: ./gwb resume {dir} --from-checkpoint 2\n"), (code, err));

        File.Delete(Path.Combine(checkpoint, "manifest.json"));                 // the earlier checkpoint has one, so this one must too
        (code, _, err) = Gwb.Run(runs, "resume", dir);
        Assert.Equal((2, $"gwb: error: {Path.Combine(checkpoint, "manifest.json")}: missing, though an earlier checkpoint of the run has one; " +
                         $"the checkpoint of step 4 cannot be trusted. Resume from the checkpoint before it: ./gwb resume {dir} --from-checkpoint 2\n"), (code, err));

        File.Delete(Path.Combine(dir, "checkpoints", "step-00000002", "manifest.json"));   // both as written before manifests: only loading finds the damage
        (code, _, err) = Gwb.Run(runs, "resume", dir);
        Assert.Equal(2, code);
        Assert.StartsWith($"gwb: warning: {checkpoint}: written before checkpoints had a manifest", err, StringComparison.Ordinal);
        Assert.Contains($"gwb: error: {checkpoint}: the checkpoint is damaged and cannot be loaded (", err, StringComparison.Ordinal);
        Assert.EndsWith($"the checkpoint of step 4 cannot be trusted. Resume from the checkpoint before it: ./gwb resume {dir} --from-checkpoint 2\n", err, StringComparison.Ordinal);

        (code, _, err) = Gwb.Run(runs, "resume", dir, "--from-checkpoint", "2");
        Assert.True(code == 0, err);
        Assert.Equal(["step-00000002", "step-00000004"], Directory.GetDirectories(Path.Combine(dir, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.Equal(whole, File.ReadAllBytes(tensors));                        // the same weights again, bit for bit
    }
}
