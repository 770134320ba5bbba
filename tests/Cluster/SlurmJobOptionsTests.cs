using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Cluster;

/// <summary>Job options Slurm would refuse are bad input, named by their option, with the form that works.</summary>
public class SlurmJobOptionsTests
{
    [Theory]
    [InlineData("04:00:00")]
    [InlineData("2-12:30:00")]
    [InlineData("120:00:00")]
    public void Time_limits_in_Slurms_forms_pass(string time) => new SlurmJobOptions { Time = time }.Validate();

    public static TheoryData<SlurmJobOptions, string> Bad() => new()
    {
        { new SlurmJobOptions { Time = "4h" }, "--time '4h': give the time limit per task as HH:MM:SS or D-HH:MM:SS, e.g. --time 04:00:00." },
        { new SlurmJobOptions { CpusPerTask = 0 }, "--cpus-per-task 0: give at least 1 (the task's training threads)." },
        { new SlurmJobOptions { Gpus = -1 }, "--gpus -1: give 0 (no GPU) or more." },
        { new SlurmJobOptions { MaxParallel = 0 }, "--max-parallel 0: give at least 1 (array tasks running at once)." },
        { new SlurmJobOptions { Partition = "gpu;rm" }, "--partition 'gpu;rm': not a partition name (letters, digits, '_', '-', '.'); `sinfo -s` lists the cluster's partitions." },
        { new SlurmJobOptions { ExtraArguments = ["mem=4G"] }, "--sbatch-arg 'mem=4G': give one sbatch option per --sbatch-arg, starting with '-', e.g. --sbatch-arg=--mem=4G." },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_options_are_refused_with_the_fix(SlurmJobOptions options, string message) =>
        Assert.Equal(message, Assert.Throws<InputException>(options.Validate).Message);
}
