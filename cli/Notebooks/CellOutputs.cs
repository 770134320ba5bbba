using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// The outputs of one code cell, in the form VS Code stores them: <c>stream</c> (stdout / stderr;
/// consecutive writes to the same stream are merged), <c>display_data</c> (a MIME bundle; values and
/// <c>display(...)</c> alike) and <c>error</c>. Thread-safe: a cell may print from other threads.
/// </summary>
public sealed class CellOutputs(JsonArray outputs)
{
    readonly object gate = new();

    /// <summary>The cell's outputs array (part of the notebook tree).</summary>
    public JsonArray Outputs { get; } = outputs;

    /// <summary>Appends text to the stream output <paramref name="name"/> (stdout or stderr).</summary>
    public void AddStream(string name, string text)
    {
        if (text.Length == 0) return;
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

    /// <summary>Appends a display_data output and returns it (a display handle replaces its data later).</summary>
    public JsonObject AddDisplay(JsonObject data)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
        lock (gate) Outputs.Add(output);
        return output;
    }

    /// <summary>Replaces the data of an earlier display (an <c>Update</c>).</summary>
    public void Replace(JsonObject output, JsonObject data)
    {
        lock (gate) output["data"] = data;
    }

    /// <summary>Appends an error output.</summary>
    public void AddError(string name, string value, IEnumerable<string> traceback)
    {
        var lines = new JsonArray();
        foreach (var line in traceback) lines.Add(line);
        lock (gate) Outputs.Add(new JsonObject { ["output_type"] = "error", ["ename"] = name, ["evalue"] = value, ["traceback"] = lines });
    }

    /// <summary>
    /// Formats a value as a MIME bundle through the Formatting registry, as the kernel does: the given
    /// MIME types, else the preferred ones for the value's type.
    /// </summary>
    public static JsonObject Format(object? value, IReadOnlyList<string> mimeTypes)
    {
        var types = mimeTypes.Count > 0 ? mimeTypes : Formatter.GetPreferredMimeTypesFor(value?.GetType() ?? typeof(object)).ToArray();
        var data = new JsonObject();
        foreach (var mime in types) data[mime] = MimeValue(mime, value.ToDisplayString(mime));
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
