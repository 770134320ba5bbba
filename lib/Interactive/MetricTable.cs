using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace GanWorkbench.Interactive;

/// <summary>
/// A small table of results (one row per run, model, step…) that notebooks show as
/// <c>text/html</c> with a <c>text/plain</c> fallback. Numbers are written with
/// <see cref="SignificantDigits"/> significant digits, invariant culture.
/// </summary>
public sealed record MetricTable(string? Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>Significant digits of floating-point cells.</summary>
    public const int SignificantDigits = 4;

    /// <summary>A table with one row per item and one column per public readable property (records, tuples of names).</summary>
    public static MetricTable From<T>(IEnumerable<T> items, string? title = null)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        var rows = items.Select(item => (IReadOnlyList<object?>)properties.Select(p => p.GetValue(item)).ToArray()).ToArray();
        return new MetricTable(title, properties.Select(p => p.Name).ToArray(), rows);
    }

    /// <summary>A training history as a table: the step, one column per logged metric (in the order
    /// first logged; blank where a window lacks it), throughput and seconds.</summary>
    public static MetricTable From(IEnumerable<Training.StepMetrics> history, string? title = null)
    {
        var list = history.ToList();
        var names = list.SelectMany(m => m.Values.Keys).Distinct().ToList();
        var rows = list.Select(m => (IReadOnlyList<object?>)new object?[] { m.Step }
            .Concat(names.Select(n => m.Values.TryGetValue(n, out var v) ? (object?)v : null))
            .Concat([m.ImagesPerSecond, m.Seconds]).ToArray()).ToArray();
        return new MetricTable(title, ["Step", .. names, "ImagesPerSecond", "Seconds"], rows);
    }

    /// <summary>The text of one cell.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture),
        float f => f.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Aligned plain text: title line, header, rule, rows (numbers right-aligned).</summary>
    public string ToPlainText()
    {
        var cells = Rows.Select(r => r.Select(Cell).ToArray()).ToArray();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, cells.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder();
        if (Title is { Length: > 0 }) text.AppendLine(Title);
        text.AppendLine(string.Join("  ", Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        for (int r = 0; r < cells.Length; r++)
            text.AppendLine(string.Join("  ", cells[r].Select((c, i) => IsNumber(Rows[r][i]) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        return text.ToString().TrimEnd('\n', '\r');
    }

    /// <summary>An HTML table (class <c>gwb-metrics</c>) with an optional caption.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"gwb-metrics\">");
        if (Title is { Length: > 0 }) html.Append("<caption>").Append(WebUtility.HtmlEncode(Title)).Append("</caption>");
        html.Append("<thead><tr>");
        foreach (var c in Columns) html.Append("<th>").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            foreach (var value in row)
                html.Append(IsNumber(value) ? "<td style=\"text-align: right\">" : "<td>").Append(WebUtility.HtmlEncode(Cell(value))).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    static bool IsNumber(object? value) => value is double or float or int or long or decimal or short or uint or ulong;
}
