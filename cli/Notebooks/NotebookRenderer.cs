using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanWorkbench.Interactive;
using Markdig;
using Markdig.Syntax;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>The pages written by <see cref="NotebookRenderer.RenderSite"/>.</summary>
public sealed record RenderedSite(string Index, IReadOnlyList<string> Pages);

/// <summary>
/// Executed notebooks → a static site that works offline (file:// included): one HTML page per
/// notebook (markdown with LaTeX math typeset by KaTeX, code, outputs, Plotly charts) and an index
/// page. Shared scripts live once in <c>assets/</c>: plotly.js (taken out of the chart outputs, where
/// the notebook carries it inline) and KaTeX (from <c>npm pack katex</c> or Debian's libjs-katex).
/// </summary>
public static class NotebookRenderer
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    static readonly Regex InlinePlotlyJs = new($@"<script[^>]*{PlotlyHtml.ScriptMarker}[^>]*>.*?</script>\s*", RegexOptions.Singleline | RegexOptions.Compiled);
    static readonly Regex MathMarkup = new(@"class=""math[ ""]", RegexOptions.Compiled);

    /// <summary>Where KaTeX is looked for when no folder is given.</summary>
    public static IReadOnlyList<string> KatexCandidates =>
    [
        Path.Combine(WorkbenchPaths.Root, "build", "vendor", "katex"),
        "/usr/share/javascript/katex",
    ];

    /// <summary>Renders <paramref name="paths"/> (notebooks or folders of them) into <paramref name="outputFolder"/>.</summary>
    public static RenderedSite RenderSite(IReadOnlyList<string> paths, string outputFolder, string? katexFolder)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.ipynb").Order(StringComparer.Ordinal).ToArray() : new[] { p }).ToList();
        if (files.Count == 0) throw new InputException($"nb render: no notebooks in {string.Join(", ", paths)}. Run them first: make notebooks (or ./gwb nb run …).");
        var notebooks = files.Select(NotebookFile.Load).ToList();
        string assets = Path.Combine(outputFolder, "assets");
        Directory.CreateDirectory(assets);

        var rendered = notebooks.Select(n => (Notebook: n, Page: RenderPage(n))).ToList();
        if (rendered.Any(r => r.Page.HasMath)) CopyKatex(FindKatex(katexFolder), Path.Combine(assets, "katex"));
        if (rendered.Any(r => r.Page.HasCharts)) WriteAtomically(Path.Combine(assets, PlotlyFile), PlotlyHtml.PlotlyJs());

        var pages = new List<string>();
        foreach (var (notebook, page) in rendered)
        {
            string target = Path.Combine(outputFolder, Path.ChangeExtension(notebook.Name, ".html"));
            WriteAtomically(target, page.Html);
            pages.Add(target);
        }
        string index = Path.Combine(outputFolder, "index.html");
        WriteAtomically(index, IndexPage(rendered.Select(r => (r.Notebook, r.Page)).ToList()));
        return new RenderedSite(index, pages);
    }

    static string PlotlyFile => $"plotly-{PlotlyHtml.PlotlyJsVersion}.min.js";

    /// <summary>One page: its HTML and what it needs.</summary>
    internal sealed record Page(string Title, string Html, bool HasMath, bool HasCharts, string Status);

    internal static Page RenderPage(NotebookFile notebook)
    {
        var body = new StringBuilder();
        bool math = false, charts = false;
        string? title = null;
        foreach (var cell in notebook.CellObjects)
        {
            string type = NotebookFile.CellType(cell), source = NotebookFile.Source(cell);
            if (type == "markdown")
            {
                title ??= Regex.Match(source, @"^#\s+(.+)$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
                string html = MarkdownToHtml(source);
                math |= MathMarkup.IsMatch(html);
                body.Append("<section class=\"markdown\">").Append(html).Append("</section>\n");
            }
            else if (type == "code")
            {
                string count = cell["execution_count"]?.ToJsonString() ?? " ";
                string status = (string?)cell["metadata"]?["gwb"]?["status"] ?? "";
                body.Append("<section class=\"code").Append(status == "not run" ? " not-run" : "").Append("\">");
                body.Append($"<div class=\"prompt\">[{Encode(count)}]{(status == "not run" ? " not run" : "")}</div>");
                body.Append("<pre class=\"source\"><code>").Append(Encode(source)).Append("</code></pre>");
                foreach (var output in (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    string html = RenderOutput(output, ref math);
                    charts |= html.Contains("gwb-plot", StringComparison.Ordinal) || html.Contains("Plotly.newPlot", StringComparison.Ordinal);
                    body.Append(html);
                }
                body.Append("</section>\n");
            }
        }
        title ??= Path.GetFileNameWithoutExtension(notebook.Name);
        var gwb = notebook.Root["metadata"]?["gwb"];
        string runStatus = (string?)gwb?["status"] ?? "not executed";
        string run = gwb is null ? "not executed by gwb nb run"
            : $"executed {Encode((string?)gwb["end_time"] ?? "")} in {gwb["duration_s"]} s · status {Encode(runStatus)}" +
              (gwb["parameters"] is JsonObject p && p.Count > 0 ? " · parameters " + Encode(string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value}"))) : "");
        var head = new StringBuilder();
        if (math) head.Append("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">\n<script src=\"assets/katex/katex.min.js\"></script>\n");
        if (charts) head.Append($"<script src=\"assets/{PlotlyFile}\"></script>\n");
        string html2 = Layout(title, head.ToString(),
            $"<nav><a href=\"index.html\">← all notebooks</a> · {Encode(notebook.Name)} · {run}</nav>\n{body}",
            math ? MathScript : "");
        return new Page(title, html2, math, charts, runStatus);
    }

    static string RenderOutput(JsonObject output, ref bool math)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                return $"<pre class=\"output stream {Encode((string?)output["name"] ?? "")}\">{Encode(NotebookFile.Text(output["text"]))}</pre>";
            case "error":
                string trace = string.Join("\n", (output["traceback"] as JsonArray ?? []).Select(l => (string?)l ?? ""));
                return $"<pre class=\"output error\"><b>{Encode((string?)output["ename"] ?? "")}</b>: {Encode((string?)output["evalue"] ?? "")}" +
                       (trace.Length > 0 ? "\n" + Encode(trace) : "") + "</pre>";
            case "display_data" or "execute_result":
                var data = output["data"] as JsonObject ?? [];
                if (data["text/html"] is { } html)
                    return "<div class=\"output html\">" + InlinePlotlyJs.Replace(NotebookFile.Text(html), "") + "</div>";
                foreach (var image in new[] { "image/png", "image/jpeg", "image/gif" })
                    if (data[image] is { } bytes)
                        return $"<div class=\"output image\"><img alt=\"output image\" src=\"data:{image};base64,{NotebookFile.Text(bytes).Trim()}\"></div>";
                if (data["image/svg+xml"] is { } svg) return "<div class=\"output image\">" + NotebookFile.Text(svg) + "</div>";
                if (data["text/markdown"] is { } md)
                {
                    string rendered = MarkdownToHtml(NotebookFile.Text(md));
                    math |= MathMarkup.IsMatch(rendered);
                    return "<div class=\"output markdown\">" + rendered + "</div>";
                }
                if (data["text/plain"] is { } text) return $"<pre class=\"output text\">{Encode(NotebookFile.Text(text))}</pre>";
                return data.FirstOrDefault() is { Key: var mime, Value: var value }
                    ? $"<pre class=\"output text\">{Encode(mime)}: {Encode(value?.ToJsonString() ?? "")}</pre>" : "";
            default:
                return "";
        }
    }

    /// <summary>Markdown → HTML; <c>$$…$$</c> is display math also inside a paragraph (as in Jupyter), <c>$…$</c> inline.</summary>
    internal static string MarkdownToHtml(string source)
    {
        var document = Markdig.Markdown.Parse(source, Markdown);
        foreach (var math in document.Descendants<Markdig.Extensions.Mathematics.MathInline>().Where(m => m.DelimiterCount >= 2).ToList())
            math.ReplaceBy(new Markdig.Syntax.Inlines.HtmlInline($"<span class=\"math display\">\\[{Encode(math.Content.ToString())}\\]</span>"));
        return document.ToHtml(Markdown);
    }

    static string IndexPage(IReadOnlyList<(NotebookFile Notebook, Page Page)> pages)
    {
        var list = new StringBuilder("<h1>GanWorkbench notebooks</h1>\n<table class=\"index\"><thead><tr><th>notebook</th><th>title</th><th>status</th></tr></thead><tbody>\n");
        foreach (var (notebook, page) in pages)
        {
            string href = WebUtility.UrlEncode(Path.ChangeExtension(notebook.Name, ".html")).Replace("+", "%20", StringComparison.Ordinal);
            list.Append($"<tr><td><a href=\"{href}\">{Encode(notebook.Name)}</a></td><td>{Encode(page.Title)}</td><td class=\"status-{Encode(page.Status.Replace(' ', '-'))}\">{Encode(page.Status)}</td></tr>\n");
        }
        list.Append("</tbody></table>\n");
        list.Append($"<p class=\"generated\">Rendered {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by <code>gwb nb render</code>; works offline.</p>");
        return Layout("GanWorkbench notebooks", "", list.ToString(), "");
    }

    static string Layout(string title, string head, string body, string tail) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}}</title>
        <style>{{Css}}</style>
        {{head}}</head>
        <body>
        <main>
        {{body}}
        </main>
        {{tail}}
        </body>
        </html>
        """;

    const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #fafafa; color: #222; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 2rem 4rem; background: #fff; }
        nav { font-size: 0.85rem; color: #666; border-bottom: 1px solid #ddd; padding-bottom: 0.5rem; margin-bottom: 1rem; }
        section.code { margin: 1rem 0; }
        .prompt { font: 0.75rem monospace; color: #888; }
        pre { overflow-x: auto; padding: 0.5rem 0.75rem; margin: 0.25rem 0; font-size: 0.85rem; }
        pre.source { background: #f4f5f7; border-left: 3px solid #4a78c2; }
        section.not-run pre.source { border-left-color: #bbb; color: #888; }
        pre.output { background: #fff; border-left: 3px solid #ddd; }
        pre.stderr { background: #fff6e5; }
        pre.error { background: #fdecea; border-left-color: #d33; }
        .output.html, .output.image { margin: 0.25rem 0; overflow-x: auto; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #ddd; padding: 0.2rem 0.6rem; }
        .status-ok { color: #1a7f37; } .status-error, .status-timeout { color: #d33; }
        .generated { color: #888; font-size: 0.8rem; }
        span.math.display { display: block; margin: 0.75rem 0; text-align: center; }
        """;

    const string MathScript = """
        <script>
        document.querySelectorAll('.math').forEach(function (el) {
          var tex = el.textContent.trim(), display = el.tagName === 'DIV' || el.classList.contains('display');
          tex = tex.replace(/^\\\(|\\\)$/g, '').replace(/^\\\[|\\\]$/g, '').replace(/^\$\$|\$\$$/g, '');
          try { katex.render(tex, el, { displayMode: display, throwOnError: false }); } catch (e) { el.title = String(e); }
        });
        </script>
        """;

    static string FindKatex(string? given)
    {
        var candidates = given is not null ? [given] : KatexCandidates;
        foreach (var folder in candidates)
            if (File.Exists(Path.Combine(folder, "katex.min.js")) && File.Exists(Path.Combine(folder, "katex.min.css"))) return folder;
        throw new InputException($"KaTeX (for the math in the notebooks) was not found in {string.Join(" or ", candidates)}. " +
            "Fetch it with `make katex` (npm pack, into build/vendor/katex), install Debian's libjs-katex, or pass --katex DIR.");
    }

    static void CopyKatex(string from, string to)
    {
        Directory.CreateDirectory(Path.Combine(to, "fonts"));
        foreach (var file in new[] { "katex.min.js", "katex.min.css" }) File.Copy(Path.Combine(from, file), Path.Combine(to, file), overwrite: true);
        string fonts = Path.Combine(from, "fonts");
        if (Directory.Exists(fonts))
            foreach (var font in Directory.GetFiles(fonts)) File.Copy(font, Path.Combine(to, "fonts", Path.GetFileName(font)), overwrite: true);
    }

    static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, temp => File.WriteAllText(temp, text, new UTF8Encoding(false)));
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
