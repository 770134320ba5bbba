using System.Text.Json.Nodes;
using GanWorkbench.Cli.Notebooks;
using GanWorkbench.Tests.Experiments;

namespace GanWorkbench.Tests.Notebooks;

/// <summary>Files that are not notebooks gwb can use are refused by every nb entry point with exit code 2, the file
/// and the problem; nothing is written for them.</summary>
public class HostileNotebookTests
{
    static readonly string[][] EntryPoints = [["run"], ["render"], ["export", "--to", "app"], ["params"]];

    static string Write(TempFolder temp, string name, string text)
    {
        File.WriteAllText(temp.File(name), text);
        return temp.File(name);
    }

    public static TheoryData<string, string, string> Files => new()
    {
        { "truncated.ipynb", "{\"cells\": [", "not a notebook: not valid JSON (line 1)" },
        { "picture.ipynb", "\u0089PNG\r\n\u001a\n", "not a notebook: not valid JSON (line 1)" },
        { "list.ipynb", "[1, 2]", "not a notebook: the JSON is not an object with \"cells\", \"metadata\" and \"nbformat\"." },
        { "v3.ipynb", "{\"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"worksheets\": []}",
          "nbformat 3 is not supported; gwb reads nbformat 4 (VS Code writes 4.5). Convert it: jupyter nbconvert --to notebook --nbformat 4 v3.ipynb" },
        { "settings.ipynb", "{\"editor.fontSize\": 14}", "not a Jupyter notebook (no \"nbformat\" and \"cells\" list at the top level)." },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_entry_point_refuses_a_file_that_is_not_a_notebook(string name, string text, string problem)
    {
        using var temp = new TempFolder();
        string path = Write(temp, name, text);
        foreach (var entry in EntryPoints)
        {
            var (code, _, err) = Gwb.Run(temp.Path, [.. new[] { "nb" }, .. entry, path, "--output", temp.File("out")]);
            Assert.True(code == 2, $"nb {entry[0]}: exit {code}\n{err}");
            Assert.Contains($"{path}: {problem}", err, StringComparison.Ordinal);
            Assert.False(Directory.Exists(temp.File("out")), $"nb {entry[0]} wrote {temp.File("out")}");
        }
        var check = Gwb.Run(temp.Path, "nb", "check", path);
        Assert.Equal(2, check.Code);
        Assert.Contains($"{path}: {problem}", check.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notebook_over_64_MB_is_refused_before_it_is_read()
    {
        using var temp = new TempFolder();
        var document = new NotebookBuilder().Code("1").Build();
        var output = new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = new string('x', 100 << 20) };
        document["cells"]![0]!["outputs"]!.AsArray().Add(output);
        NotebookFile.Save(document, temp.File("huge.ipynb"));
        foreach (var entry in EntryPoints.Append(["check"]))
        {
            var (code, _, err) = Gwb.Run(temp.Path, [.. new[] { "nb" }, .. entry, temp.File("huge.ipynb"), .. entry[0] == "check" ? Array.Empty<string>() : ["--output", temp.File("out")]]);
            Assert.True(code == 2, $"nb {entry[0]}: exit {code}\n{err}");
            Assert.Contains($"{temp.File("huge.ipynb")}: 100 MB; gwb reads notebooks up to 64 MB. Clear its outputs", err, StringComparison.Ordinal);
            Assert.False(Directory.Exists(temp.File("out")));
        }
    }

    [Fact]
    public void An_endless_cell_is_stopped_by_the_timeout_and_the_process_ends()
    {
        using var temp = new TempFolder();
        new NotebookBuilder().Code("Console.WriteLine(\"before\");").Code("while (true) { }").Code("1").Save(temp.File("endless.ipynb"));
        // The limit leaves the first cell room for the kernel's cold start on a loaded machine (5 s did not, at a load
        // average of 30 on 2 cores); the endless cell would never end without it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, err) = Gwb.Run(temp.Path, "nb", "run", temp.File("endless.ipynb"), "--timeout", "30", "--output", temp.File("out"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(150), $"took {clock.Elapsed}");
        Assert.True(code == 2, err);
        Assert.Contains($"gwb nb: {temp.File("endless.ipynb")}: cell 2: TimeoutError: the cell did not finish within 30 s (--timeout 30); the notebook was stopped here", err, StringComparison.Ordinal);
        var executed = NotebookFile.Load(temp.File("out/endless.ipynb"));
        Assert.Equal(["ok", "timeout", "not run"], executed.CellObjects.Select(c => (string)c["metadata"]!["gwb"]!["status"]!));
    }

    [Fact]
    public void A_cell_that_prints_100_MB_fails_and_its_output_is_cut()
    {
        using var temp = new TempFolder();
        new NotebookBuilder().Code("Console.Write(new string('x', 100_000_000));").Code("2").Save(temp.File("loud.ipynb"));
        var (code, _, err) = Gwb.Run(temp.Path, "nb", "run", temp.File("loud.ipynb"), "--output", temp.File("out"));
        Assert.Equal(2, code);
        Assert.Contains($"gwb nb: {temp.File("loud.ipynb")}: cell 1: OutputLimitError: the cell's output passed 20,000,000 characters; the rest was dropped.", err, StringComparison.Ordinal);
        Assert.True(new FileInfo(temp.File("out/loud.ipynb")).Length < 1_000_000, "the executed notebook keeps none of the 100 MB");
        Assert.Equal("ok", (string)NotebookFile.Load(temp.File("out/loud.ipynb")).CellObjects[1]["metadata"]!["gwb"]!["status"]!);
    }
}
