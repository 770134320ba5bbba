using GanWorkbench.Cli.Notebooks;
using static GanWorkbench.Tests.Notebooks.Executed;

namespace GanWorkbench.Tests.Notebooks;

/// <summary>The headless runner behaves like the .NET Interactive C# kernel on the notebook subset.</summary>
public class RunnerTests
{
    [Fact]
    public void State_carries_across_cells_and_final_expressions_are_displayed()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Markdown("# Fixture")
            .Code("int x = 40;")
            .Code("x + 2")
            .Code("var s = \"hi\";\ns")
            .Code("Console.Write(\"\");  // a statement: nothing displayed")
            .Run(temp);

        Assert.True(result.Succeeded);
        var cells = CodeCells(result);
        Assert.Equal([1, 2, 3, 4], cells.Select(c => (int)c["execution_count"]!));
        Assert.Empty(Outputs(cells[0]));
        var value = Assert.Single(Outputs(cells[1]));
        Assert.Equal("display_data", (string?)value["output_type"]);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", MimeData(value, "text/html"));
        Assert.Equal("hi", MimeData(Assert.Single(Outputs(cells[2])), "text/plain"));
        Assert.Empty(Outputs(cells[3]));
        Assert.All(cells, c => Assert.Equal("ok", Status(c)));
        Assert.NotNull(cells[0]["metadata"]!["execution"]!["shell.execute_reply.started"]);
        Assert.NotNull(cells[0]["metadata"]!["execution"]!["shell.execute_reply"]);
    }

    [Fact]
    public void Display_returns_a_handle_whose_Update_replaces_the_output_also_from_a_later_cell()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code("var view = display(\"first\");\nview.Update(\"second\");\ndisplay(\"other\", \"text/plain\");")
            .Code("view.Update(\"third\");")
            .Code("\"<b>x</b>\".DisplayAs(\"text/html\");\nHTML(\"<i>y</i>\")")
            .Run(temp);

        Assert.True(result.Succeeded);
        var cells = CodeCells(result);
        Assert.Equal(["third", "other"], Outputs(cells[0]).Select(o => MimeData(o, "text/plain")));
        Assert.Empty(Outputs(cells[1]));
        Assert.Equal(["<b>x</b>", "<i>y</i>"], Outputs(cells[2]).Select(o => MimeData(o, "text/html")));
    }

    [Fact]
    public void Stdout_and_stderr_are_captured_per_cell_as_streams()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code("Console.WriteLine(\"a\");\nConsole.WriteLine(\"b\");\nConsole.Error.WriteLine(\"oops\");\nConsole.Write(\"c\");")
            .Code("Console.WriteLine(\"next cell\");")
            .Run(temp);

        var cells = CodeCells(result);
        Assert.Equal([("stdout", "a\nb\n"), ("stderr", "oops\n"), ("stdout", "c")],
            Outputs(cells[0]).Select(o => ((string)o["name"]!, NotebookFile.Text(o["text"]))));
        Assert.Equal(("stdout", "next cell\n"), Outputs(cells[1]).Select(o => ((string)o["name"]!, NotebookFile.Text(o["text"]))).Single());
    }

    [Theory]
    [InlineData(false, "ok")]
    [InlineData(true, "not run")]
    public void An_exception_is_recorded_with_its_location_and_later_cells_run_unless_stop_on_error(bool stopOnError, string laterStatus)
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Markdown("text")
            .Code("int before = 5;")
            .Code("int alsoBefore = 6;\nthrow new InvalidOperationException(\"boom\");")
            .Code("before + alsoBefore")
            .Run(temp, new NotebookRunOptions { StopOnError = stopOnError });

        Assert.False(result.Succeeded);
        Assert.Equal(new CellFailure(3, 2, "System.InvalidOperationException", "boom"), Assert.Single(result.Failures));
        Assert.Equal("cell 3, line 2: System.InvalidOperationException: boom", result.Failures[0].ToString());
        var cells = CodeCells(result);
        var error = Assert.Single(Outputs(cells[1]));
        Assert.Equal(("error", "System.InvalidOperationException", "boom"), ((string)error["output_type"]!, (string)error["ename"]!, (string)error["evalue"]!));
        Assert.Equal("System.InvalidOperationException: boom", (string)error["traceback"]![0]!);
        Assert.Equal("error", Status(cells[1]));
        Assert.Equal(laterStatus, Status(cells[2]));
        if (stopOnError)
        {
            Assert.Null(cells[2]["execution_count"]);
            Assert.Empty(Outputs(cells[2]));
        }
        else
        {
            // As in the kernel: variables assigned before the exception survive it.
            Assert.StartsWith("<div class=\"dni-plaintext\"><pre>11</pre></div>", MimeData(Assert.Single(Outputs(cells[2])), "text/html"));
        }
    }

    [Fact]
    public void A_compile_error_names_the_line_and_the_diagnostic()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder().Code("int ok = 1;\nundefinedName + 1").Run(temp, name: "compile.ipynb");
        Assert.Equal(new CellFailure(1, 2, "CompilationError", "CS0103: The name 'undefinedName' does not exist in the current context"), Assert.Single(result.Failures));
        var error = Assert.Single(Outputs(CodeCells(result)[0]));
        Assert.Equal("compile.ipynb cell 1(2,1): error CS0103: The name 'undefinedName' does not exist in the current context", (string)error["evalue"]!);
    }

    [Theory]
    [InlineData("#r \"nuget: No.Such.Package, 1.0.0\"", "package No.Such.Package is not part of the workbench's dependencies")]
    [InlineData("#r \"nuget:No.Such.Package\"", "package No.Such.Package is not part of the workbench's dependencies")]
    [InlineData("#r \"nuget: Plotly.NET, 5.0.0\"", "Plotly.NET 5.0.0 was requested but the workbench carries Plotly.NET 6.0.0 (a different major version may break the notebook). Change the reference to #r \"nuget: Plotly.NET, 6.0.0\".")]
    [InlineData("#r \"nuget: TorchSharp-cpu, 0.106.0\"", "TorchSharp-cpu 0.106.0 was requested but the workbench carries TorchSharp-cpu 0.107.0")]
    [InlineData("#!fsharp\nlet x = 1", "this is a #!fsharp cell; the runner (and the workbench's notebooks) run C# cells only.")]
    [InlineData("#!time\n1", "the magic command #!time is not supported by the runner")]
    [InlineData("#r \"missing/Thing.dll\"", "#r \"missing/Thing.dll\": no such file")]
    public void Directives_the_host_cannot_satisfy_fail_the_cell_with_a_clear_message(string source, string message)
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder().Code("// first line\n" + source).Code("1").Run(temp);
        var failure = Assert.Single(result.Failures);
        Assert.Equal((1, 2, "DirectiveError"), (failure.Cell, failure.Line, failure.Name));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
        Assert.Equal("ok", Status(CodeCells(result)[1]));
    }

    [Fact]
    public void Packages_resolve_from_the_host_and_cannot_change_version_later()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code("#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.Combinatorics.Combinations(5, 2)")
            .Code("#r \"nuget: MathNet.Numerics, 5.0.0\"")
            .Code("#r \"nuget: MathNet.Numerics, 5.0.1\"")
            .Run(temp);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>10</pre></div>", MimeData(Assert.Single(Outputs(CodeCells(result)[0])), "text/html"));
        var failure = Assert.Single(result.Failures);
        Assert.Equal((3, 1), (failure.Cell, failure.Line));
        Assert.StartsWith("package MathNet.Numerics was already added at version 5.0.0; it cannot be added again at version 5.0.1", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_reference_resolves_to_the_assembly_the_host_already_loaded()
    {
        using var temp = new TempFolder();
        Assert.True(File.Exists(NotebookBuilder.LibraryPath), $"{NotebookBuilder.LibraryPath} is built with the solution");
        var result = new NotebookBuilder()
            .Code(NotebookBuilder.Header)
            .Code("typeof(GanWorkbench.WorkbenchPaths).Assembly.Location")
            .Code("System.IO.Directory.GetCurrentDirectory()")
            .Run(temp);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var cells = CodeCells(result);
        Assert.Equal(typeof(WorkbenchPaths).Assembly.Location, MimeData(Assert.Single(Outputs(cells[1])), "text/plain"));
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "GanWorkbench");
        Assert.Equal(temp.Path, MimeData(Assert.Single(Outputs(cells[2])), "text/plain"));           // working directory = the notebook's folder
        Assert.NotEqual(temp.Path, Directory.GetCurrentDirectory());                             // and restored afterwards
    }

    [Fact]
    public void Parameters_override_the_tagged_cell_through_an_injected_cell()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code("bool QUICK = false;\nint STEPS = 10;\nvar LR = 0.5;\nstring NAME = \"a\";", Parameters.Tag)
            .Code("$\"{QUICK} {STEPS} {LR} {NAME}\"")
            .Run(temp, new NotebookRunOptions { Parameters = [new("QUICK", "true"), new("STEPS", "3"), new("LR", "1e-3"), new("NAME", "b \"c\"")] });

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var cells = CodeCells(result);
        Assert.Equal(3, cells.Count);
        Assert.Equal([Parameters.InjectedTag], NotebookFile.Tags(cells[1]));
        Assert.Equal("// Parameters injected by gwb nb run (--param)\nQUICK = true;\nSTEPS = 3;\nLR = 0.001;\nNAME = \"b \\\"c\\\"\";", NotebookFile.Source(cells[1]));
        Assert.Equal("True 3 0.001 b \"c\"", MimeData(Assert.Single(Outputs(cells[2])), "text/plain"));
        Assert.Equal("true", (string?)result.Notebook["metadata"]!["gwb"]!["parameters"]!["QUICK"]);
    }

    [Theory]
    [InlineData("NOPE", "1", "test.ipynb: --param NOPE=1: the parameters cell does not declare NOPE (it declares: QUICK). Check the name (case matters).")]
    [InlineData("QUICK", "yes", "test.ipynb: --param QUICK=yes: QUICK is a bool; give true or false.")]
    public void Bad_parameters_are_input_errors(string name, string value, string message)
    {
        using var temp = new TempFolder();
        var notebook = new NotebookBuilder().Code("bool QUICK = false;", Parameters.Tag).Save(temp.File("test.ipynb"));
        var e = Assert.Throws<InputException>(() => NotebookRunner.Run(notebook, new NotebookRunOptions { Parameters = [new(name, value)] }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_cell_over_the_timeout_is_stopped_and_the_rest_is_not_run()
    {
        using var temp = new TempFolder();
        // The limit leaves the first cell room for the script engine's cold start on a loaded machine
        // (0.5 s did not, under the parallel test run); the sleeping cell would take 10 times longer.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new NotebookBuilder()
            .Code("Console.WriteLine(\"started\");")
            .Code("System.Threading.Thread.Sleep(60_000);")
            .Code("1")
            .Run(temp, new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(6) });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), $"took {clock.Elapsed}");
        Assert.True(result.TimedOut);
        Assert.Equal(new CellFailure(2, null, "TimeoutError", "the cell did not finish within 6 s (--timeout 6); the notebook was stopped here"), Assert.Single(result.Failures));
        var cells = CodeCells(result);
        Assert.Equal(["ok", "timeout", "not run"], cells.Select(Status));
        Assert.Equal("TimeoutError", (string?)Outputs(cells[1]).Single()["ename"]);
    }

    [Fact]
    public void Formatter_Register_in_a_cell_formats_later_values()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code("record Pt(int X, int Y);\nFormatter.Register<Pt>((p, w) => w.Write($\"<b>{p.X},{p.Y}</b>\"), \"text/html\");")
            .Code("new Pt(1, 2)")
            .Run(temp);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal("<b>1,2</b>", MimeData(Assert.Single(Outputs(CodeCells(result)[1])), "text/html"));
    }
}
