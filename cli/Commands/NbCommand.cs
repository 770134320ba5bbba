using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GanWorkbench.Cli.Notebooks;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb nb run|render|check</c>: execute .NET notebooks headless, render them to an offline site, check their hygiene.</summary>
public static class NbCommand
{
    /// <summary>The command group.</summary>
    public static Command Create()
    {
        var command = new Command("nb", "Notebooks: run them headless in the .NET Interactive C# kernel, render them to HTML, check them, export them as file-based apps.");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateRender());
        command.Subcommands.Add(CreateCheck());
        command.Subcommands.Add(CreateParams());
        command.Subcommands.Add(CreateExport());
        return command;
    }

    static Command CreateRun()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks (.ipynb) to execute, in order.", Arity = ArgumentArity.OneOrMore };
        var param = new Option<string[]>("--param") { Description = "Override a parameter of the cell tagged \"parameters\", e.g. --param QUICK=true (repeatable)." };
        var output = new Option<string?>("--output") { Description = "Folder for the executed notebooks (default: build/notebooks)." };
        var inPlace = new Option<bool>("--in-place") { Description = "Write the outputs into the source notebooks themselves." };
        var timeout = new Option<double?>("--timeout") { Description = "Longest a single cell may run, in seconds (default: no limit)." };
        var stopOnError = new Option<bool>("--stop-on-error") { Description = "Stop a notebook at its first failing cell (later cells are recorded as not run)." };
        var command = new Command("run", "Execute notebooks top to bottom; exit 0 when every cell succeeded, 2 when any failed.")
            { paths, param, output, inPlace, timeout, stopOnError };
        command.SetAction(r => RunNotebooks(r.GetValue(paths)!, r.GetValue(param) ?? [], r.GetValue(output), r.GetValue(inPlace), r.GetValue(timeout),
            r.GetValue(stopOnError)));
        return command;
    }

    static Command CreateRender()
    {
        var paths = new Argument<string[]>("paths") { Description = "Executed notebooks (.ipynb) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output") { Description = "Folder for the site (default: build/site)." };
        var katex = new Option<string?>("--katex") { Description = "Folder with KaTeX's katex.min.js, katex.min.css and fonts/ (default: build/vendor/katex, then Debian's /usr/share/javascript/katex)." };
        var command = new Command("render", "Render executed notebooks to standalone offline HTML pages plus an index page.") { paths, output, katex };
        command.SetAction(r =>
        {
            var site = NotebookRenderer.RenderSite(r.GetValue(paths)!, r.GetValue(output) ?? Path.Combine(WorkbenchPaths.Root, "build", "site"), r.GetValue(katex));
            foreach (var page in site.Pages) Console.WriteLine($"rendered {page}");
            Console.WriteLine($"index: {site.Index}");
            return ExitCodes.Ok;
        });
        return command;
    }

    static Command CreateCheck()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks to check (default: every notebooks/*.ipynb).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("check", "Check notebooks: nbformat 4.5, .NET metadata, no stored outputs, pinned packages, supported subset.") { paths };
        command.SetAction(r =>
        {
            var given = r.GetValue(paths) ?? [];
            var files = given.Length > 0 ? given : NotebookChecker.DefaultNotebooks();
            var problems = files.SelectMany(f => NotebookChecker.Check(f)).ToList();
            foreach (var p in problems) Console.Error.WriteLine(p);
            Console.WriteLine(problems.Count == 0
                ? $"nb check: {files.Count} notebook(s) ok"
                : $"nb check: {problems.Count} problem(s) in {problems.Select(p => p.Notebook).Distinct().Count()} of {files.Count} notebook(s)");
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    static Command CreateExport()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks (.ipynb) to export.", Arity = ArgumentArity.OneOrMore };
        var to = new Option<string>("--to") { Description = "What to export to: app (a C# file-based app, run with dotnet run).", Required = true };
        var output = new Option<string?>("--output") { Description = "Folder for the apps (default: build/apps)." };
        var command = new Command("export", "Export notebooks as C# file-based apps: dotnet run NAME.cs -- --param NAME=VALUE writes what the notebook displays to NAME.html.")
            { paths, to, output };
        command.SetAction(r =>
        {
            if (r.GetValue(to) != "app") throw new InputException($"--to {r.GetValue(to)}: the only export is --to app (a C# file-based app).");
            string folder = r.GetValue(output) ?? Path.Combine(WorkbenchPaths.Root, "build", "apps");
            var apps = r.GetValue(paths)!.Select(NotebookFile.Load).Select(n => (n.Path, App: AppExporter.Build(n, folder))).ToList();  // all checked before any is written
            foreach (var (notebook, app) in apps)
            {
                AppExporter.Write(app);
                Console.WriteLine($"{notebook} → {app.Path}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    static Command CreateParams()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks (.ipynb).", Arity = ArgumentArity.OneOrMore };
        var param = new Option<string[]>("--param") { Description = "A parameter of the cell tagged \"parameters\", e.g. --param BUDGET=quick (repeatable)." };
        var output = new Option<string>("--output") { Description = "Folder for the notebooks with their injected-parameters cell.", Required = true };
        var command = new Command("params", "Write notebooks with --param values injected as nb run does (a cell after the parameters cell), for another executor such as Jupyter's nbclient.")
            { paths, param, output };
        command.SetAction(r =>
        {
            var values = (r.GetValue(param) ?? []).Select(ParseParameter).ToList();
            var notebooks = r.GetValue(paths)!.Select(NotebookFile.Load).ToList();      // every file is read before any is written
            var prepared = notebooks.Select(n => (n, NotebookRunner.Prepare(n, values).Root)).ToList();
            foreach (var (notebook, root) in prepared)
            {
                string target = Path.Combine(r.GetValue(output)!, notebook.Name);
                NotebookFile.Save(root, target);
                Console.WriteLine($"{notebook.Path} → {target}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    static int RunNotebooks(string[] paths, string[] parameters, string? output, bool inPlace, double? timeout, bool stopOnError)
    {
        if (inPlace && output is not null) throw new InputException("--output and --in-place cannot be used together: choose where the executed notebooks go.");
        if (timeout is <= 0) throw new InputException($"--timeout {timeout}: give a positive number of seconds.");
        var values = parameters.Select(ParseParameter).ToList();
        foreach (var path in paths) if (!File.Exists(path)) throw new InputException($"{path}: no such notebook. Give the path of an .ipynb file.");
        if (paths.Length > 1) return RunEachInItsOwnProcess(paths, parameters, output, inPlace, timeout, stopOnError);

        var notebook = NotebookFile.Load(paths[0]);
        string target = inPlace ? notebook.Path : Path.Combine(output ?? Path.Combine(WorkbenchPaths.Root, "build", "notebooks"), notebook.Name);
        var stdout = Console.Out;
        var options = new NotebookRunOptions
        {
            Parameters = values,
            CellTimeout = timeout is { } s ? TimeSpan.FromSeconds(s) : null,
            StopOnError = stopOnError,
            Log = line => stdout.WriteLine("  " + line),
        };
        var result = NotebookRunner.Run(notebook, options);
        NotebookFile.Save(result.Notebook, target);
        string seconds = result.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        if (result.TimedOut)
        {
            // The timed-out cell may still be running on the kernel's thread: end the process rather than wait for it.
            Console.WriteLine($"FAILED: {paths[0]} → {target} ({seconds} s)");
            foreach (var failure in result.Failures) Console.Error.WriteLine($"gwb nb: {paths[0]}: {failure}");
            Console.Out.Flush();
            Console.Error.Flush();
            Environment.Exit(ExitCodes.BadInput);
        }
        if (result.Succeeded)
        {
            Console.WriteLine($"ok: {paths[0]} → {target} ({seconds} s)");
            return ExitCodes.Ok;
        }
        Console.WriteLine($"FAILED: {paths[0]} → {target} ({seconds} s)");
        foreach (var failure in result.Failures) Console.Error.WriteLine($"gwb nb: {paths[0]}: {failure}");
        return ExitCodes.BadInput;
    }

    /// <summary>Several notebooks: one gwb process each, like one kernel per notebook (a timed-out cell cannot leak into the next).</summary>
    static int RunEachInItsOwnProcess(string[] paths, string[] parameters, string? output, bool inPlace, double? timeout, bool stopOnError)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        string entry = Environment.GetCommandLineArgs()[0];
        var failed = new List<string>();
        foreach (var path in paths)
        {
            var start = new ProcessStartInfo(host) { UseShellExecute = false };
            if (entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) start.ArgumentList.Add(entry);
            foreach (var a in new[] { "nb", "run", path }) start.ArgumentList.Add(a);
            foreach (var p in parameters) { start.ArgumentList.Add("--param"); start.ArgumentList.Add(p); }
            if (output is not null) { start.ArgumentList.Add("--output"); start.ArgumentList.Add(output); }
            if (inPlace) start.ArgumentList.Add("--in-place");
            if (timeout is { } t) { start.ArgumentList.Add("--timeout"); start.ArgumentList.Add(t.ToString(CultureInfo.InvariantCulture)); }
            if (stopOnError) start.ArgumentList.Add("--stop-on-error");
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
            process.WaitForExit();
            if (process.ExitCode != 0) failed.Add($"{path} (exit {process.ExitCode})");
        }
        Console.WriteLine(failed.Count == 0 ? $"nb run: all {paths.Length} notebooks ok" : $"nb run: {failed.Count} of {paths.Length} notebooks failed: {string.Join(", ", failed)}");
        return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    static KeyValuePair<string, string> ParseParameter(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new InputException($"--param {text}: write NAME=VALUE, e.g. --param QUICK=true.");
        return new(text[..eq].Trim(), text[(eq + 1)..]);
    }
}
