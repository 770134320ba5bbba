using GanWorkbench.Cli.Notebooks;
using GanWorkbench.Tests.Experiments;

namespace GanWorkbench.Tests.Notebooks;

/// <summary>Notebooks whose JSON is valid but whose structure is not nbformat 4's are refused when read, by
/// <c>nb check</c> and <c>nb run</c> alike, with exit code 2, the cell and field, and the fix; no stack trace.</summary>
public class MalformedNotebookTests
{
    const string Cell = "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"source\": \"1\"}";

    static string Notebook(string cells, string format = "4") =>
        $"{{\"nbformat\": {format}, \"nbformat_minor\": 5, \"metadata\": {{}}, \"cells\": [{cells}]}}";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "format-4.5.ipynb", Notebook(Cell, "4.5"), "\"nbformat\" is 4.5, but it must be the integer major version (4); the minor version goes in \"nbformat_minor\" " +
                                                     "(nbformat 4.5 is \"nbformat\": 4, \"nbformat_minor\": 5). Fix the field or re-save the notebook from Jupyter." },
        { "format-string.ipynb", Notebook(Cell, "\"4\""), "\"nbformat\" is \"4\", but it must be the integer major version (4); the minor version goes in \"nbformat_minor\" " +
                                                          "(nbformat 4.5 is \"nbformat\": 4, \"nbformat_minor\": 5). Fix the field or re-save the notebook from Jupyter." },
        { "v3.ipynb", "{\"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"worksheets\": [{\"cells\": []}]}",
          "nbformat 3 is not supported; gwb reads nbformat 4 (VS Code writes 4.5). Convert it: jupyter nbconvert --to notebook --nbformat 4 v3.ipynb" },
        { "source-numbers.ipynb", Notebook(Cell + ", {\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"source\": [\"x = 1\\n\", 2]}"),
          "cell 2: \"source\" line 2 is the number 2, not a string; a cell's source is a string or a list of strings. Quote it, or re-save the notebook from Jupyter." },
        { "source-object.ipynb", Notebook("{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": {\"text\": \"# hi\"}}"),
          "cell 1: \"source\" is an object; a cell's source is a string or a list of strings. Re-save the notebook from Jupyter." },
        { "metadata-string.ipynb", Notebook("{\"cell_type\": \"code\", \"metadata\": \"tags: x\", \"outputs\": [], \"source\": \"1\"}"),
          "cell 1: \"metadata\" must be an object, got the string \"tags: x\". Replace it with {} (tags go in \"metadata\": {\"tags\": [...]})." },
        { "outputs-object.ipynb", Notebook("{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": {}, \"source\": \"1\"}"),
          "cell 1: \"outputs\" must be a list, got an object. Replace it with [] (clear the cell's outputs)." },
        { "top-metadata-list.ipynb", "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": [], \"cells\": []}",
          "the notebook's \"metadata\" must be an object, got a list. Replace it with {} or re-save the notebook from Jupyter." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_malformed_notebook_is_refused_with_the_cell_the_field_and_the_fix(string name, string json, string problem)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(name), json);
        var e = Assert.Throws<InputException>(() => NotebookFile.Load(temp.File(name)));
        Assert.Equal($"{temp.File(name)}: {problem}", e.Message);
    }

    [Theory]
    [InlineData("format-4.5.ipynb")]
    [InlineData("source-numbers.ipynb")]
    [InlineData("metadata-string.ipynb")]
    public void Nb_check_and_nb_run_exit_with_2_and_write_nothing(string name)
    {
        var (_, json, problem) = Cases.Select(c => ((string)c[0], (string)c[1], (string)c[2])).Single(c => c.Item1 == name);
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(name), json);
        foreach (var args in new[] { new[] { "nb", "check", temp.File(name) }, ["nb", "run", temp.File(name), "--output", temp.File("out")] })
        {
            var (code, _, err) = Gwb.Run(temp.Path, args);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}\n{err}");
            Assert.Contains($"{temp.File(name)}: {problem}", err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(temp.File("out")));
    }
}
