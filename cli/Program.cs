using System.CommandLine;
using GanWorkbench;
using GanWorkbench.Cli;
using GanWorkbench.Cli.Commands;

// ./gwb — the GanWorkbench command line.
// Exit codes: 0 ok, 1 the run failed or diverged (or doctor found a problem), 2 bad input.
var root = new RootCommand("GanWorkbench: train, evaluate and study GANs and VAEs with TorchSharp.");
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(NbCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(SweepCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(ResumeCommand.Create());
root.Subcommands.Add(ReproduceCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"gwb: {error.Message}");
    Console.Error.WriteLine("Run `./gwb --help` (or `./gwb COMMAND --help`) for usage.");
    return ExitCodes.BadInput;
}
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (InputException e)
{
    Console.Error.WriteLine($"gwb: error: {e.Message}");
    return ExitCodes.BadInput;
}
catch (Exception e) when (StorageErrors.Describe(e) is { } storage)
{
    Console.Error.WriteLine($"gwb: error: {storage}");
    return ExitCodes.BadInput;
}
catch (Exception e)
{
    Console.Error.WriteLine($"gwb: failed: {e}");
    return ExitCodes.Failed;
}
