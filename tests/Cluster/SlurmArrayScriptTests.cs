using System.Diagnostics;
using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Cluster;

/// <summary>The sbatch script of a sweep's array job: its directives, its command line, and what its task does
/// on SIGTERM (forward it, no requeue of its own) and on the time-limit warning USR1 (forward it, then requeue).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class SlurmArrayScriptTests
{
    static SlurmArrayJob Job(IReadOnlyList<string> command, SlurmJobOptions? options = null) =>
        new("gwb-sweep-zoo", [0, 1, 2, 3, 5, 7, 8, 9], "/shared/runs/sweeps/zoo/slurm", "/shared/gwb",
            [new("GWB_ROOT", "/shared/gwb"), new("GWB_DATA", "/shared/data dir")], command, options ?? new SlurmJobOptions());

    [Theory]
    [InlineData(new[] { 3, 0, 1, 2, 5, 7, 8, 9, 9 }, "0-3,5,7-9")]
    [InlineData(new[] { 4 }, "4")]
    [InlineData(new[] { 0, 2, 4 }, "0,2,4")]
    public void Array_spec_lists_runs_of_indices_as_ranges(int[] indices, string expected) =>
        Assert.Equal(expected, SlurmArrayScript.ArraySpec(indices));

    [Fact]
    public void The_script_asks_for_a_requeueable_array_with_the_options_given_and_runs_each_member()
    {
        var options = new SlurmJobOptions { Partition = "gpu", Time = "1-02:00:00", CpusPerTask = 4, Gpus = 1, MaxParallel = 3, SignalSeconds = 90, ExtraArguments = ["--account=lab", "--mem=8G"] };
        string script = SlurmArrayScript.Write(Job(["/usr/bin/dotnet", "/shared/gwb/gwb.dll", "sweep", "zoo", "--set", "loss.name=it's"], options));
        var directives = script.Split('\n').Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).Select(l => l[8..]).ToList();
        Assert.Equal(["--job-name=gwb-sweep-zoo", "--array=0-3,5,7-9%3", "--output=/shared/runs/sweeps/zoo/slurm/%A_%a.out", "--open-mode=append",
                      "--requeue", "--signal=B:USR1@90", "--ntasks=1", "--cpus-per-task=4", "--partition=gpu", "--time=1-02:00:00", "--gpus=1",
                      "--account=lab", "--mem=8G"], directives);
        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Contains("\ncd /shared/gwb || exit 1\n", script);
        Assert.Contains("\nexport GWB_DATA='/shared/data dir'\n", script);
        Assert.Contains("\nexport GWB_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n", script);
        Assert.Contains("\n/usr/bin/dotnet /shared/gwb/gwb.dll sweep zoo --set 'loss.name=it'\\''s' --member \"$SLURM_ARRAY_TASK_ID\" &\n", script);
    }

    [Fact]
    public void Without_options_the_script_asks_for_one_cpu_and_nothing_else()
    {
        string script = SlurmArrayScript.Write(Job(["gwb"]));
        Assert.Contains("#SBATCH --array=0-3,5,7-9\n#SBATCH", script);
        Assert.DoesNotContain("--partition", script);
        Assert.DoesNotContain("--time", script);
        Assert.DoesNotContain("--gpus", script);
        Assert.Contains("#SBATCH --cpus-per-task=1\n", script);
    }

    // The task's member is a shell loop that exits 3 (interrupted, checkpoint written) on SIGTERM; scontrol is a
    // stand-in that records its arguments.
    static (int Code, string Scontrol) RunTask(string signal)
    {
        using var temp = new TempFolder();
        string bin = temp.File("bin");
        Directory.CreateDirectory(bin);
        System.IO.File.WriteAllText(Path.Combine(bin, "scontrol"), $"#!/bin/sh\necho \"$@\" > {temp.File("scontrol.txt")}\n");
        System.IO.File.SetUnixFileMode(Path.Combine(bin, "scontrol"), (UnixFileMode)0b111_101_101);
        var job = Job(["bash", "-c", $"trap 'exit 3' TERM; touch {temp.File("started")}; while :; do sleep 0.05; done", "member"]) with { WorkingDirectory = temp.Path };
        System.IO.File.WriteAllText(temp.File("task.sh"), SlurmArrayScript.Write(job));
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add(temp.File("task.sh"));
        info.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        info.Environment["SLURM_ARRAY_TASK_ID"] = "5";
        info.Environment["SLURM_ARRAY_JOB_ID"] = "40";
        info.Environment["SLURM_JOB_ID"] = "45";
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        for (int i = 0; i < 200 && !System.IO.File.Exists(temp.File("started")); i++) Thread.Sleep(25);
        Process.Start("kill", [$"-{signal}", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        Assert.True(p.WaitForExit(10_000), "the task did not end after its signal");
        Assert.Contains("gwb: member 5, job 40_5 on ", output.Result);
        return (p.ExitCode, System.IO.File.Exists(temp.File("scontrol.txt")) ? System.IO.File.ReadAllText(temp.File("scontrol.txt")).Trim() : "");
    }

    [Fact]
    public void On_the_time_limit_warning_the_task_stops_its_member_and_requeues_itself() =>
        Assert.Equal((3, "requeue 45"), RunTask("USR1"));

    [Fact]
    public void On_SIGTERM_the_task_stops_its_member_and_leaves_requeueing_to_Slurm() =>
        Assert.Equal((3, ""), RunTask("TERM"));
}
