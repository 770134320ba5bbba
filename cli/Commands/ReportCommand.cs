using System.CommandLine;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb report RUN_DIR|SWEEP</c>: writes a self-contained, offline report.html.</summary>
public static class ReportCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = "A run directory (runs/<experiment>/<time>-s<seed>), a sweep folder, or the name of a sweep that has run." };
        var command = new Command("report", "Write report.html (self-contained, works offline) for a run or a sweep.") { target };
        command.SetAction(r =>
        {
            string path = Write(r.GetValue(target)!);
            Console.WriteLine($"report: {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes the report for a run directory, a sweep folder or a sweep name; returns its path.</summary>
    public static string Write(string target)
    {
        if (Directory.Exists(target))
        {
            if (File.Exists(Path.Combine(target, "sweep.json"))) return SweepReport.Write(Path.GetFullPath(target));
            if (File.Exists(Path.Combine(target, "status.json")) || File.Exists(Path.Combine(target, "config.yaml")))
            {
                using var run = RunDirectory.Open(target);
                return RunReport.Write(run);
            }
            throw new InputException($"{target}: neither a run directory (no status.json or config.yaml) nor a sweep folder (no sweep.json). " +
                                     "Give a run directory (runs/<experiment>/<time>-s<seed>) or a sweep folder (runs/sweeps/<sweep>).");
        }
        string sweepRoot = SweepRunner.Root(target);
        if (ExperimentFile.IsSafeName(target) && File.Exists(Path.Combine(sweepRoot, "sweep.json"))) return SweepReport.Write(sweepRoot);
        throw new InputException($"{target}: no such run directory, and no sweep of that name has run ({sweepRoot} has no sweep.json). " +
                                 "Give a run directory (runs/<experiment>/<time>-s<seed>) or run the sweep first: ./gwb sweep NAME.");
    }
}
