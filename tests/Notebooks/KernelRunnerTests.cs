using System.Text.Json.Nodes;
using GanWorkbench.Cli.Notebooks;

namespace GanWorkbench.Tests.Notebooks;

/// <summary>What the .NET Interactive kernel path (dotnet-repl) reads back and refuses; the kernel runs
/// themselves are make test's notebook-kernel-tests.</summary>
public class KernelRunnerTests
{
    [Fact]
    public void Prepared_notebook_has_the_injected_parameters_cell_after_the_tagged_one_and_maps_cells_to_source_positions()
    {
        using var temp = new TempFolder();
        var notebook = new NotebookBuilder()
            .Markdown("# Fixture")
            .Code("bool QUICK = false;", "parameters")
            .Code("QUICK")
            .Save(temp.File("n.ipynb"));

        var (root, positions) = NotebookRunner.Prepare(notebook, [new("QUICK", "true")]);

        var cells = ((JsonArray)root["cells"]!).Cast<JsonObject>().ToArray();
        Assert.Equal([1, 2, null, 3], positions);
        Assert.Equal("// Parameters injected by gwb nb run (--param)\nQUICK = true;", NotebookFile.Source(cells[2]));
        Assert.Equal(["injected-parameters"], NotebookFile.Tags(cells[2]));
        Assert.All(cells, c => Assert.NotNull(c["id"]));
        Assert.Equal(3, ((JsonArray)notebook.Root["cells"]!).Count);                  // the source is not changed
    }

    [Fact]
    public void Errors_in_the_kernels_output_become_failures_numbered_as_in_the_source()
    {
        static JsonObject Cell(params JsonObject[] outputs) => new()
        {
            ["cell_type"] = "code",
            ["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray()),
            ["source"] = "",
        };
        static JsonObject Error(string name, string value) => new() { ["output_type"] = "error", ["ename"] = name, ["evalue"] = value };
        static JsonObject Display() => new() { ["output_type"] = "display_data", ["data"] = new JsonObject() };
        var executed = new JsonObject
        {
            ["cells"] = new JsonArray(
                Cell(Display()),
                Cell(),                                                         // the injected parameters
                Cell(Display(), Error("Error", "System.IO.FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'\n   at DynamicObj.SetProperty")),
                new JsonObject { ["cell_type"] = "markdown", ["source"] = "" },
                Cell(Error("Error", "System.InvalidOperationException: boom"))),
        };

        var failures = KernelRunner.CellErrors(executed, [1, null, 2, 3, 4]).ToArray();

        Assert.Equal([
            new CellFailure(2, null, "Error", "System.IO.FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'"),
            new CellFailure(4, null, "Error", "System.InvalidOperationException: boom")], failures);
    }

    [Fact]
    public void A_missing_dotnet_repl_is_refused_with_how_to_install_it()
    {
        using var temp = new TempFolder();
        var notebook = new NotebookBuilder().Code("1").Save(temp.File("n.ipynb"));
        string missing = temp.File("no-such-repl");

        var e = Assert.Throws<InputException>(() => KernelRunner.Run(notebook, new NotebookRunOptions(), missing));

        Assert.Equal($"--kernel {missing}: no such file. Install dotnet-repl (make notebook-kernel-tests does: " +
            "dotnet tool install dotnet-repl --version 0.3.259 --tool-path build/tools) and give its path.", e.Message);
    }
}
