using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Events;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// The outputs of one code cell, built from the kernel's events the way VS Code and Jupyter store them:
/// <c>stream</c> (stdout / stderr; consecutive writes to the same stream are merged; compiler warnings go to
/// stderr, as the kernel's Jupyter front end shows them), <c>display_data</c> (values and <c>display(...)</c>)
/// and <c>error</c>. Text beyond <see cref="MaxCharacters"/> is dropped and the cell fails. Thread-safe.
/// </summary>
public sealed class CellOutputs(JsonArray outputs, DisplayRegistry displays)
{
    /// <summary>Most characters of output one cell may keep (text and MIME data together).</summary>
    public const int MaxCharacters = 20_000_000;

    readonly object gate = new();
    long characters;

    /// <summary>The cell's outputs array (part of the notebook tree).</summary>
    public JsonArray Outputs { get; } = outputs;

    /// <summary>True once the cell produced more than <see cref="MaxCharacters"/>.</summary>
    public bool OverLimit { get; private set; }

    /// <summary>Records one kernel event that belongs to this cell; returns false for events that are not outputs.</summary>
    public bool Add(KernelEvent e)
    {
        switch (e)
        {
            case StandardOutputValueProduced stdout: AddStream("stdout", Text(stdout)); return true;
            case StandardErrorValueProduced stderr: AddStream("stderr", Text(stderr)); return true;
            case DiagnosticsProduced diagnostics:
                var warnings = diagnostics.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
                if (warnings.Count > 0) AddStream("stderr", string.Concat(warnings.Select(w => $"({w.LinePositionSpan.Start.Line + 1},{w.LinePositionSpan.Start.Character + 1}): warning {w.Code}: {w.Message}\n")));
                return true;
            case DisplayedValueUpdated updated:
                if (displays.Find(updated.ValueId) is { } earlier) Replace(earlier, Bundle(updated.FormattedValues));
                return true;
            case DisplayEvent display when display is not ErrorProduced:
                var output = AddDisplay(Bundle(display.FormattedValues));
                if (display is DisplayedValueProduced { ValueId: { } id }) displays.Remember(id, output);
                return true;
            default: return false;
        }
    }

    /// <summary>Appends text to the stream output <paramref name="name"/> (stdout or stderr).</summary>
    public void AddStream(string name, string text)
    {
        if (text.Length == 0 || !Reserve(text.Length)) return;
        lock (gate)
        {
            if (Outputs.Count > 0 && Outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
            {
                last["text"] = NotebookFile.Lines(NotebookFile.Text(last["text"]) + text);
                return;
            }
            Outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = NotebookFile.Lines(text) });
        }
    }

    /// <summary>Appends an error output.</summary>
    public void AddError(string name, string value, IEnumerable<string> traceback)
    {
        var lines = new JsonArray();
        foreach (var line in traceback) lines.Add(line);
        lock (gate) Outputs.Add(new JsonObject { ["output_type"] = "error", ["ename"] = name, ["evalue"] = value, ["traceback"] = lines });
    }

    JsonObject AddDisplay(JsonObject data)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
        if (Reserve(Size(data))) lock (gate) Outputs.Add(output);
        return output;
    }

    void Replace(JsonObject output, JsonObject data)
    {
        if (Reserve(Size(data))) lock (gate) output["data"] = data;
    }

    bool Reserve(long count)
    {
        lock (gate)
        {
            characters += count;
            if (characters <= MaxCharacters) return true;
            OverLimit = true;
            return false;
        }
    }

    static long Size(JsonObject data) => data.Sum(p => (long)NotebookFile.Text(p.Value).Length);

    static string Text(DisplayEvent e) => e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.Value?.ToString() ?? "";

    /// <summary>A MIME bundle as nbformat stores it.</summary>
    static JsonObject Bundle(IEnumerable<Microsoft.DotNet.Interactive.Formatting.FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var value in values) data[value.MimeType] = MimeValue(value.MimeType, value.Value);
        return data;
    }

    /// <summary>How nbformat stores a MIME value: JSON types as JSON, images as one base64 string, text as lines.</summary>
    public static JsonNode MimeValue(string mime, string text)
    {
        if (mime.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            try { if (JsonNode.Parse(text) is { } json) return json; }
            catch (JsonException) { }
        }
        if (mime.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !mime.Contains("svg", StringComparison.OrdinalIgnoreCase))
            return JsonValue.Create(text)!;
        return NotebookFile.Lines(text);
    }
}

/// <summary>The display outputs of a notebook by display id, so that <c>Update</c> from a later cell finds its output.</summary>
public sealed class DisplayRegistry
{
    readonly Dictionary<string, JsonObject> outputs = new(StringComparer.Ordinal);

    /// <summary>Remembers the output of display <paramref name="id"/>.</summary>
    public void Remember(string id, JsonObject output) { lock (outputs) outputs[id] = output; }

    /// <summary>The output of display <paramref name="id"/>, or null.</summary>
    public JsonObject? Find(string id) { lock (outputs) return outputs.GetValueOrDefault(id); }
}
