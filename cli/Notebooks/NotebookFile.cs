using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// An .ipynb file as a JSON tree (unknown fields are kept as they are), with the helpers the runner,
/// the checker and the renderer share. Written the way Jupyter and VS Code write notebooks:
/// keys sorted, one-space indent, multi-line strings as lists of lines, a final newline.
/// </summary>
public sealed class NotebookFile
{
    /// <summary>The whole document.</summary>
    public JsonObject Root { get; }

    /// <summary>Where it was read from (absolute).</summary>
    public string Path { get; }

    NotebookFile(JsonObject root, string path) { Root = root; Path = path; }

    /// <summary>Largest notebook file gwb reads (bytes): an executed notebook of the course is a few MB.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>Reads and minimally validates a notebook; bad input is an <see cref="InputException"/> naming the file.</summary>
    public static NotebookFile Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new InputException($"{path}: no such notebook. Give the path of an .ipynb file.");
        InputFiles.RequireRegular(full);
        long size = new FileInfo(full).Length;
        if (size > MaxBytes)
            throw new InputException($"{path}: {size >> 20} MB; gwb reads notebooks up to {MaxBytes >> 20} MB. Clear its outputs (they are what makes a notebook this large) and try again.");
        JsonNode? node;
        string text = InputFiles.Guarded(path, () => File.ReadAllText(full));
        try { node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }); }
        catch (JsonException e) { throw new InputException($"{path}: not a notebook: not valid JSON (line {e.LineNumber + 1}): {e.Message} Fix the file or re-save it from the editor.", e); }
        if (node is not JsonObject root)
            throw new InputException($"{path}: not a notebook: the JSON is not an object with \"cells\", \"metadata\" and \"nbformat\".");
        NotebookShape.Check(root, path);
        return new NotebookFile(root, full);
    }

    /// <summary>The cells, in order.</summary>
    public JsonArray Cells => (JsonArray)Root["cells"]!;

    /// <summary>The cell objects.</summary>
    public IReadOnlyList<JsonObject> CellObjects => Cells.Select(c => (JsonObject)c!).ToArray();

    /// <summary>The notebook's file name without folder.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Joins a multi-line string (a string or a list of strings).</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        _ when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>Splits text into the list-of-lines form (each line keeps its "\n").</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') { array.Add(text[start..(i + 1)]); start = i + 1; }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }

    /// <summary>A cell's type: code, markdown or raw.</summary>
    public static string CellType(JsonObject cell) => cell["cell_type"]!.GetValue<string>();

    /// <summary>A cell's source text.</summary>
    public static string Source(JsonObject cell) => Text(cell["source"]);

    /// <summary>A cell's tags (metadata.tags).</summary>
    public static IReadOnlyList<string> Tags(JsonObject cell) =>
        cell["metadata"]?["tags"] is JsonArray tags ? tags.Select(t => t?.ToString() ?? "").ToArray() : [];

    /// <summary>The cell's metadata object, created when missing.</summary>
    public static JsonObject Metadata(JsonObject cell)
    {
        if (cell["metadata"] is JsonObject m) return m;
        var created = new JsonObject();
        cell["metadata"] = created;
        return created;
    }

    /// <summary>A new cell id (nbformat 4.5: 1–64 characters of [a-zA-Z0-9-_]).</summary>
    public static string NewCellId() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>The JSON text, formatted as Jupyter writes it.</summary>
    public static string Serialize(JsonNode root)
    {
        var options = new JsonWriterOptions { Indented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options)) WriteSorted(writer, root);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the document atomically (temporary file + rename).</summary>
    public static void Save(JsonNode root, string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        AtomicFile.Write(full, temp => File.WriteAllText(temp, Serialize(root), new UTF8Encoding(false)));
    }

    static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null: writer.WriteNullValue(); break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) WriteSorted(writer, item);
                writer.WriteEndArray();
                break;
            default: node.WriteTo(writer); break;
        }
    }
}
