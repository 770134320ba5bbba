using System.Text.RegularExpressions;

namespace GanWorkbench.Tests.Notebooks;

/// <summary>The library's doc comments point readers to notebooks ("Notebook: 06-gan-zoo."); those
/// notebooks must exist, or the pointer sends a student nowhere after a rename. Pointers are the
/// "NN-name" tokens of doc-comment lines that mention a notebook.</summary>
public class LibraryNotebookReferencesTests
{
    [Fact]
    public void Every_notebook_named_in_a_doc_comment_exists()
    {
        var lib = Path.Combine(WorkbenchPaths.Root, "lib");
        var references = Directory.EnumerateFiles(lib, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line: i + 1, text: line)))
            .Where(l => l.text.TrimStart().StartsWith("///", StringComparison.Ordinal) && l.text.Contains("otebook", StringComparison.Ordinal))
            .SelectMany(l => Regex.Matches(l.text, @"\b(\d\d-[a-z][a-z0-9-]*[a-z0-9])\b").Select(m => (l.file, l.line, name: m.Groups[1].Value)))
            .ToList();
        Assert.True(references.Count >= 20, $"expected the library to point to its notebooks, found {references.Count} pointers");
        var missing = references.Where(r => !File.Exists(Path.Combine(WorkbenchPaths.Root, "notebooks", r.name + ".ipynb")))
            .Select(r => $"{Path.GetRelativePath(WorkbenchPaths.Root, r.file)}:{r.line}: notebooks/{r.name}.ipynb does not exist");
        Assert.Empty(missing);
    }
}
