using System.Net;
using System.Text;
using Plotly.NET;

namespace GanWorkbench.Plotting;

/// <summary>
/// A self-contained HTML page that works offline: plotly.js (the copy Plotly.NET ships) is inlined
/// once in the head, charts are Plotly.NET fragments that draw with it, images are data URIs. The
/// page makes no network request.
/// </summary>
public sealed class ReportPage
{
    const string PlotlyResource = "Plotly.NET.plotly-2.28.0.min.js";
    static string? plotlyJs;
    readonly StringBuilder body = new();

    /// <summary>The page title.</summary>
    public string Title { get; }

    /// <summary>Number of charts added so far.</summary>
    public int ChartCount { get; private set; }

    /// <summary>Starts a page.</summary>
    public ReportPage(string title)
    {
        Title = title;
        body.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
    }

    /// <summary>A section heading.</summary>
    public ReportPage Heading(string text) { body.Append("<h2>").Append(Encode(text)).Append("</h2>\n"); return this; }

    /// <summary>A paragraph of plain text.</summary>
    public ReportPage Paragraph(string text) { body.Append("<p>").Append(Encode(text)).Append("</p>\n"); return this; }

    /// <summary>Preformatted text (a config file).</summary>
    public ReportPage Preformatted(string text) { body.Append("<pre>").Append(Encode(text)).Append("</pre>\n"); return this; }

    /// <summary>A table of plain-text cells; a cell made by <see cref="Link"/> stays a link.</summary>
    public ReportPage Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? cssClass = null)
    {
        body.Append(cssClass is null ? "<table>" : $"<table class=\"{Encode(cssClass)}\">").Append("<thead><tr>");
        foreach (var h in headers) body.Append("<th>").Append(Encode(h)).Append("</th>");
        body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            body.Append("<tr>");
            foreach (var cell in row) body.Append("<td>").Append(cell.StartsWith("<a href=", StringComparison.Ordinal) ? cell : Encode(cell)).Append("</td>");
            body.Append("</tr>\n");
        }
        body.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>A link cell for <see cref="Table"/>.</summary>
    public static string Link(string text, string relativeUrl) => $"<a href=\"{Encode(relativeUrl)}\">{Encode(text)}</a>";

    /// <summary>A Plotly.NET chart, drawn by the inlined plotly.js.</summary>
    public ReportPage Chart(GenericChart chart)
    {
        body.Append("<div class=\"chart\">").Append(GenericChart.toChartHTML(chart)).Append("</div>\n");
        ChartCount++;
        return this;
    }

    /// <summary>A row of PNG images with captions (e.g. sample grids over training).</summary>
    public ReportPage Images(IEnumerable<(string Caption, byte[] Png)> images)
    {
        body.Append("<div class=\"images\">");
        foreach (var (caption, png) in images)
            body.Append("<figure><img alt=\"").Append(Encode(caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
                .Append("\"><figcaption>").Append(Encode(caption)).Append("</figcaption></figure>");
        body.Append("</div>\n");
        return this;
    }

    /// <summary>The whole page.</summary>
    public string ToHtml() =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
        $"<title>{Encode(Title)}</title>\n<style>{Css}</style>\n" +
        $"<script type=\"text/javascript\">\n{PlotlyJs()}\n</script>\n</head>\n<body>\n{body}</body>\n</html>\n";

    /// <summary>Writes the page atomically (temporary file + rename).</summary>
    public void Save(string path)
    {
        AtomicFile.WriteAllText(path, ToHtml());
    }

    /// <summary>The plotly.js bundled with Plotly.NET (inlined so the page needs no network).</summary>
    public static string PlotlyJs()
    {
        if (plotlyJs is not null) return plotlyJs;
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(PlotlyResource)
            ?? throw new InvalidOperationException($"Plotly.NET no longer ships {PlotlyResource}; update ReportPage to its new plotly.js resource.");
        using var reader = new StreamReader(stream);
        // A literal "</script" would end the inline script early.
        return plotlyJs = reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1400px; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; border-bottom: 1px solid #ddd; }
        table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; }
        pre { background: #f6f6f6; padding: 1em; font-size: 0.85em; overflow-x: auto; }
        .chart { display: inline-block; vertical-align: top; margin: 0 1em 1em 0; }
        .images figure { display: inline-block; margin: 0 1em 1em 0; text-align: center; }
        .images img { image-rendering: pixelated; width: 232px; }
        .state-completed { color: #070; } .state-diverged, .state-failed, .state-interrupted { color: #a00; }
        """;
}
