using System.Text.Json;
using GanWorkbench.Experiments;
using GanWorkbench.Tests.Data;

namespace GanWorkbench.Tests.Experiments;

/// <summary>Writes a real "disk full" (through /dev/full) at the first logging window, after pointing the temporary
/// file of the next status.json write at /dev/full too: the disk is full for the run's own bookkeeping as well.</summary>
sealed class FillTheDisk : RunObserver
{
    RunDirectory? run;
    public override void OnStart(RunStart start)
    {
        run = start.Run;
        File.CreateSymbolicLink(AtomicFile.TempPath(run.File("status.json")), "/dev/full");
    }
    public override void OnLog(GanWorkbench.Training.StepMetrics metrics, long total) => File.WriteAllText("/dev/full", "checkpoint bytes");
}

/// <summary>
/// A run that cannot go on (a full disk), a half-deleted checkpoint, and run directories whose files are missing
/// or damaged: the first error is the one reported, the run is marked failed, nothing half-written is left, and
/// every refusal names the file and the fix.
/// </summary>
public class RunFailureTests
{
    static ExperimentSpec Tiny(params string[] extra) => ExperimentFile.Load().Get("quickstart", quick: true,
        ["device=cpu", "threads=1", "model.g_width=8", "model.d_width=8", "data.batch_size=8", "data.train_images=64", "budget={steps: 4}",
         "log_every=2", "checkpoint_every=2", "sample_every=0", "eval_metrics=[]", "tensorboard=false", .. extra]);

    [Fact]
    public void A_failed_atomic_write_leaves_no_temporary_file_and_no_target()
    {
        if (!File.Exists("/dev/full")) throw new InvalidOperationException("this test needs /dev/full (Linux)");
        using var temp = new TempFolder();
        string target = temp.File("status.json");
        File.CreateSymbolicLink(AtomicFile.TempPath(target), "/dev/full");
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(target, "{}"));
        Assert.True(StorageErrors.IsDiskFull(e), e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_full_disk_is_reported_as_the_first_error_and_the_run_is_marked_failed()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Run(Tiny(), new RunOptions { RunsRoot = temp.Path, Observers = [new FillTheDisk()] }));
        string run = Directory.GetDirectories(Path.Combine(temp.Path, "quickstart")).Single();
        Assert.Equal($"{run}: the disk is full (No space left on device : '/dev/full'); the run stopped at step 2 of 4. " +
                     $"Free space, then continue it: ./gwb resume {run}", e.Message);
        using var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "status.json")));
        Assert.Equal("failed", status.RootElement.GetProperty("state").GetString());
        Assert.StartsWith("IOException: No space left on device", status.RootElement.GetProperty("reason").GetString());
        Assert.Empty(Directory.GetFiles(run, "*.tmp", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(run, "run.lock")), "the lock is released");
        Assert.True(File.Exists(GanWorkbench.Cli.Commands.ReportCommand.Write(run)), "the report of the failed run is written");
    }

    [Fact]
    public void A_diverged_run_is_not_resumed()
    {
        using var temp = new TempFolder();
        var done = ExperimentRunner.Run(Tiny(), new RunOptions { RunsRoot = temp.Path });
        done.Directory.WriteStatus(done.Status with { State = RunState.Diverged, Reason = "non-finite d_loss at step 3" });
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(done.Directory.Path));
        Assert.Equal($"{done.Directory.Path}: the run diverged (non-finite d_loss at step 3); resumed from its last checkpoint it would train the same steps " +
                     "and diverge again. Change the experiment (e.g. a lower g_optim.lr and d_optim.lr, or a gradient penalty) and start a new run.", e.Message);
    }

    [Fact]
    public void A_missing_config_is_refused_with_the_copy_to_restore()
    {
        using var temp = new TempFolder();
        var done = ExperimentRunner.Run(Tiny(), new RunOptions { RunsRoot = temp.Path });
        string dir = done.Directory.Path, config = Path.Combine(dir, "config.yaml"), status = Path.Combine(dir, "status.json");
        File.Delete(status);
        File.Delete(config);
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(dir));
        string copy = Path.Combine(dir, "checkpoints", "step-00000004", "config.yaml");
        Assert.Equal($"{config}: missing, so the run's experiment is unknown. Restore it from the newest checkpoint's copy: cp {copy} {config}", e.Message);
        Assert.False(File.Exists(Path.Combine(dir, "run.lock")));
    }

    [Fact]
    public void A_checkpoint_whose_manifest_was_deleted_is_refused_when_an_earlier_one_has_a_manifest()
    {
        using var temp = new TempFolder();
        var done = ExperimentRunner.Run(Tiny("budget={steps: 6}"), new RunOptions { RunsRoot = temp.Path });
        string dir = done.Directory.Path, newest = Path.Combine(dir, "checkpoints", "step-00000006");
        File.Delete(Path.Combine(newest, "manifest.json"));
        done.Directory.WriteStatus(done.Status with { State = RunState.Interrupted });
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(dir));
        Assert.Equal($"{Path.Combine(newest, "manifest.json")}: missing, though an earlier checkpoint of the run has one; the checkpoint of step 6 cannot be trusted. " +
                     $"Resume from the checkpoint before it: ./gwb resume {dir} --from-checkpoint 4", e.Message);
    }

    [Fact]
    public void A_checkpoint_folder_left_half_deleted_by_a_kill_is_removed_on_resume()
    {
        using var temp = new TempFolder();
        var done = ExperimentRunner.Run(Tiny(), new RunOptions { RunsRoot = temp.Path });
        string checkpoints = Path.Combine(done.Directory.Path, "checkpoints");
        // What a kill during the deletion of an older checkpoint leaves (it is renamed to .tmp first), and a folder
        // without its state.json.
        foreach (var name in new[] { "step-00000001.tmp", "step-00000003" })
        {
            Directory.CreateDirectory(Path.Combine(checkpoints, name));
            File.WriteAllText(Path.Combine(checkpoints, name, "generator.pt"), "");
        }
        Checkpoints.RemoveIncomplete(done.Directory.Path);
        Assert.Equal(["step-00000002", "step-00000004"], Directory.GetDirectories(checkpoints).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Writing_a_checkpoint_keeps_the_newest_two_and_no_folder_being_deleted()
    {
        using var temp = new TempFolder();
        var done = ExperimentRunner.Run(Tiny("budget={steps: 6}"), new RunOptions { RunsRoot = temp.Path });
        Assert.Equal(["step-00000004", "step-00000006"], Directory.GetDirectories(Path.Combine(done.Directory.Path, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFileSystemEntries(done.Directory.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Report_reads_a_cut_metrics_line_and_refuses_a_fifo_or_an_empty_status_with_the_fix()
    {
        using var temp = new TempFolder();
        var done = ExperimentRunner.Run(Tiny(), new RunOptions { RunsRoot = temp.Path });
        string dir = done.Directory.Path, metrics = Path.Combine(dir, "metrics.jsonl"), status = Path.Combine(dir, "status.json");
        File.AppendAllText(metrics, "{\"step\":5,\"d_lo");                      // a line cut short by a kill
        Assert.Equal(Path.Combine(dir, "report.html"), GanWorkbench.Cli.Commands.ReportCommand.Write(dir));

        File.WriteAllText(status, "");                                          // what a full disk can leave
        var (code, _, err) = Gwb.Run(temp.Path, "report", dir);
        Assert.Equal(2, code);
        Assert.StartsWith($"gwb: error: {status}: not a valid status file (", err);
        Assert.EndsWith($"). Resume the run to rebuild it from its last checkpoint: ./gwb resume {dir}\n", err);

        File.Delete(status);
        File.Delete(metrics);
        Assert.Equal(0, System.Diagnostics.Process.Start("mkfifo", [metrics])!.WaitForExitAndCode());
        (code, _, err) = Gwb.Run(temp.Path, "report", dir);
        Assert.Equal((2, $"gwb: error: {metrics}: is a FIFO (named pipe), not a regular file; reading it would wait for a writer or never end. Replace it with the file itself.\n"), (code, err));
    }
}
