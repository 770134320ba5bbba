using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
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
/// Executes a .NET notebook (kernelspec <c>.net-*</c>) top to bottom, headless, like the .NET Interactive
/// C# kernel would: one <see cref="ScriptSession"/>, cells in order on one kernel thread, working
/// directory = the notebook's folder, stdout/stderr captured per cell, values and displays formatted
/// through <c>Microsoft.DotNet.Interactive.Formatting</c>. The result is the notebook with outputs,
/// execution counts and timing metadata (the input file is not touched).
/// </summary>
public static class NotebookRunner
{
    static readonly Lazy<PackageClosure> HostClosure = new(PackageClosure.FromHost);
    static readonly object OneAtATime = new();

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
        string directory = Path.GetDirectoryName(source.Path)!;
        string previousDirectory = Directory.GetCurrentDirectory();
        TextWriter stdout = Console.Out, stderr = Console.Error;
        using var kernel = new KernelThread();
        try
        {
            Formatter.ResetToDefault();
            NotebookContext.Reset();
            Directory.SetCurrentDirectory(directory);
            Console.SetOut(new CellStreamWriter("stdout", stdout));
            Console.SetError(new CellStreamWriter("stderr", stderr));
            var session = new ScriptSession(directory, HostClosure.Value);
            kernel.Run(session.StartAsync).GetAwaiter().GetResult();

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
                var cellOutputs = new CellOutputs(outputs);
                var cellStart = DateTimeOffset.UtcNow;
                var work = kernel.Run(() => ExecuteCellAsync(session, NotebookFile.Source(cell), $"{source.Name} {label}", cellOutputs));
                CellFailure? failure;
                if (options.CellTimeout is { } limit && !work.Wait(limit))
                {
                    timedOut = stop = true;
                    string seconds = limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                    string message = $"the cell did not finish within {seconds} s (--timeout {seconds}); the notebook was stopped here";
                    failure = new CellFailure(positions[i] ?? 0, null, "TimeoutError", message);
                    cellOutputs.AddError("TimeoutError", message, [$"TimeoutError: {message}"]);
                    NotebookContext.Leave(cellOutputs);
                }
                else failure = work.GetAwaiter().GetResult();
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
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Directory.SetCurrentDirectory(previousDirectory);
            NotebookContext.Reset();
            kernel.Finish(abandon: timedOut);
        }

        RecordRun(root, "gwb nb run", options.Parameters, started, clock.Elapsed, failures.Count == 0 ? "ok" : timedOut ? "timeout" : "error");
        return new NotebookRunResult(root, failures, timedOut, clock.Elapsed);
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

    static async Task<CellFailure?> ExecuteCellAsync(ScriptSession session, string source, string filePath, CellOutputs outputs)
    {
        NotebookContext.Enter(outputs);
        try
        {
            CellCode code;
            try
            {
                code = CellCode.Parse(source);
                session.Apply(code.Directives);
            }
            catch (CellDirectiveException e)
            {
                outputs.AddError("DirectiveError", e.Message, [$"{filePath}, line {e.Line}: {e.Message}"]);
                return new CellFailure(0, e.Line, "DirectiveError", e.Message);
            }
            var run = await session.RunAsync(code.Code, filePath).ConfigureAwait(false);
            if (run.CompileErrors.Length > 0)
            {
                var lines = run.CompileErrors.Select(d => d.ToString()).ToArray();
                outputs.AddError("CompilationError", string.Join("\n", lines), lines);
                var first = run.CompileErrors[0];
                return new CellFailure(0, first.Location.GetLineSpan().StartLinePosition.Line + 1, "CompilationError",
                    $"{first.Id}: {first.GetMessage(CultureInfo.InvariantCulture)}");
            }
            if (run.Exception is { } e2) return RecordException(e2, filePath, outputs);
            if (run.HasValue)
            {
                try { outputs.AddDisplay(CellOutputs.Format(run.Value, [])); }
                catch (Exception e) { return RecordException(e, filePath, outputs); }
            }
            return null;
        }
        finally
        {
            NotebookContext.Leave(outputs);
        }
    }

    static CellFailure RecordException(Exception exception, string filePath, CellOutputs outputs)
    {
        var e = exception is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : exception;
        int? line = new StackTrace(e, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileName() is { } file && (file == filePath || file.EndsWith(Path.DirectorySeparatorChar + filePath, StringComparison.Ordinal)) && f.GetFileLineNumber() > 0)?.GetFileLineNumber();
        string name = e.GetType().FullName ?? e.GetType().Name;
        var traceback = e.ToString().Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                     && !l.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal)
                     && !l.Contains("System.Runtime.ExceptionServices", StringComparison.Ordinal)
                     && !l.StartsWith("--- End of stack trace", StringComparison.Ordinal));
        outputs.AddError(name, e.Message, traceback);
        return new CellFailure(0, line, name, e.Message);
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
        string code = CellCode.Parse(NotebookFile.Source((JsonObject)cells[index]!)).Code;
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
