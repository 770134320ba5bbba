using System.CommandLine;
using System.Globalization;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb sweep status NAME</c>: a table of the members — state (pending, running, completed, failed,
/// diverged, interrupted), step, Slurm task and queue state (<c>squeue</c>, where it is installed). Exit 0 when every
/// member has its result (completed or diverged, as for <c>./gwb sweep</c>), 1 otherwise.</summary>
public static class SweepStatusCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Sweep name (its folder is runs/sweeps/<name>/)." };
        var command = new Command("status", "Show where each member of a sweep stands (status.json, and the Slurm queue for submitted ones).") { name };
        command.SetAction(r =>
        {
            string sweep = r.GetValue(name)!;
            string root = SweepRunner.Root(sweep);
            if (!Directory.Exists(root))
                throw new InputException($"sweep '{sweep}': no folder {root}, so it has not run or been submitted; start it with `./gwb sweep {sweep}` (or --slurm).");
            var jobs = SlurmSubmission.ReadJobs(root).Select(j => j.JobId).Distinct().ToList();
            var queue = SweepStatusTable.Queue(SlurmTools.FromPath(), jobs);
            var rows = SweepStatusTable.Read(root, queue);
            Console.WriteLine($"sweep {sweep}: {rows.Count} members → {root}{(jobs.Count > 0 && queue is null ? " (squeue not available: queue states unknown)" : "")}");
            int width = Math.Max(6, rows.Max(x => x.Label.Length + x.Index.ToString(CultureInfo.InvariantCulture).Length + 3));
            Console.WriteLine($"  {"member".PadRight(width)}  {"state",-11}  {"step",-11}  {"job",-12}  queue");
            foreach (var x in rows)
            {
                string step = x.TotalSteps > 0 ? $"{x.Step}/{x.TotalSteps}" : "-";
                Console.WriteLine($"  {$"[{x.Index}] {x.Label}".PadRight(width)}  {x.State,-11}  {step,-11}  {x.JobId ?? "-",-12}  {x.Queue ?? "-"}" +
                                  (x.State is "failed" or "diverged" or "interrupted" && x.Reason is { } why ? $"  ({why})" : ""));
            }
            var counts = rows.GroupBy(x => x.State).Select(g => $"{g.Count()} {g.Key}");
            Console.WriteLine($"  {string.Join(", ", counts)}");
            return rows.All(x => x.State is "completed" or "diverged") ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
