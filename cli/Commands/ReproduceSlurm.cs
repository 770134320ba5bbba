using System.Globalization;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb reproduce NAME --slurm</c>: the reproduction's members without a finished run as one Slurm job
/// array, each task running <c>./gwb reproduce NAME --budget B … --member I</c> (which continues an interrupted member
/// from its checkpoint). The Slurm files go to <c>runs/reproductions/NAME/slurm/</c>; once the array has finished,
/// <c>./gwb reproduce NAME --budget B</c> reuses the runs and writes the record.</summary>
internal static class ReproduceSlurm
{
    /// <summary>Prints the script (<paramref name="dryRun"/>) or submits it and prints the job id; returns the exit code.</summary>
    public static int Submit(ReproductionFile file, string name, ReproductionBudget budget, int? seeds, string? reproductionsPath, string? experimentsPath,
        SlurmJobOptions options, bool dryRun)
    {
        var r = ReproductionRunner.WithSeeds(file.Get(name, budget), seeds);
        string evaluate = $"./gwb reproduce {name} --budget {YamlNames.Of(budget)}" + (seeds is int s ? $" --seeds {s}" : "");
        if (!r.Protocol.TrainsRuns)
        {
            Console.WriteLine($"reproduce {name}: its protocol trains nothing, so there is nothing for Slurm to run; `{evaluate}` computes it here.");
            return ExitCodes.Ok;
        }
        var members = file.Members(r, budget);
        string root = Path.Combine(WorkbenchPaths.Runs, "reproductions", name);
        var pending = Enumerable.Range(0, members.Count).Where(i => ReproductionRunner.FindFinished(members[i]) is null).ToList();
        if (pending.Count == 0)
        {
            Console.WriteLine($"reproduce {name}: every member has a finished run; `{evaluate}` writes the record.");
            return ExitCodes.Ok;
        }
        var args = new List<string> { "reproduce", name, "--budget", YamlNames.Of(budget) };
        if (seeds is int n) args.AddRange(["--seeds", n.ToString(CultureInfo.InvariantCulture)]);
        if (reproductionsPath is not null) args.AddRange(["--file", Path.GetFullPath(reproductionsPath)]);
        if (experimentsPath is not null) args.AddRange(["--experiments", Path.GetFullPath(experimentsPath)]);
        var job = new SlurmArrayJob($"gwb-reproduce-{name}", pending, SlurmSubmission.Folder(root), WorkbenchPaths.Root,
            SlurmCommandOptions.TaskEnvironment(), SlurmCommandOptions.SelfCommand(args), options);
        if (dryRun)
        {
            Console.Write(SlurmArrayScript.Write(job));
            return ExitCodes.Ok;
        }
        var tools = SlurmTools.FromPath();
        SlurmSubmission.RequireSbatch(tools);
        if (!tools.NodesAreThisMachine()) SlurmCommandOptions.RequireSharedPaths(root);
        var record = SlurmSubmission.Submit(job, root, tools);
        Console.WriteLine($"reproduce {name}: submitted job {record.JobId}, {pending.Count} of {members.Count} members (array {SlurmArrayScript.ArraySpec(pending)}) → {root}");
        Console.WriteLine($"script: {Path.Combine(SlurmSubmission.Folder(root), record.Script)}");
        Console.WriteLine($"when it has finished: {evaluate} (reuses the runs, evaluates, writes the record)");
        Console.WriteLine(record.JobId);
        return ExitCodes.Ok;
    }
}
