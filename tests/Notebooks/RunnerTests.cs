using GanWorkbench.Cli.Notebooks;
using static GanWorkbench.Tests.Notebooks.Executed;

namespace GanWorkbench.Tests.Notebooks;

/// <summary>nb run executes notebooks in the .NET Interactive C# kernel and records what it reports as nbformat outputs.</summary>
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
    public void Display_shows_a_value_and_an_Update_changes_nothing_the_kernel_did_not_show()
    {
        // The kernel (1.0.0-beta.26120.1) publishes display(...) under one display id and the handle's updates under
        // another, so no front end can apply them (Jupyter's drops them too): the output keeps its first value.
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code("var view = display(\"first\");\nview.Update(\"second\");\ndisplay(\"other\", \"text/plain\");")
            .Code("view.Update(\"third\");")
            .Code("\"<b>x</b>\".DisplayAs(\"text/html\");\nHTML(\"<i>y</i>\")")
            .Run(temp);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var cells = CodeCells(result);
        Assert.Equal(["first", "other"], Outputs(cells[0]).Select(o => MimeData(o, "text/plain")));
        Assert.Empty(Outputs(cells[1]));
        Assert.Equal(["<b>x</b>", "<i>y</i>"], Outputs(cells[2]).Where(o => (string?)o["output_type"] == "display_data").Select(o => MimeData(o, "text/html")));
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
        Assert.Equal("(2,1): error CS0103: The name 'undefinedName' does not exist in the current context", (string)error["evalue"]!);
    }

    [Theory]
    [InlineData("#r \"missing/Thing.dll\"", 2, "CompilationError", "CS0006: Metadata file 'missing/Thing.dll' could not be found")]
    [InlineData("#!nosuch\n1", 2, "DirectiveError", "DNI101: Unknown magic command '#!nosuch'")]
    [InlineData("#!fsharp\nlet x = 1", 2, "DirectiveError", "DNI101: Unknown magic command '#!fsharp'")]
    public void Directives_the_kernel_refuses_fail_the_cell_with_its_message(string source, int line, string name, string message)
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder().Code("// first line\n" + source).Code("1").Run(temp);
        Assert.Equal(new CellFailure(1, line, name, message), Assert.Single(result.Failures));
        Assert.Equal("ok", Status(CodeCells(result)[1]));
    }

    [Fact]
    public void Time_magic_displays_the_wall_time_after_the_cell_as_the_tool_does()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder().Code("#!time\nSystem.Threading.Thread.Sleep(50);").Run(temp);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var output = Assert.Single(Outputs(CodeCells(result)[0]));
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms$", MimeData(output, "text/plain"));
        Assert.True(double.Parse(MimeData(output, "text/plain")[11..^2], System.Globalization.CultureInfo.InvariantCulture) >= 50);
    }

    [Fact]
    public void A_package_NuGet_does_not_have_fails_its_cell_at_the_directive_line()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder().Code("// first line\n#r \"nuget: No.Such.Package, 1.0.0\"").Run(temp);
        var failure = Assert.Single(result.Failures);
        Assert.Equal((1, 2, "Error"), (failure.Cell, failure.Line, failure.Name));
        Assert.Contains("error NU1101: Unable to find package No.Such.Package.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packages_are_restored_and_cannot_change_version_later()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code("#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.Combinatorics.Combinations(5, 2)")
            .Code("#r \"nuget: MathNet.Numerics, 5.0.0\"")
            .Code("#r \"nuget: MathNet.Numerics, 5.0.1\"")
            .Run(temp);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>10</pre></div>", MimeData(Outputs(CodeCells(result)[0])[^1], "text/html"));
        Assert.Equal(new CellFailure(3, 1, "Error", "MathNet.Numerics version 5.0.1 cannot be added because version 5.0.0 was added previously."),
            Assert.Single(result.Failures));
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
        // The limit leaves the first cell room for the kernel's cold start on a loaded machine (at a load average of 30
        // on 2 cores a first cell took over 5 s); the sleeping cell would take 3 times longer.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new NotebookBuilder()
            .Code("Console.WriteLine(\"started\");")
            .Code("System.Threading.Thread.Sleep(60_000);")
            .Code("1")
            .Run(temp, new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(20) });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(55), $"took {clock.Elapsed}");
        Assert.True(result.TimedOut);
        Assert.Equal(new CellFailure(2, null, "TimeoutError", "the cell did not finish within 20 s (--timeout 20); the notebook was stopped here"), Assert.Single(result.Failures));
        var cells = CodeCells(result);
        Assert.Equal(["ok", "timeout", "not run"], cells.Select(Status));
        Assert.Equal("TimeoutError", (string?)Outputs(cells[1]).Single()["ename"]);
    }

    [Fact]
    public void Formatter_is_used_through_its_namespace_as_in_the_kernel()
    {
        using var temp = new TempFolder();
        var result = new NotebookBuilder()
            .Code("Formatter.ListExpansionLimit")
            .Code("using Microsoft.DotNet.Interactive.Formatting;\nrecord Pt(int X, int Y);\nFormatter.Register<Pt>((p, w) => w.Write($\"<b>{p.X},{p.Y}</b>\"), \"text/html\");")
            .Code("new Pt(1, 2)")
            .Run(temp);
        Assert.Equal(new CellFailure(1, 1, "CompilationError", "CS0103: The name 'Formatter' does not exist in the current context"), Assert.Single(result.Failures));
        Assert.Equal("<b>1,2</b>", MimeData(Assert.Single(Outputs(CodeCells(result)[2])), "text/html"));
    }
}
