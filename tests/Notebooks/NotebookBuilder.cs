using System.Text.Json.Nodes;
using GanWorkbench.Cli.Notebooks;

namespace GanWorkbench.Tests.Notebooks;

/// <summary>Writes small .NET notebooks for the runner tests, the way VS Code stores them.</summary>
public sealed class NotebookBuilder
{
    readonly JsonArray cells = [];

    /// <summary>The library as built by the solution (a different file from the copy the test host loaded).</summary>
    public static string LibraryPath => Path.Combine(WorkbenchPaths.Root, "artifacts", "bin", "GanWorkbench", "release", "GanWorkbench.dll");

    /// <summary>The first cell of a workbench notebook: pinned packages, the library, the formatters.</summary>
    public static string Header =>
        "#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: SkiaSharp, 2.88.9\"\n" +
        $"#r \"{LibraryPath}\"\nusing GanWorkbench.Interactive;\nNotebookFormatters.Register();";

    /// <summary>Adds a C# cell.</summary>
    public NotebookBuilder Code(string source, params string[] tags)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        if (tags.Length > 0) metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode)t!).ToArray());
        cells.Add(new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["id"] = $"cell-{cells.Count + 1}",
            ["metadata"] = metadata, ["outputs"] = new JsonArray(), ["source"] = NotebookFile.Lines(source),
        });
        return this;
    }

    /// <summary>Adds a markdown cell.</summary>
    public NotebookBuilder Markdown(string source)
    {
        cells.Add(new JsonObject { ["cell_type"] = "markdown", ["id"] = $"cell-{cells.Count + 1}", ["metadata"] = new JsonObject(), ["source"] = NotebookFile.Lines(source) });
        return this;
    }

    /// <summary>The notebook document.</summary>
    public JsonObject Build() => new()
    {
        ["cells"] = cells.DeepClone(),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            ["polyglot_notebook"] = new JsonObject
            {
                ["kernelInfo"] = new JsonObject
                {
                    ["defaultKernelName"] = "csharp",
                    ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                },
            },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    };

    /// <summary>Writes the notebook to <paramref name="path"/> and loads it.</summary>
    public NotebookFile Save(string path)
    {
        NotebookFile.Save(Build(), path);
        return NotebookFile.Load(path);
    }

    /// <summary>Writes it into <paramref name="folder"/> and runs it.</summary>
    public NotebookRunResult Run(TempFolder folder, NotebookRunOptions? options = null, string name = "test.ipynb") =>
        NotebookRunner.Run(Save(folder.File(name)), options ?? new NotebookRunOptions());
}

/// <summary>Reading an executed notebook.</summary>
public static class Executed
{
    /// <summary>The code cells, in order.</summary>
    public static IReadOnlyList<JsonObject> CodeCells(NotebookRunResult result) =>
        ((JsonArray)result.Notebook["cells"]!).Cast<JsonObject>().Where(c => (string?)c["cell_type"] == "code").ToArray();

    /// <summary>A code cell's outputs.</summary>
    public static IReadOnlyList<JsonObject> Outputs(JsonObject cell) => ((JsonArray)cell["outputs"]!).Cast<JsonObject>().ToArray();

    /// <summary>The text of a MIME type in a display_data output.</summary>
    public static string MimeData(JsonObject output, string mime) => NotebookFile.Text(output["data"]![mime]);

    /// <summary>The runner's status of a cell (ok, error, not run, timeout).</summary>
    public static string Status(JsonObject cell) => (string)cell["metadata"]!["gwb"]!["status"]!;
}
