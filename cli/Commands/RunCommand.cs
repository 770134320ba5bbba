using System.CommandLine;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb run NAME [--quick] [--set key=value]… [--file experiments.yaml]</c>.</summary>
public static class RunCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Experiment name in experiments.yaml." };
        var quick = CommonOptions.Quick();
        var set = CommonOptions.Set();
        var file = CommonOptions.File();
        var command = new Command("run", "Run a named experiment; writes runs/<name>/<UTC time>-s<seed>/.") { name, quick, set, file };
        command.SetAction(r =>
        {
            var experiments = ExperimentFile.Load(r.GetValue(file));
            var spec = experiments.Get(r.GetValue(name)!, r.GetValue(quick), r.GetValue(set) ?? []);
            var result = TrainingProgress.Run(spec.Name, report => ExperimentRunner.Run(spec, new RunOptions { OnLog = report }));
            return Finish(result);
        });
        return command;
    }

    /// <summary>Prints how a run ended and returns the exit code.</summary>
    public static int Finish(RunResult result)
    {
        Console.WriteLine($"{YamlNames.Of(result.Status.State)}: {result.Directory.Path}" + (result.Status.Reason is { } why ? $" ({why})" : ""));
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), result.Directory.Path);
        Console.WriteLine($"report: ./gwb report {(relative.StartsWith("..", StringComparison.Ordinal) ? result.Directory.Path : relative)}");
        return result.Completed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
