using System.IO.Compression;
using System.Net;
using Plotly.NET;

namespace GanWorkbench.Interactive;

/// <summary>
/// Plotly charts as HTML fragments that draw themselves offline, wherever the output is shown (Jupyter
/// Notebook and nbconvert pages, which load require.js; VS Code; any order of cells; a reopened notebook).
/// Every chart carries plotly.js (bundled inside Plotly.NET), gzip-compressed and base64-encoded in a script
/// marked <c>data-gwb-plotlyjs</c>: the first such script on a page decompresses it in the browser
/// (<c>DecompressionStream</c>) and runs it with <c>define</c> hidden, so the UMD bundle sets
/// <c>window.Plotly</c> instead of registering an anonymous AMD module; later ones reuse it.
/// <c>gwb nb render</c> removes those scripts and loads one shared file instead.
/// </summary>
public static class PlotlyHtml
{
    static readonly Lazy<string> Compressed = new(() => Convert.ToBase64String(Gzip(PlotlyJs())));

    /// <summary>The plotly.js version bundled in Plotly.NET (e.g. 2.28.0).</summary>
    public static string PlotlyJsVersion => Globals.PLOTLYJS_VERSION;

    /// <summary>The attribute that marks the script carrying plotly.js.</summary>
    public const string ScriptMarker = "data-gwb-plotlyjs";

    /// <summary>What a chart's box says until its script has drawn it: seen where the page runs no scripts.</summary>
    public const string NotDrawnText = "This chart is drawn by a script in this output, which has not run. " +
        "In Jupyter, trust the notebook (File → Trust Notebook) or run its cells; in VS Code, trust the folder.";

    /// <summary>plotly.min.js as shipped inside Plotly.NET (offline; no CDN).</summary>
    public static string PlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        string name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Plotly.NET {assembly.GetName().Version} carries no plotly.js resource.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The chart as an HTML fragment: the plotly.js loader, then the chart.</summary>
    public static string Fragment(GenericChart chart) => ScriptElement() + ChartElement(chart);

    /// <summary>The script that makes plotly.js available once per page (<c>window.gwbPlotlyJs</c>, a promise of <c>window.Plotly</c>).</summary>
    public static string ScriptElement() => $$"""
        <script type="text/javascript" {{ScriptMarker}}="{{PlotlyJsVersion}}">
        (function () {
          if (window.Plotly || window.gwbPlotlyJs) return;
          window.gwbPlotlyJs = (async function () {
            if (typeof DecompressionStream === 'undefined') throw new Error('this browser has no DecompressionStream (Chrome 80+, Firefox 113+, Safari 16.4+ have it)');
            var bytes = Uint8Array.from(atob('{{Compressed.Value}}'), function (c) { return c.charCodeAt(0); });
            var source = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
            var define = window.define;
            window.define = undefined;                   // require.js: let the UMD bundle set window.Plotly
            try { (new Function(source))(); } finally { window.define = define; }
            if (!window.Plotly) throw new Error('plotly.js ran but did not set window.Plotly');
            return window.Plotly;
          })();
        })();
        </script>

        """;

    /// <summary>A div and the script that draws the chart into it once plotly.js is available.</summary>
    public static string ChartElement(GenericChart chart)
    {
        string id = "gwb-plot-" + Guid.NewGuid().ToString("N")[..12];
        string figure = GenericChart.toFigureJson(chart);                       // {"data": [...], "layout": {...}, "frames": [...]}
        string config = Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getConfig(chart), Globals.JSON_CONFIG);
        var (width, height) = GenericChart.tryGetLayoutSize(chart) is var size
            ? (size.Item1?.Value ?? Defaults.DefaultWidth, size.Item2?.Value ?? Defaults.DefaultHeight)
            : (Defaults.DefaultWidth, Defaults.DefaultHeight);
        return $$"""
            <div id="{{id}}" class="gwb-plot" style="width: {{width}}px; height: {{height}}px;">{{WebUtility.HtmlEncode(NotDrawnText)}}</div>
            <script type="text/javascript">
            (function () {
              var box = document.getElementById('{{id}}');
              var figure = {{figure}};
              var config = {{config}};
              function draw(plotly) { box.textContent = ''; plotly.newPlot(box, figure.data, figure.layout || {}, config); }
              function fail(error) { box.textContent = 'This chart could not be drawn: ' + (error && error.message || error) + '.'; }
              if (window.Plotly) draw(window.Plotly);
              else if (window.gwbPlotlyJs) window.gwbPlotlyJs.then(draw, fail);
              else fail(new Error('plotly.js is not on this page (the script that carries it was removed)'));
            })();
            </script>
            """;
    }

    static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }
}
