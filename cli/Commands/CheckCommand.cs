using System.CommandLine;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb check [FILE]</c>: validate an experiments file without running anything.</summary>
public static class CheckCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "Experiments file (default: experiments.yaml).", DefaultValueFactory = _ => null };
        var command = new Command("check", "Validate experiments.yaml (every experiment, full and --quick) without running.") { file };
        command.SetAction(r =>
        {
            var experiments = ExperimentFile.Load(r.GetValue(file));
            Console.WriteLine($"{experiments.Path}: {experiments.Names.Count} experiments OK ({string.Join(", ", experiments.Names)})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
