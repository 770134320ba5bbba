using System.CommandLine;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb run NAME [--quick] [--set key=value]… [--file experiments.yaml] [--report]</c>.</summary>
public static class RunCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Experiment name in experiments.yaml." };
        var quick = CommonOptions.Quick();
        var set = CommonOptions.Set();
        var file = CommonOptions.File();
        var report = new Option<bool>("--report") { Description = "When the run has ended, write its report.html (as ./gwb report DIR does) and print the path." };
        var command = new Command("run", "Run a named experiment; writes runs/<name>/<UTC time>-s<seed>/.") { name, quick, set, file, report };
        command.SetAction(r =>
        {
            var experiments = ExperimentFile.Load(r.GetValue(file));
            var spec = experiments.Get(r.GetValue(name)!, r.GetValue(quick), r.GetValue(set) ?? []);
            using var stop = StopSignal.Listen();
            var result = TrainingProgress.Run(spec.Name, report => ExperimentRunner.Run(spec, new RunOptions { OnLog = report, Preempt = stop.Token }));
            return Finish(result, r.GetValue(report));
        });
        return command;
    }

    /// <summary>Prints how a run ended (and, with <paramref name="writeReport"/>, writes its report.html and prints
    /// the path) and returns the exit code.</summary>
    public static int Finish(RunResult result, bool writeReport = false)
    {
        Console.WriteLine($"{YamlNames.Of(result.Status.State)}: {result.Directory.Path}" + (result.Status.Reason is { } why ? $" ({why})" : ""));
        string Shown(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : path;
        Console.WriteLine(writeReport ? $"report: {Shown(result.WriteReport())}" : $"report: ./gwb report {Shown(result.Directory.Path)}");
        return result.Completed ? ExitCodes.Ok : result.Status.State == RunState.Interrupted ? ExitCodes.Interrupted : ExitCodes.Failed;
    }
}
