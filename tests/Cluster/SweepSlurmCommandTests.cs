using GanWorkbench.Tests.Experiments;

namespace GanWorkbench.Tests.Cluster;

/// <summary><c>./gwb sweep NAME --slurm</c> on the command line: --dry-run prints the script and writes nothing; Slurm
/// options without --slurm and a machine without sbatch are bad input (exit 2) with nothing written.</summary>
public class SweepSlurmCommandTests
{
    const string File = "experiments:\n  a: { budget: { steps: 2 } }\nsweeps:\n  s: { experiment: a, seeds: [1, 2, 3] }\n";

    [Fact]
    public void Dry_run_prints_the_array_script_for_every_member_and_writes_nothing()
    {
        using var temp = new TempFolder();
        System.IO.File.WriteAllText(temp.File("e.yaml"), File);
        var (code, stdout, stderr) = Gwb.Run(temp.File("runs"), "sweep", "s", "--file", temp.File("e.yaml"), "--quick", "--set", "threads=1",
            "--slurm", "--dry-run", "--time", "00:30:00", "--cpus-per-task", "2");
        Assert.True(code == 0, stderr);
        Assert.StartsWith("#!/bin/bash\n", stdout);
        Assert.Contains("\n#SBATCH --array=0-2\n", stdout);
        Assert.Contains("\n#SBATCH --time=00:30:00\n", stdout);
        Assert.Contains("\n#SBATCH --cpus-per-task=2\n", stdout);
        Assert.Contains($"\n#SBATCH --output={Path.Combine(temp.File("runs"), "sweeps", "s", "slurm")}/%A_%a.out\n", stdout);
        Assert.Contains($"\nexport GWB_RUNS={temp.File("runs")}\n", stdout);
        Assert.Contains($" {Gwb.Dll} sweep s --quick --set threads=1 --file {temp.File("e.yaml")} --continue --member \"$SLURM_ARRAY_TASK_ID\" &\n", stdout);
        Assert.False(Directory.Exists(temp.File("runs")));
    }

    [Theory]
    [InlineData(new[] { "--partition", "debug" }, "gwb: error: --partition: only with --slurm (it says what each Slurm task asks for).")]
    [InlineData(new[] { "--dry-run" }, "gwb: error: --dry-run: only with --slurm (it prints the sbatch script instead of submitting it).")]
    [InlineData(new[] { "--slurm", "--parallel", "2" }, "gwb: error: --slurm: not with --member or --parallel (Slurm runs the members, as many at once as --max-parallel allows).")]
    [InlineData(new[] { "--slurm", "--time", "90" }, "gwb: error: --time '90': give the time limit per task as HH:MM:SS or D-HH:MM:SS, e.g. --time 04:00:00.")]
    [InlineData(new[] { "--slurm" }, "gwb: error: sbatch is not on PATH, so this machine cannot submit to Slurm.")]
    public void Bad_slurm_arguments_exit_2_and_write_nothing(string[] args, string message)
    {
        using var temp = new TempFolder();
        System.IO.File.WriteAllText(temp.File("e.yaml"), File);
        Directory.CreateDirectory(temp.File("empty-path"));
        using var p = Gwb.Start(temp.File("runs"), ["sweep", "s", "--file", temp.File("e.yaml"), "--quick", .. args],
            new Dictionary<string, string> { ["PATH"] = temp.File("empty-path") });
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(2, p.ExitCode);
        Assert.StartsWith(message, stderr);
        Assert.False(Directory.Exists(temp.File("runs")));
    }

    [Fact]
    public void Reproduce_dry_run_prints_an_array_of_the_members_without_a_finished_run()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = Gwb.Run(temp.File("runs"), "reproduce", "goodfellow2014-table1", "--budget", "quick", "--slurm", "--dry-run");
        Assert.True(code == 0, stderr);
        Assert.Contains("\n#SBATCH --job-name=gwb-reproduce-goodfellow2014-table1\n#SBATCH --array=0\n", stdout);
        Assert.Contains($"\n#SBATCH --output={Path.Combine(temp.File("runs"), "reproductions", "goodfellow2014-table1", "slurm")}/%A_%a.out\n", stdout);
        Assert.Contains($" {Gwb.Dll} reproduce goodfellow2014-table1 --budget quick --member \"$SLURM_ARRAY_TASK_ID\" &\n", stdout);
        Assert.False(Directory.Exists(temp.File("runs")));

        (code, _, stderr) = Gwb.Run(temp.File("runs"), "reproduce", "--all", "--budget", "quick", "--slurm");
        Assert.Equal(2, code);
        Assert.StartsWith("gwb: error: --slurm: name exactly one reproduction, without --all, --member, --parallel or --write-table", stderr);
    }
}
