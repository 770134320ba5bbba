using GanWorkbench.Cli.Notebooks;

namespace GanWorkbench.Tests.Notebooks;

/// <summary><c>gwb nb check</c>: the committed notebooks' hygiene.</summary>
public class CheckerTests
{
    static NotebookBuilder Valid() => new NotebookBuilder()
        .Markdown("# Title")
        .Code("#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"../artifacts/bin/GanWorkbench/release/GanWorkbench.dll\"\nGanWorkbench.Interactive.NotebookFormatters.Register();")
        .Code("bool QUICK = false;", Parameters.Tag);

    [Fact]
    public void Every_notebook_in_the_repository_passes()
    {
        var notebooks = NotebookChecker.DefaultNotebooks();
        Assert.Contains(notebooks, n => n.EndsWith("_template.ipynb", StringComparison.Ordinal));
        Assert.Empty(notebooks.SelectMany(n => NotebookChecker.Check(n)).Select(p => p.ToString()));
    }

    [Fact]
    public void A_clean_notebook_has_no_problems()
    {
        using var temp = new TempFolder();
        Valid().Save(temp.File("ok.ipynb"));
        Assert.Empty(NotebookChecker.Check(temp.File("ok.ipynb")));
    }

    [Theory]
    [InlineData("Console.WriteLine(1);", "", 4, "has stored outputs; clear them before committing (executed copies live in build/notebooks/).")]
    [InlineData("#r \"nuget: Plotly.NET\"", "", 4, "line 1: #r \"nuget: Plotly.NET\": pin the exact version the workbench builds with: #r \"nuget: Plotly.NET, 6.0.0\".")]
    [InlineData("#r \"nuget: Plotly.NET, 6.*\"", "", 4, "line 1: #r \"nuget: Plotly.NET, 6.*\": pin the exact version the workbench builds with: #r \"nuget: Plotly.NET, 6.0.0\".")]
    [InlineData("#r \"nuget: Newtonsoft.Json\"", "", 4, "line 1: #r \"nuget: Newtonsoft.Json\": pin the exact version.")]
    [InlineData("#r \"nuget: Newtonsoft.Json, 13.0.1\"\n#r \"nuget: MathNet.Numerics, 5.0.1\"", "", 4, "line 2: #r \"nuget: MathNet.Numerics, 5.0.1\": pin the version the workbench builds with, 5.0.0 (Directory.Packages.props), so the notebook loads what the library was built against.")]
    [InlineData("#r \"nuget: TorchSharp-cpu, 0.106.0\"", "", 4, "line 1: #r \"nuget: TorchSharp-cpu, 0.106.0\": pin the version the workbench builds with, 0.107.0 (Directory.Packages.props), so the notebook loads what the library was built against.")]
    [InlineData("#!fsharp\nlet x = 1", "", 4, "line 1: #!fsharp is not part of the supported subset (C# cells only, no magic commands; notebooks/README.md). Rewrite it in C# or make it a markdown cell.")]
    [InlineData("#!time\n1", "", 4, "line 1: #!time is not part of the supported subset (C# cells only, no magic commands; notebooks/README.md). Rewrite it in C# or make it a markdown cell.")]
    [InlineData("#load \"helpers.csx\"", "", 4, "#load is not part of the supported subset: put shared code in the library.")]
    [InlineData("1", "fsharp", 4, "metadata.polyglot_notebook.kernelName is \"fsharp\"; code cells must be C# (\"csharp\").")]
    public void Problems_name_the_cell_and_the_fix(string source, string kernelName, int cell, string message)
    {
        using var temp = new TempFolder();
        var document = Valid().Code(source).Build();
        var last = document["cells"]!.AsArray()[^1]!;
        if (source.StartsWith("Console", StringComparison.Ordinal))
            last["outputs"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "1\n" });
        if (kernelName.Length > 0) last["metadata"]!["polyglot_notebook"]!["kernelName"] = kernelName;
        NotebookFile.Save(document, temp.File("bad.ipynb"));
        Assert.Equal([new NotebookProblem(temp.File("bad.ipynb"), cell, message)], NotebookChecker.Check(temp.File("bad.ipynb")));
    }

    [Fact]
    public void Notebook_level_conventions_are_checked()
    {
        using var temp = new TempFolder();
        var document = new NotebookBuilder().Code("1").Build();
        document["metadata"]!["kernelspec"]!["name"] = "python3";
        document["nbformat_minor"] = 4;
        NotebookFile.Save(document, temp.File("conv.ipynb"));
        Assert.Equal(
        [
            "nbformat 4.4: save it as nbformat 4.5 (VS Code does; cells need ids).",
            "metadata.kernelspec must be {\"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\"} (copy it from notebooks/_template.ipynb).",
            "cell 1: the first code cell must reference the library: #r \"../artifacts/bin/GanWorkbench/release/GanWorkbench.dll\" (see notebooks/_template.ipynb).",
            "cell 1: the first code cell must call GanWorkbench.Interactive.NotebookFormatters.Register(); so charts, grids and tables display.",
            "no cell is tagged \"parameters\"; the second code cell should declare `bool QUICK = false;` and carry that tag.",
        ], NotebookChecker.Check(temp.File("conv.ipynb")).Select(p => p.ToString()[(temp.File("conv.ipynb").Length + 2)..]));
    }
}

/// <summary>Markdown of notebooks → HTML for the site.</summary>
public class MarkdownRenderingTests
{
    [Theory]
    [InlineData("Value $x^2$ here.", "<p>Value <span class=\"math\">\\(x^2\\)</span> here.</p>\n", true)]
    [InlineData("The game\n$$\\min_G \\max_D V$$", "<p>The game\n<span class=\"math display\">\\[\\min_G \\max_D V\\]</span></p>\n", true)]
    [InlineData("No math, **bold**.", "<p>No math, <strong>bold</strong>.</p>\n", false)]
    public void Math_is_kept_for_KaTeX_and_display_math_is_marked(string markdown, string html, bool needsKatex)
    {
        Assert.Equal(html, NotebookRenderer.MarkdownToHtml(markdown));
        using var temp = new TempFolder();
        var notebook = new NotebookBuilder().Markdown(markdown).Save(temp.File("md.ipynb"));
        var page = NotebookRenderer.RenderPage(notebook);
        Assert.Equal(needsKatex, page.HasMath);
        Assert.Equal(needsKatex, page.Html.Contains("assets/katex/katex.min.js", StringComparison.Ordinal));
    }
}
