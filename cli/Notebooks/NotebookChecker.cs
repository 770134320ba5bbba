using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>One thing wrong with a notebook; <see cref="Cell"/> is 1-based, null for the whole file.</summary>
public sealed record NotebookProblem(string Notebook, int? Cell, string Message)
{
    /// <summary>E.g. <c>notebooks/01-gan.ipynb: cell 3: …</c>.</summary>
    public override string ToString() => $"{Notebook}: {(Cell is { } c ? $"cell {c}: " : "")}{Message}";
}

/// <summary>
/// Hygiene of the committed notebooks (<c>gwb nb check</c>): nbformat 4.5 with VS Code's .NET
/// metadata, no stored outputs, pinned package versions (those the library is built with, where it uses them), only the
/// supported subset (notebooks/README.md), and the workbench's conventions — the first code cell
/// references the library and registers its formatters; a cell tagged <c>parameters</c> declares
/// <c>bool QUICK</c>.
/// </summary>
public static class NotebookChecker
{
    static readonly Regex CellId = new("^[a-zA-Z0-9-_]{1,64}$", RegexOptions.Compiled);
    static readonly Regex Load = new(@"^\s*#load\b", RegexOptions.Compiled | RegexOptions.Multiline);

    /// <summary>Every <c>notebooks/*.ipynb</c> under the repository root, sorted.</summary>
    public static IReadOnlyList<string> DefaultNotebooks()
    {
        string folder = Path.Combine(WorkbenchPaths.Root, "notebooks");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb").Select(f => Path.GetRelativePath(Directory.GetCurrentDirectory(), f)).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>The problems of one notebook (empty when it is fine).</summary>
    public static IReadOnlyList<NotebookProblem> Check(string path)
    {
        var problems = new List<NotebookProblem>();
        void Problem(int? cell, string message) => problems.Add(new NotebookProblem(path, cell, message));
        NotebookFile notebook;
        try { notebook = NotebookFile.Load(path); }
        catch (InputException e) { Problem(null, e.Message); return problems; }
        var root = notebook.Root;

        if (root["nbformat_minor"]?.GetValue<int>() != 5) Problem(null, $"nbformat 4.{root["nbformat_minor"]?.ToJsonString() ?? "?"}: save it as nbformat 4.5 (VS Code does; cells need ids).");
        var kernelspec = root["metadata"]?["kernelspec"];
        if ((string?)kernelspec?["name"] != ".net-csharp" || (string?)kernelspec?["language"] != "C#" || (string?)kernelspec?["display_name"] != ".NET (C#)")
            Problem(null, "metadata.kernelspec must be {\"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\"} (copy it from notebooks/_template.ipynb).");
        var kernelInfo = root["metadata"]?["polyglot_notebook"]?["kernelInfo"];
        if ((string?)kernelInfo?["defaultKernelName"] != "csharp" || kernelInfo?["items"] is not JsonArray items || !items.Any(i => (string?)i?["name"] == "csharp"))
            Problem(null, "metadata.polyglot_notebook.kernelInfo must name csharp as the default kernel (copy it from notebooks/_template.ipynb).");
        if (root["metadata"]?["gwb"] is not null) Problem(null, "this is an executed copy (metadata.gwb is set by gwb nb run); commit the clean source notebook.");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        int? firstCode = null, parametersCell = null;
        var cells = notebook.CellObjects;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            int number = i + 1;
            string type = NotebookFile.CellType(cell);
            string id = (string?)cell["id"] ?? "";
            if (!CellId.IsMatch(id)) Problem(number, "needs an id of 1–64 letters, digits, '-' or '_' (nbformat 4.5).");
            else if (!ids.Add(id)) Problem(number, $"duplicate cell id \"{id}\".");
            if (type == "markdown") continue;
            if (type != "code") { Problem(number, $"{type} cells are not part of the supported subset: use markdown or C# code cells."); continue; }

            firstCode ??= number;
            string? kernelName = (string?)cell["metadata"]?["polyglot_notebook"]?["kernelName"];
            if (kernelName != "csharp") Problem(number, $"metadata.polyglot_notebook.kernelName is \"{kernelName ?? "missing"}\"; code cells must be C# (\"csharp\").");
            if (cell["outputs"] is JsonArray outputs && outputs.Count > 0) Problem(number, "has stored outputs; clear them before committing (executed copies live in build/notebooks/).");
            if (cell["execution_count"] is not null) Problem(number, "has an execution count; clear outputs before committing.");
            string source = NotebookFile.Source(cell);
            if (Load.IsMatch(source)) Problem(number, "#load is not part of the supported subset: put shared code in the library.");
            var code = CellDirectives.Parse(source);
            foreach (var d in code.Directives)
            {
                if (d.Kind == DirectiveKind.Magic && !CellDirectives.CSharpNames.Contains(d.Value))
                    Problem(number, $"line {d.Line}: #!{d.Value} is not part of the supported subset (C# cells only, no magic commands; notebooks/README.md). Rewrite it in C# or make it a markdown cell.");
                if (d.Kind == DirectiveKind.NuGetPackage) CheckPackage(d, number, Problem);
            }
            if (NotebookFile.Tags(cell).Contains(Parameters.Tag))
            {
                parametersCell = number;
                var declared = Parameters.Declared(code.Code);
                if (declared.GetValueOrDefault("QUICK") != "bool" && declared.GetValueOrDefault("BUDGET") != "string")
                    Problem(number, "the parameters cell must declare `string BUDGET = \"lesson\";` or `bool QUICK = false;` (make test runs every notebook at the quick budget).");
            }
            if (number == firstCode)
            {
                if (!code.Directives.Any(d => d.Kind == DirectiveKind.Assembly && d.Value.EndsWith("GanWorkbench.dll", StringComparison.Ordinal)))
                    Problem(number, "the first code cell must reference the library: #r \"../artifacts/bin/GanWorkbench/release/GanWorkbench.dll\" (see notebooks/_template.ipynb).");
                if (!code.Code.Contains("NotebookFormatters.Register()", StringComparison.Ordinal))
                    Problem(number, "the first code cell must call GanWorkbench.Interactive.NotebookFormatters.Register(); so charts, grids and tables display.");
            }
        }
        if (firstCode is null) Problem(null, "has no code cell.");
        if (parametersCell is null) Problem(null, "no cell is tagged \"parameters\"; the second code cell should declare `bool QUICK = false;` and carry that tag.");
        return problems;
    }

    static void CheckPackage(Directive d, int cell, Action<int?, string> problem)
    {
        string shown = $"line {d.Line}: #r \"nuget: {d.Value}{(d.Version is null ? "" : ", " + d.Version)}\"";
        string? built = WorkbenchPackages.Version(d.Value);
        if (d.Version is null || d.Version.Contains('*') || d.Version.Contains(',') || d.Version.StartsWith('(') || d.Version.StartsWith('['))
            problem(cell, $"{shown}: pin the exact version{(built is not null ? $" the workbench builds with: #r \"nuget: {d.Value}, {built}\"" : "")}.");
        else if (built is not null && built != d.Version)
            problem(cell, $"{shown}: pin the version the workbench builds with, {built} (Directory.Packages.props), so the notebook loads what the library was built against.");
    }
}
