using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>Options of one notebook run.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Overrides for the parameters cell, in order (<c>--param NAME=VALUE</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];
    /// <summary>Longest a single cell may run; null = no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }
    /// <summary>Stop at the first failing cell (later cells are recorded as not run); default: run them all.</summary>
    public bool StopOnError { get; init; }
    /// <summary>Progress lines (one per cell), or null for none.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>Where and why a cell failed. <see cref="Cell"/> is the 1-based position in the source notebook
/// (0 for the cell the runner injected for --param).</summary>
public sealed record CellFailure(int Cell, int? Line, string Name, string Message)
{
    /// <summary>E.g. <c>cell 4, line 2: System.InvalidOperationException: boom</c>.</summary>
    public override string ToString() =>
        $"{(Cell > 0 ? $"cell {Cell}" : "injected parameters cell")}{(Line is { } l ? $", line {l}" : "")}: {Name}: {Message}";
}

/// <summary>The executed notebook and what went wrong.</summary>
public sealed record NotebookRunResult(JsonObject Notebook, IReadOnlyList<CellFailure> Failures, bool TimedOut, TimeSpan Duration)
{
    /// <summary>True when every cell ran without an error.</summary>
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>
/// Executes a .NET notebook (kernelspec <c>.net-*</c>) top to bottom in the .NET Interactive C# kernel
/// (<see cref="NotebookKernel"/>), hosted in this process: one kernel per notebook, one submission per code
/// cell, working directory = the notebook's folder. The kernel's events become the cells' outputs
/// (<see cref="CellOutputs"/>); the result is the notebook with outputs, execution counts and timing
/// metadata (the input file is not touched).
/// </summary>
public static class NotebookRunner
{
    static readonly object OneAtATime = new();
    static readonly Regex DiagnosticPosition = new(@"^\((?<line>\d+),\d+\): error (?<code>[A-Z]+)\d+", RegexOptions.Compiled);

    /// <summary>The runner named in executed notebooks' metadata.</summary>
    public const string RunnerName = "gwb nb run (.NET Interactive C# kernel 1.0.0-beta.26120.1)";

    /// <summary>Runs <paramref name="notebook"/>. Throws <see cref="InputException"/> for a file that is not a runnable .NET notebook.</summary>
    public static NotebookRunResult Run(NotebookFile notebook, NotebookRunOptions options)
    {
        lock (OneAtATime) return RunLocked(notebook, options);
    }

    /// <summary>
    /// The notebook as it will be executed: a copy with the injected-parameters cell after the cell tagged
    /// <c>parameters</c> and an id on every cell; <c>Positions</c> gives each cell's position in the source
    /// (null for the injected cell). Throws <see cref="InputException"/> for a notebook that is not for a .NET kernel.
    /// </summary>
    public static (JsonObject Root, IReadOnlyList<int?> Positions) Prepare(NotebookFile source, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var root = (JsonObject)source.Root.DeepClone();
        RequireDotNetKernel(source.Name, root);
        var cells = (JsonArray)root["cells"]!;
        var positions = Enumerable.Range(1, cells.Count).Select(i => (int?)i).ToList();   // source position of each cell
        InjectParameters(source.Name, cells, positions, parameters);
        root["nbformat_minor"] = Math.Max(5, root["nbformat_minor"]?.GetValue<int>() ?? 5);
        foreach (var cell in cells.Cast<JsonObject>()) if (cell["id"] is null) cell["id"] = NotebookFile.NewCellId();
        return (root, positions);
    }

    static NotebookRunResult RunLocked(NotebookFile source, NotebookRunOptions options)
    {
        var (root, positions) = Prepare(source, options.Parameters);
        var cells = (JsonArray)root["cells"]!;

        var failures = new List<CellFailure>();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        bool timedOut = false, stop = false;
        string previousDirectory = Directory.GetCurrentDirectory();
        TextWriter stdout = Console.Out, stderr = Console.Error;
        var displays = new DisplayRegistry();
        var router = new EventRouter();
        CompositeKernel? kernel = null;
        try
        {
            Formatter.ResetToDefault();
            Directory.SetCurrentDirectory(Path.GetDirectoryName(source.Path)!);
            kernel = NotebookKernel.Create();
            using var subscription = kernel.KernelEvents.Subscribe(router);

            int count = 0;
            for (int i = 0; i < cells.Count; i++)
            {
                var cell = (JsonObject)cells[i]!;
                if (NotebookFile.CellType(cell) != "code") continue;
                var outputs = new JsonArray();
                cell["outputs"] = outputs;
                var gwb = new JsonObject();
                NotebookFile.Metadata(cell)["gwb"] = gwb;
                if (stop)
                {
                    cell["execution_count"] = null;
                    gwb["status"] = "not run";
                    continue;
                }
                cell["execution_count"] = ++count;
                string label = positions[i] is { } p ? $"cell {p}" : "injected parameters";
                var cellOutputs = new CellOutputs(outputs, displays);
                router.Current = cellOutputs;
                var cellStart = DateTimeOffset.UtcNow;
                var submission = kernel.SendAsync(new SubmitCode(NotebookFile.Source(cell)));
                CellFailure? failure;
                if (options.CellTimeout is { } limit && !submission.Wait(limit))
                {
                    timedOut = stop = true;
                    Task.WaitAny(kernel.SendAsync(new Cancel()), Task.Delay(TimeSpan.FromSeconds(5)));
                    string seconds = limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                    string message = $"the cell did not finish within {seconds} s (--timeout {seconds}); the notebook was stopped here";
                    failure = new CellFailure(0, null, "TimeoutError", message);
                    cellOutputs.AddError("TimeoutError", message, [$"TimeoutError: {message}"]);
                }
                else failure = Outcome(submission.GetAwaiter().GetResult(), NotebookFile.Source(cell), cellOutputs);
                var cellEnd = DateTimeOffset.UtcNow;

                var execution = new JsonObject { ["shell.execute_reply.started"] = Iso(cellStart), ["shell.execute_reply"] = Iso(cellEnd) };
                NotebookFile.Metadata(cell)["execution"] = execution;
                gwb["status"] = failure is null ? "ok" : timedOut ? "timeout" : "error";
                gwb["duration_s"] = Math.Round((cellEnd - cellStart).TotalSeconds, 3);
                options.Log?.Invoke($"{source.Name} {label}: {gwb["status"]} ({(cellEnd - cellStart).TotalSeconds:F1} s)");
                if (failure is not null)
                {
                    failures.Add(failure with { Cell = positions[i] ?? 0 });
                    if (options.StopOnError) stop = true;
                }
            }
        }
        finally
        {
            router.Current = null;
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Directory.SetCurrentDirectory(previousDirectory);
            if (!timedOut) kernel?.Dispose();                      // a timed-out cell may still hold the kernel
        }

        RecordRun(root, RunnerName, options.Parameters, started, clock.Elapsed, failures.Count == 0 ? "ok" : timedOut ? "timeout" : "error");
        return new NotebookRunResult(root, failures, timedOut, clock.Elapsed);
    }

    /// <summary>How a submission ended: null when it succeeded, else the failure (also recorded as an error output).</summary>
    static CellFailure? Outcome(KernelCommandResult result, string source, CellOutputs outputs)
    {
        if (outputs.OverLimit)
        {
            string limit = $"the cell's output passed {CellOutputs.MaxCharacters:N0} characters; the rest was dropped. Print less (or write large results to a file).";
            outputs.AddError("OutputLimitError", limit, [$"OutputLimitError: {limit}"]);
            return new CellFailure(0, null, "OutputLimitError", limit);
        }
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is not { } failed) return null;
        var e = failed.Exception;
        if (e is null || e.GetType().Name == "CodeSubmissionCompilationErrorException")
        {
            var match = DiagnosticPosition.Match(failed.Message);
            string name = !match.Success ? "Error" : match.Groups["code"].Value == "DNI" ? "DirectiveError" : "CompilationError";
            var lines = failed.Message.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            outputs.AddError(name, failed.Message, lines);
            int? line = match.Success ? int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture) : DirectiveLine(source, failed.Message);
            return new CellFailure(0, line, name,
                match.Success ? lines[0][(lines[0].IndexOf(": error ", StringComparison.Ordinal) + 8)..] : lines[0]);
        }
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerException!;
        string type = e.GetType().FullName ?? e.GetType().Name;
        var traceback = e.ToString().Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                     && !l.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal)
                     && !l.Contains("System.Runtime.ExceptionServices", StringComparison.Ordinal)
                     && !l.StartsWith("--- End of stack trace", StringComparison.Ordinal));
        outputs.AddError(type, e.Message, traceback);
        return new CellFailure(0, CellLine(e), type, e.Message);
    }

    /// <summary>For a failure the kernel gives no position (a package it could not restore or add): the line of the
    /// <c>#r "nuget:"</c> directive whose package the message names.</summary>
    static int? DirectiveLine(string source, string message) =>
        CellDirectives.Parse(source).Directives
            .FirstOrDefault(d => d.Kind == DirectiveKind.NuGetPackage && message.Contains(d.Value, StringComparison.OrdinalIgnoreCase))?.Line;

    /// <summary>The line of the failing cell: the outermost frame of a submission (the cell's own code) that has one.</summary>
    static int? CellLine(Exception e) =>
        new StackTrace(e, fNeedFileInfo: true).GetFrames()
            .LastOrDefault(f => f.GetMethod()?.DeclaringType?.FullName?.StartsWith("Submission#", StringComparison.Ordinal) == true && f.GetFileLineNumber() > 0)
            ?.GetFileLineNumber();

    /// <summary>Sends every kernel event to the cell that runs (or ran last: output of background threads).</summary>
    sealed class EventRouter : IObserver<KernelEvent>
    {
        public volatile CellOutputs? Current;
        public void OnNext(KernelEvent value) => Current?.Add(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }

    /// <summary>Writes the notebook-level record of a run (<c>metadata.gwb</c>): runner, parameters, times, status.</summary>
    public static void RecordRun(JsonObject root, string runner, IReadOnlyList<KeyValuePair<string, string>> values,
        DateTimeOffset started, TimeSpan duration, string status)
    {
        var metadata = root["metadata"] as JsonObject ?? new JsonObject();
        root["metadata"] = metadata;
        var parameters = new JsonObject();
        foreach (var (name, value) in values) parameters[name] = value;
        metadata["gwb"] = new JsonObject
        {
            ["runner"] = runner,
            ["parameters"] = parameters,
            ["start_time"] = Iso(started),
            ["end_time"] = Iso(started + duration),
            ["duration_s"] = Math.Round(duration.TotalSeconds, 3),
            ["status"] = status,
        };
    }

    static void RequireDotNetKernel(string name, JsonObject root)
    {
        string? kernel = root["metadata"]?["kernelspec"]?["name"]?.GetValue<string>();
        if (kernel is null || !kernel.StartsWith(".net-", StringComparison.Ordinal))
            throw new InputException($"{name}: kernelspec \"{kernel ?? "missing"}\" is not a .NET kernel; the runner executes notebooks made for " +
                "the .NET Interactive C# kernel (metadata.kernelspec.name \".net-csharp\"). Start from notebooks/_template.ipynb.");
    }

    static void InjectParameters(string name, JsonArray cells, List<int?> positions, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0) return;
        int index = cells.Select((c, i) => (c, i)).FirstOrDefault(t => NotebookFile.Tags((JsonObject)t.c!).Contains(Parameters.Tag), (null, -1)).Item2;
        if (index < 0)
            throw new InputException($"{name}: --param given but no cell is tagged \"{Parameters.Tag}\". Tag the cell that declares the parameters (cell metadata \"tags\": [\"parameters\"]).");
        string code = NotebookFile.Source((JsonObject)cells[index]!);
        var injected = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = NotebookFile.NewCellId(),
            ["metadata"] = new JsonObject
            {
                ["tags"] = new JsonArray(Parameters.InjectedTag),
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            },
            ["outputs"] = new JsonArray(),
            ["source"] = NotebookFile.Lines(Parameters.InjectedSource(name, code, values)),
        };
        cells.Insert(index + 1, injected);
        positions.Insert(index + 1, null);
    }

    static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
