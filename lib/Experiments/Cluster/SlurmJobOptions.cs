using System.Text.RegularExpressions;

namespace GanWorkbench.Experiments;

/// <summary>
/// What an array job asks Slurm for, per task: partition, time limit, CPUs, GPUs, how many tasks run at once,
/// how long before the time limit the warning signal comes, and extra <c>sbatch</c> arguments passed as given.
/// </summary>
public sealed partial record SlurmJobOptions
{
    /// <summary>The partition (<c>--partition</c>); null for the cluster's default.</summary>
    public string? Partition { get; init; }
    /// <summary>The time limit per task, <c>HH:MM:SS</c> or <c>D-HH:MM:SS</c>; null for the partition's default.</summary>
    public string? Time { get; init; }
    /// <summary>CPUs per task; the task trains with that many threads.</summary>
    public int CpusPerTask { get; init; } = 1;
    /// <summary>GPUs per task (0: none requested).</summary>
    public int Gpus { get; init; }
    /// <summary>At most this many tasks at once (the array's <c>%N</c>); null for no limit.</summary>
    public int? MaxParallel { get; init; }
    /// <summary>Seconds before the time limit at which the task is told to checkpoint and requeue itself.</summary>
    public int SignalSeconds { get; init; } = 180;
    /// <summary>Further <c>sbatch</c> arguments, each written as one <c>#SBATCH</c> line.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    [GeneratedRegex(@"^(\d+-)?\d{1,3}:\d{2}:\d{2}$")]
    private static partial Regex TimeFormat();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex PartitionName();

    /// <summary>Throws <see cref="InputException"/> (naming the option) for a value Slurm would refuse.</summary>
    public void Validate()
    {
        if (Partition is { } p && !PartitionName().IsMatch(p))
            throw new InputException($"--partition '{p}': not a partition name (letters, digits, '_', '-', '.'); `sinfo -s` lists the cluster's partitions.");
        if (Time is { } t && !TimeFormat().IsMatch(t))
            throw new InputException($"--time '{t}': give the time limit per task as HH:MM:SS or D-HH:MM:SS, e.g. --time 04:00:00.");
        if (CpusPerTask < 1) throw new InputException($"--cpus-per-task {CpusPerTask}: give at least 1 (the task's training threads).");
        if (Gpus < 0) throw new InputException($"--gpus {Gpus}: give 0 (no GPU) or more.");
        if (MaxParallel is < 1) throw new InputException($"--max-parallel {MaxParallel}: give at least 1 (array tasks running at once).");
        if (SignalSeconds < 1) throw new InputException($"--signal-before {SignalSeconds}: give the seconds before the time limit, at least 1.");
        foreach (var a in ExtraArguments)
            if (!a.StartsWith('-') || a.Contains('\n'))
                throw new InputException($"--sbatch-arg '{a}': give one sbatch option per --sbatch-arg, starting with '-', e.g. --sbatch-arg=--mem=4G.");
    }
}
