using System.Reflection;
using Plotly.NET;

namespace GanWorkbench.Interactive;

/// <summary>
/// Plotly charts as HTML fragments that work offline. plotly.js (bundled inside Plotly.NET, ≈3.6 MB)
/// is written once per notebook, into the first chart's output, marked with
/// <c>data-gwb-plotlyjs</c> so that <c>gwb nb render</c> can move it into one shared file; every
/// chart's drawing script waits until <c>window.Plotly</c> exists. <see cref="NotebookFormatters.Register"/>
/// resets the "already written" flag, so each notebook gets its own copy.
/// </summary>
public static class PlotlyHtml
{
    static readonly object Gate = new();
    static bool scriptWritten;

    /// <summary>The plotly.js version bundled in Plotly.NET (e.g. 2.28.0).</summary>
    public static string PlotlyJsVersion => Globals.PLOTLYJS_VERSION;

    /// <summary>The attribute that marks the inline plotly.js script element.</summary>
    public const string ScriptMarker = "data-gwb-plotlyjs";

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

    /// <summary>Forgets that plotly.js was written: the next chart includes it again (a new notebook).</summary>
    public static void Reset() { lock (Gate) scriptWritten = false; }

    /// <summary>The chart as an HTML fragment; the first one after <see cref="Reset"/> carries plotly.js.</summary>
    public static string Fragment(GenericChart chart)
    {
        bool includeScript;
        lock (Gate) { includeScript = !scriptWritten; scriptWritten = true; }
        return (includeScript ? ScriptElement() : "") + ChartElement(chart);
    }

    /// <summary>The inline plotly.js script element.</summary>
    public static string ScriptElement() =>
        $"<script type=\"text/javascript\" {ScriptMarker}=\"{PlotlyJsVersion}\">{PlotlyJs()}</script>\n";

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
            <div id="{{id}}" class="gwb-plot" style="width: {{width}}px; height: {{height}}px;"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              var config = {{config}};
              function draw() { Plotly.newPlot('{{id}}', figure.data, figure.layout || {}, config); }
              if (window.Plotly) { draw(); return; }
              var tries = 0, timer = setInterval(function () {
                if (window.Plotly) { clearInterval(timer); draw(); }
                else if (++tries > 200) {
                  clearInterval(timer);
                  document.getElementById('{{id}}').textContent = 'plotly.js is not loaded: run the notebook from the top (its first chart carries plotly.js).';
                }
              }, 50);
            })();
            </script>
            """;
    }
}
