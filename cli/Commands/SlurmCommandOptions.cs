using System.CommandLine;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary>
/// The options by which a study command (<c>sweep</c>) submits its members to Slurm as one array job:
/// <c>--slurm</c>, <c>--dry-run</c>, <c>--partition</c>, <c>--time</c>, <c>--cpus-per-task</c>, <c>--gpus</c>,
/// <c>--max-parallel</c>, <c>--signal-before</c>, <c>--sbatch-arg</c>; and how a task's command line and
/// environment are made so that it runs its member exactly as a local run would.
/// </summary>
internal sealed class SlurmCommandOptions
{
    public Option<bool> Slurm { get; } = new("--slurm") { Description = "Submit the members as a Slurm job array (one task per member not yet finished) instead of running them here." };
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "With --slurm: print the sbatch script and submit nothing." };
    public Option<string?> Partition { get; } = new("--partition") { Description = "With --slurm: the partition to run in (default: the cluster's default)." };
    public Option<string?> Time { get; } = new("--time") { Description = "With --slurm: time limit per task, HH:MM:SS or D-HH:MM:SS." };
    public Option<int> CpusPerTask { get; } = new("--cpus-per-task") { Description = "With --slurm: CPUs per task, also its training threads.", DefaultValueFactory = _ => 1 };
    public Option<int> Gpus { get; } = new("--gpus") { Description = "With --slurm: GPUs per task (default 0)." };
    public Option<int?> MaxParallel { get; } = new("--max-parallel") { Description = "With --slurm: at most this many tasks at once." };
    public Option<int> SignalBefore { get; } = new("--signal-before") { Description = "With --slurm: seconds before the time limit at which a task checkpoints and requeues itself.", DefaultValueFactory = _ => 180 };
    public Option<string[]> SbatchArgs { get; } = new("--sbatch-arg") { Description = "With --slurm: one more sbatch option, passed as given, e.g. --sbatch-arg=--account=lab (repeatable)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Slurm, DryRun, Partition, Time, CpusPerTask, Gpus, MaxParallel, SignalBefore, SbatchArgs }) command.Options.Add(o);
    }

    /// <summary>The job options given, validated.</summary>
    public SlurmJobOptions Read(ParseResult r)
    {
        var options = new SlurmJobOptions
        {
            Partition = r.GetValue(Partition), Time = r.GetValue(Time), CpusPerTask = r.GetValue(CpusPerTask), Gpus = r.GetValue(Gpus),
            MaxParallel = r.GetValue(MaxParallel), SignalSeconds = r.GetValue(SignalBefore), ExtraArguments = r.GetValue(SbatchArgs) ?? [],
        };
        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="InputException"/> when a Slurm-only option was given without --slurm.</summary>
    public void RefuseWithoutSlurm(ParseResult r)
    {
        if (r.GetValue(Slurm)) return;
        if (r.GetValue(DryRun)) throw new InputException("--dry-run: only with --slurm (it prints the sbatch script instead of submitting it).");
        if (GivenWithoutSlurm(r) is { } lone) throw new InputException($"{lone}: only with --slurm (it says what each Slurm task asks for).");
    }

    string? GivenWithoutSlurm(ParseResult r) =>
        new (Option O, bool Given)[]
        {
            (Partition, r.GetValue(Partition) is not null), (Time, r.GetValue(Time) is not null), (CpusPerTask, r.GetResult(CpusPerTask) is { Implicit: false }),
            (Gpus, r.GetResult(Gpus) is { Implicit: false }), (MaxParallel, r.GetValue(MaxParallel) is not null),
            (SignalBefore, r.GetResult(SignalBefore) is { Implicit: false }), (SbatchArgs, (r.GetValue(SbatchArgs) ?? []).Length > 0),
        }.FirstOrDefault(x => x.Given).O?.Name;

    /// <summary>This CLI's own command line (the host and gwb.dll) followed by <paramref name="args"/>.</summary>
    public static List<string> SelfCommand(IEnumerable<string> args)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var command = new List<string> { host };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") command.Add(typeof(SlurmCommandOptions).Assembly.Location);
        command.AddRange(args);
        return command;
    }

    /// <summary>What a task exports so that it finds the same repository, runs and data as this process.</summary>
    public static List<KeyValuePair<string, string>> TaskEnvironment()
    {
        var env = new List<KeyValuePair<string, string>>
        {
            new("GWB_ROOT", WorkbenchPaths.Root), new("GWB_RUNS", WorkbenchPaths.Runs), new("GWB_DATA", WorkbenchPaths.Data),
        };
        if (Environment.GetEnvironmentVariable("GWB_DEVICE") is { Length: > 0 } device) env.Add(new("GWB_DEVICE", device));
        return env;
    }

    /// <summary>Refuses, before submitting, a repository, runs or data folder the compute nodes cannot see.</summary>
    public static void RequireSharedPaths(string studyRoot)
    {
        SharedPaths.Require("the repository", WorkbenchPaths.Root, "Clone the workbench onto the cluster's shared filesystem (e.g. under /home or /scratch) and build it there.");
        SharedPaths.Require("the study folder", studyRoot, "Set GWB_RUNS to a folder on the cluster's shared filesystem.");
        SharedPaths.Require("the data folder", WorkbenchPaths.Data, "Set GWB_DATA to a folder on the cluster's shared filesystem (./gwb data fetch all fills it).");
    }
}
