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
        var quick = new Option<bool>("--quick") { Description = "Apply the experiment's quick overrides (a tiny budget for tests and CI)." };
        var set = new Option<string[]>("--set") { Description = "Override a field, e.g. --set loss.name=ns --set g_optim.lr=1e-4 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var file = new Option<string?>("--file") { Description = "Experiments file (default: experiments.yaml at the repository root)." };
        var command = new Command("run", "Run a named experiment; writes runs/<name>/<UTC time>-s<seed>/.") { name, quick, set, file };
        command.SetAction(r =>
        {
            var experiments = ExperimentFile.Load(r.GetValue(file));
            var spec = experiments.Get(r.GetValue(name)!, r.GetValue(quick), r.GetValue(set) ?? []);
            using var progress = new ProgressPrinter(spec.Name);
            var result = ExperimentRunner.Run(spec, new RunOptions { OnLog = progress.Report });
            progress.Finish();
            Console.WriteLine($"{result.Status.State}: {result.Directory.Path}" + (result.Status.Reason is { } why ? $" ({why})" : ""));
            return result.Completed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
