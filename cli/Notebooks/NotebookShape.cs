using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// The structure every nb command relies on, checked once when a notebook is read: <c>nbformat</c> the integer 4
/// (an older major version is named, with the conversion command), a <c>cells</c> list whose cells have a string
/// <c>cell_type</c>, a <c>source</c> that is a string or a list of strings, and <c>metadata</c> and <c>outputs</c>
/// of the right kinds. Errors name the file, the cell and the field, and how to fix it.
/// </summary>
public static class NotebookShape
{
    /// <summary>Throws an <see cref="InputException"/> for the first part of <paramref name="root"/> that is not a notebook's.</summary>
    public static void Check(JsonObject root, string path)
    {
        string file = System.IO.Path.GetFileName(path);
        if (root["nbformat"] is { } format)
        {
            if (format.GetValueKind() != JsonValueKind.Number || !format.AsValue().TryGetValue<int>(out int major))
                throw new InputException($"{path}: \"nbformat\" is {format.ToJsonString()}, but it must be the integer major version (4); " +
                                         "the minor version goes in \"nbformat_minor\" (nbformat 4.5 is \"nbformat\": 4, \"nbformat_minor\": 5). Fix the field or re-save the notebook from Jupyter.");
            if (major != 4)
                throw new InputException($"{path}: nbformat {major} is not supported; gwb reads nbformat 4 (VS Code writes 4.5). " +
                                         $"Convert it: jupyter nbconvert --to notebook --nbformat 4 {file}");
        }
        if (root["cells"] is not JsonArray cells || root["nbformat"] is null)
            throw new InputException($"{path}: not a Jupyter notebook (no \"nbformat\" and \"cells\" list at the top level).");
        if (root["metadata"] is { } top && top is not JsonObject)
            throw new InputException($"{path}: the notebook's \"metadata\" must be an object, got {Describe(top)}. Replace it with {{}} or re-save the notebook from Jupyter.");
        for (int i = 0; i < cells.Count; i++)
        {
            string cell = $"{path}: cell {i + 1}";
            if (cells[i] is not JsonObject c || c["cell_type"]?.GetValueKind() != JsonValueKind.String)
                throw new InputException($"{cell} has no \"cell_type\".");
            switch (c["source"])
            {
                case null:
                    break;
                case JsonArray lines:
                    for (int j = 0; j < lines.Count; j++)
                        if (lines[j]?.GetValueKind() != JsonValueKind.String)
                            throw new InputException($"{cell}: \"source\" line {j + 1} is {Describe(lines[j])}, not a string; a cell's source is a string or a list of strings. " +
                                                     "Quote it, or re-save the notebook from Jupyter.");
                    break;
                case var source when source.GetValueKind() != JsonValueKind.String:
                    throw new InputException($"{cell}: \"source\" is {Describe(source)}; a cell's source is a string or a list of strings. Re-save the notebook from Jupyter.");
            }
            if (c["metadata"] is { } metadata && metadata is not JsonObject)
                throw new InputException($"{cell}: \"metadata\" must be an object, got {Describe(metadata)}. Replace it with {{}} (tags go in \"metadata\": {{\"tags\": [...]}}).");
            if (c["outputs"] is { } outputs && outputs is not JsonArray)
                throw new InputException($"{cell}: \"outputs\" must be a list, got {Describe(outputs)}. Replace it with [] (clear the cell's outputs).");
        }
    }

    static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => $"the string {node.ToJsonString()}",
            JsonValueKind.Number => $"the number {node.ToJsonString()}",
            _ => node.ToJsonString(),
        },
    };
}
