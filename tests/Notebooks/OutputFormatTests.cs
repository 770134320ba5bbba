using System.Diagnostics;
using GanWorkbench.Cli.Notebooks;
using GanWorkbench.Tests.Experiments;
using SkiaSharp;

namespace GanWorkbench.Tests.Notebooks;

/// <summary>Executed notebooks validate against the nbformat schema; rendered pages show charts and math in
/// headless Chromium, offline; the CLI reports failures with exit code 2.</summary>
public class OutputFormatTests
{
    const string DebianPython = "/usr/bin/python3";
    const string Chromium = "/usr/bin/chromium";

    static NotebookBuilder Showcase() => new NotebookBuilder()
        .Markdown("# Showcase\n\nThe optimal discriminator $D^*(x) = \\frac{p_{data}(x)}{p_{data}(x) + p_g(x)}$ and\n\n$$C(G) = -\\log 4 + 2 \\cdot \\mathrm{JSD}(p_{data} \\,\\|\\, p_g)$$")
        .Code(NotebookBuilder.Header)
        .Code("bool QUICK = false;", Parameters.Tag)
        .Code("var t = new Plotly.NET.Trace2D(\"scatter\"); t.SetProperty(\"x\", new[] { 0, 1, 2, 3 }); t.SetProperty(\"y\", new[] { 1.0, 3, 2, 4 });\n" +
              "Plotly.NET.GenericChart.ofTraceObject(true, t)")
        .Code("Console.WriteLine(\"QUICK = \" + QUICK);\nConsole.Error.WriteLine(\"a warning\");\nGanWorkbench.Plotting.ImageGrid.FromBatch(TorchSharp.torch.ones(4, 1, 8, 8), 2)")
        .Code("throw new InvalidOperationException(\"expected failure\");");

    [Fact]
    public void Executed_notebooks_validate_against_the_nbformat_schema()
    {
        Assert.True(File.Exists(DebianPython), $"{DebianPython} is missing: run `make apt` (installs python3-nbformat).");
        using var temp = new TempFolder();
        var result = Showcase().Run(temp, new NotebookRunOptions { Parameters = [new("QUICK", "true")] });
        Assert.Single(result.Failures);                                   // the deliberate exception
        NotebookFile.Save(result.Notebook, temp.File("out.ipynb"));
        var (code, output) = Run(DebianPython, "-c",
            "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT); nbformat.validate(nb); print('valid', nb.nbformat, nb.nbformat_minor)",
            temp.File("out.ipynb"));
        Assert.True(code == 0, output);
        Assert.Equal("valid 4 5", output.Trim());
    }

    [Fact]
    public void A_rendered_page_shows_its_charts_and_math_in_headless_chromium_offline()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run `make apt` (installs chromium).");
        if (!NotebookRenderer.KatexCandidates.Any(d => File.Exists(Path.Combine(d, "katex.min.js"))))
        {
            var (made, log) = Run("make", "-C", WorkbenchPaths.Root, "katex");
            Assert.True(made == 0, "make katex failed:\n" + log);
        }
        using var temp = new TempFolder();
        var result = Showcase().Run(temp);
        NotebookFile.Save(result.Notebook, temp.File("executed/showcase.ipynb"));
        var site = NotebookRenderer.RenderSite([temp.File("executed")], temp.File("site"), null);
        string page = Assert.Single(site.Pages);
        string html = File.ReadAllText(page);
        Assert.DoesNotContain(Cli.Notebooks.NotebookRenderer.KatexCandidates[0], html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);   // nothing fetched from the network
        Assert.True(html.Length < 200_000, $"plotly.js moved to assets/, page is {html.Length} chars");
        Assert.True(File.Exists(temp.File("site/assets/plotly-2.28.0.min.js")));
        Assert.Contains("showcase.html", File.ReadAllText(site.Index), StringComparison.Ordinal);

        string profile = temp.File("chromium-profile");
        string[] flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--virtual-time-budget=10000"];
        var (domCode, dom) = Run(Chromium, [.. flags, "--dump-dom", new Uri(page).AbsoluteUri]);
        Assert.True(domCode == 0, dom);
        Assert.Contains("class=\"katex-display\"", dom, StringComparison.Ordinal);   // display math typeset by KaTeX
        Assert.Contains("class=\"katex\"", dom, StringComparison.Ordinal);           // inline math too
        Assert.Contains("class=\"main-svg\"", dom, StringComparison.Ordinal);        // plotly drew its SVG
        Assert.Contains("class=\"scatterlayer", dom, StringComparison.Ordinal);

        string shot = temp.File("page.png");
        var (shotCode, shotLog) = Run(Chromium, [.. flags, "--window-size=1000,1400", $"--screenshot={shot}", new Uri(page).AbsoluteUri]);
        Assert.True(shotCode == 0 && File.Exists(shot), shotLog);
        using var bitmap = SKBitmap.Decode(shot);
        Assert.Equal((1000, 1400), (bitmap.Width, bitmap.Height));
        int traceBlue = 0;                                                             // plotly's first trace colour, #636efa
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
                if (bitmap.GetPixel(x, y) is var c && Math.Abs(c.Red - 0x63) < 24 && Math.Abs(c.Green - 0x6e) < 24 && Math.Abs(c.Blue - 0xfa) < 24) traceBlue++;
        Assert.True(traceBlue > 50, $"the chart's line should be visible in the screenshot ({traceBlue} sampled pixels)");
        string keep = Path.Combine(WorkbenchPaths.Root, "build", "test-screenshots");
        Directory.CreateDirectory(keep);
        File.Copy(shot, Path.Combine(keep, "showcase.png"), overwrite: true);
    }

    [Fact]
    public void The_cli_exits_2_and_prints_the_failing_notebook_cell_line_and_message()
    {
        using var temp = new TempFolder();
        new NotebookBuilder().Code("int a = 1;").Markdown("text").Code("// comment\nthrow new ArgumentException(\"bad value\");")
            .Save(temp.File("fails.ipynb"));
        var (code, output, errors) = Gwb.Run(temp.Path, "nb", "run", temp.File("fails.ipynb"), "--output", temp.File("out"));
        Assert.True(code == 2, output + errors);
        Assert.Contains($"gwb nb: {temp.File("fails.ipynb")}: cell 3, line 2: System.ArgumentException: bad value", errors, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File("out/fails.ipynb")));
    }

    static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
