using System.CommandLine;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb check [FILE] [--write-docs]</c>: validate an experiments file without running anything.</summary>
public static class CheckCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "Experiments file (default: experiments.yaml).", DefaultValueFactory = _ => null };
        var writeDocs = new Option<bool>("--write-docs") { Description = "Also regenerate the field reference in docs/experiments.md from the schema records." };
        var command = new Command("check", "Validate experiments.yaml (every experiment, full and --quick, and every sweep member) without running.") { file, writeDocs };
        command.SetAction(r =>
        {
            var experiments = ExperimentFile.Load(r.GetValue(file));
            Console.WriteLine($"{experiments.Path}: {experiments.Names.Count} experiments OK ({string.Join(", ", experiments.Names)})");
            foreach (var name in experiments.SweepNames)
            {
                var sweep = experiments.Sweep(name);
                Console.WriteLine($"  sweep {name}: {sweep.Members().Count} members of '{sweep.Experiment}' over {string.Join(", ", sweep.Fields.DefaultIfEmpty("seeds"))}");
            }
            if (r.GetValue(writeDocs))
            {
                string docs = Path.Combine(WorkbenchPaths.Root, "docs", "experiments.md");
                if (!File.Exists(docs)) throw new InputException($"{docs}: not found; --write-docs updates the field reference inside it.");
                File.WriteAllText(docs, SchemaReference.Splice(File.ReadAllText(docs), docs));
                Console.WriteLine($"{docs}: field reference regenerated");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
