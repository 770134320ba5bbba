using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb sweep NAME --slurm</c>: the members not yet finished as one Slurm job array, each task running
/// <c>./gwb sweep NAME … --continue --member I</c> with the same resolved config and run directory as a local sweep.</summary>
internal static class SweepSlurm
{
    /// <summary>Prints the script (<paramref name="dryRun"/>) or submits it and prints the job id; returns the exit code.</summary>
    public static int Submit(SweepDefinition sweep, IReadOnlyList<SweepMember> members, bool quick, IReadOnlyList<string> overrides,
        string? file, SlurmJobOptions options, bool dryRun)
    {
        string root = SweepRunner.Root(sweep.Name);
        var tools = SlurmTools.FromPath();
        var queued = Queued(root, tools);
        var pending = members.Where(m => SweepRunner.Skip(m, root) is null && !queued.Contains(m.Index)).Select(m => m.Index).ToList();
        if (pending.Count == 0)
        {
            Console.WriteLine($"sweep {sweep.Name}: every member has finished, is running or is queued; nothing to submit (./gwb sweep status {sweep.Name}).");
            return ExitCodes.Ok;
        }
        var args = new List<string> { "sweep", sweep.Name };
        if (quick) args.Add("--quick");
        foreach (var o in overrides) { args.Add("--set"); args.Add(o); }
        if (file is not null) { args.Add("--file"); args.Add(Path.GetFullPath(file)); }
        args.Add("--continue");
        var job = new SlurmArrayJob($"gwb-sweep-{sweep.Name}", pending, SlurmSubmission.Folder(root), WorkbenchPaths.Root,
            SlurmCommandOptions.TaskEnvironment(), SlurmCommandOptions.SelfCommand(args), options);
        if (dryRun)
        {
            Console.Write(SlurmArrayScript.Write(job));
            return ExitCodes.Ok;
        }
        SlurmSubmission.RequireSbatch(tools);
        if (!tools.NodesAreThisMachine()) SlurmCommandOptions.RequireSharedPaths(root);
        var record = SlurmSubmission.Submit(job, root, tools);
        SweepRunner.WriteManifest(sweep, members, quick, overrides);
        Console.WriteLine($"sweep {sweep.Name}: submitted job {record.JobId}, {pending.Count} of {members.Count} members (array {SlurmArrayScript.ArraySpec(pending)}) → {root}");
        Console.WriteLine($"script: {Path.Combine(SlurmSubmission.Folder(root), record.Script)}");
        Console.WriteLine($"status: ./gwb sweep status {sweep.Name}");
        Console.WriteLine(record.JobId);
        return ExitCodes.Ok;
    }

    /// <summary>The members whose latest submitted task is still in the Slurm queue (none when squeue cannot tell).</summary>
    static HashSet<int> Queued(string root, SlurmTools tools)
    {
        var jobs = SlurmSubmission.ReadJobs(root);
        if (jobs.Count == 0) return [];
        var queue = SweepStatusTable.Queue(tools, jobs.Select(j => j.JobId).Distinct().ToList());
        if (queue is null) return [];
        return jobs.SelectMany(j => j.Members).Distinct()
            .Where(i => jobs.Last(j => j.Members.Contains(i)) is var job && queue.ContainsKey($"{job.JobId}_{i}")).ToHashSet();
    }
}
