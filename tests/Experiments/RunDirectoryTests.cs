using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

public class RunDirectoryTests
{
    [Fact]
    public void Runs_started_at_the_same_moment_never_share_a_directory()
    {
        using var temp = new TempFolder();
        var now = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var runs = new RunDirectory[16];
        Parallel.For(0, runs.Length, i => runs[i] = RunDirectory.Create("exp", 1, temp.Path, now));
        Assert.Equal(16, runs.Select(r => r.Path).Distinct().Count());
        Assert.Contains(runs, r => r.Path.EndsWith("20260102T030405Z-s1", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Path.EndsWith("20260102T030405Z-s1-16", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Path, "exp"), "*.claim"));
        foreach (var r in runs) r.Dispose();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void Names_that_could_leave_runs_are_refused(string name)
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<InputException>(() => RunDirectory.Create(name, 1, temp.Path));
        Assert.Equal($"experiment name '{name}' cannot name a run directory: use letters, digits, '-', '_' and '.', starting with a letter or digit.", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_running_status_is_believed_while_the_lock_is_held_and_reported_interrupted_after()
    {
        using var temp = new TempFolder();
        var run = RunDirectory.Create("exp", 1, temp.Path);
        var started = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        run.WriteStatus(new RunStatus(RunState.Running, 40, 100, null, started, started.AddMinutes(1), 4242));
        Assert.Equal(RunState.Running, RunDirectory.Open(run.Path).ReadStatus()!.State);
        run.Release();                                          // as if the process had died
        var status = RunDirectory.Open(run.Path).ReadStatus()!;
        Assert.Equal(RunState.Interrupted, status.State);
        Assert.Equal($"process 4242 on {Environment.MachineName} stopped without finishing (last update 2026-01-02 03:05:05Z at step 40 of 100)", status.Reason);
        Assert.Contains("\"interrupted\"", File.ReadAllText(run.File("status.json")), StringComparison.Ordinal);   // rewritten, so it stays accurate
    }

    [Fact]
    public void A_final_status_releases_the_lock_and_a_live_lock_refuses_a_second_owner()
    {
        using var temp = new TempFolder();
        using var run = RunDirectory.Create("exp", 1, temp.Path);
        using var other = RunDirectory.Open(run.Path);
        Assert.True(other.IsLocked());
        var e = Assert.Throws<InputException>(other.Acquire);
        Assert.Equal($"{run.Path}: another process is running this run right now (it holds run.lock); wait for it to finish or stop it first.", e.Message);
        run.WriteStatus(new RunStatus(RunState.Completed, 1, 1, null, DateTime.UtcNow, DateTime.UtcNow, Environment.ProcessId));
        Assert.False(other.IsLocked());
        Assert.Null(RunDirectory.CreateAt(run.Path));           // a fixed place is never reused
    }
}
