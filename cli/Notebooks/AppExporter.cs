using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>An exported app: where it goes and its source.</summary>
public sealed record ExportedApp(string Path, string Source);

/// <summary>
/// A notebook as a C# file-based app (<c>dotnet run NAME.cs</c>, .NET 10): the setup cell's <c>#r "nuget:"</c> pins
/// become <c>#:package</c> directives and its library reference a <c>#:project</c> to <c>lib/GanWorkbench.csproj</c>;
/// the code cells follow top to bottom as top-level statements (each under a comment naming its cell), a cell's final expression is displayed as the kernel would, type declarations move after
/// the statements (where C# wants them), and <c>display</c> / <c>HTML</c> / the parameters come from
/// <see cref="GanWorkbench.Interactive.AppPage"/>, which writes what is displayed into <c>NAME.html</c> beside the app.
/// </summary>
public static class AppExporter
{
    /// <summary>The usings the .NET Interactive C# kernel gives every cell.</summary>
    static readonly string[] KernelUsings =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The app for <paramref name="notebook"/>, to be written into <paramref name="folder"/>; a cell the app cannot
    /// carry is an <see cref="InputException"/>.</summary>
    public static ExportedApp Build(NotebookFile notebook, string folder)
    {
        string name = Path.GetFileNameWithoutExtension(notebook.Name);
        string appPath = Path.GetFullPath(Path.Combine(folder, name + ".cs"));
        string appFolder = Path.GetDirectoryName(appPath)!;
        string notebookFolder = Path.GetDirectoryName(notebook.Path)!;

        var packages = new List<string>();
        var usings = new SortedSet<string>([.. KernelUsings, "GanWorkbench.Interactive", "static GanWorkbench.Interactive.AppPage"], StringComparer.Ordinal);
        var statements = new StringBuilder();
        var types = new StringBuilder();
        string? project = null;
        IReadOnlyDictionary<string, string> parameters = new Dictionary<string, string>();
        string title = name;

        var cells = notebook.CellObjects;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            string label = $"{notebook.Name}: cell {i + 1}";
            if (NotebookFile.CellType(cell) == "markdown" && title == name && NotebookFile.Source(cell).Split('\n')[0] is var first && first.StartsWith("# ", StringComparison.Ordinal))
                title = first[2..].Trim();
            if (NotebookFile.CellType(cell) != "code") continue;
            var cellCode = CellDirectives.Parse(NotebookFile.Source(cell));
            foreach (var d in cellCode.Directives)
            {
                switch (d.Kind)
                {
                    case DirectiveKind.NuGetPackage when d.Version is null:
                        throw new InputException($"{label}, line {d.Line}: #r \"nuget: {d.Value}\" has no version; an app needs a pin (#r \"nuget: {d.Value}, VERSION\").");
                    case DirectiveKind.NuGetPackage: packages.Add($"#:package {d.Value}@{d.Version}"); break;
                    case DirectiveKind.Assembly when d.Value.EndsWith("GanWorkbench.dll", StringComparison.Ordinal):
                        project = Path.GetRelativePath(appFolder, Path.Combine(WorkbenchPaths.Root, "lib", "GanWorkbench.csproj")).Replace('\\', '/');
                        break;
                    case DirectiveKind.Assembly:
                        throw new InputException($"{label}, line {d.Line}: #r \"{d.Value}\": a file-based app references packages and projects, not assembly files; reference its package instead.");
                    case DirectiveKind.Magic when CellDirectives.CSharpNames.Contains(d.Value): break;
                    case DirectiveKind.Magic:
                        throw new InputException($"{label}, line {d.Line}: #!{d.Value} has no equivalent in a file-based app (C# cells only).");
                    case DirectiveKind.PackageSource: break;
                }
            }
            if (NotebookFile.Tags(cell).Contains(Parameters.Tag)) parameters = Parameters.Declared(cellCode.Code);
            AddCell(cellCode.Code, $"cell {i + 1}", label, usings, statements, types);
            if (NotebookFile.Tags(cell).Contains(Parameters.Tag))
                foreach (var parameter in parameters.Keys)
                    statements.Append($"{parameter} = AppPage.Parameter(\"{parameter}\", {parameter});\n");
        }
        if (project is null)
            throw new InputException($"{notebook.Name}: no cell references the library (#r \"../artifacts/bin/GanWorkbench/release/GanWorkbench.dll\"); the app needs it for its page.");

        var app = new StringBuilder();
        app.Append($"// {notebook.Name} as a file-based app, written by ./gwb nb export --to app (re-export rather than edit).\n");
        app.Append($"// Run: dotnet run {name}.cs -- --param NAME=VALUE …   Displayed values go to {name}.html beside this file.\n");
        foreach (var package in packages.Distinct(StringComparer.OrdinalIgnoreCase)) app.Append(package).Append('\n');
        app.Append($"#:project {project}\n");
        // Compiled as the kernel compiles cells: no nullable context, no warnings; its usings are written out below.
        // Not the file-based default of native AOT, whose trimming settings turn off reflection-based JSON (the library reads JSON).
        foreach (var property in new[] { "PublishAot=false", "ManagePackageVersionsCentrally=false", "Nullable=disable", "ImplicitUsings=disable", "WarningLevel=0",
                     "TreatWarningsAsErrors=false", "EnableNETAnalyzers=false", "GenerateDocumentationFile=false", "NoWarn=NU1603;NU1608" })
            app.Append($"#:property {property}\n");
        app.Append('\n');
        foreach (var u in usings) app.Append($"using {u};\n");
        app.Append('\n');
        string parameterList = string.Join(", ", parameters.Keys.Select(p => $"\"{p}\""));
        app.Append($"AppPage.Start(args, {SymbolDisplay.FormatLiteral(title, true)}, {SymbolDisplay.FormatLiteral(Path.GetRelativePath(appFolder, notebookFolder).Replace('\\', '/'), true)}, [{parameterList}]);\n");
        app.Append(statements);
        if (types.Length > 0) app.Append('\n').Append(types);

        return new ExportedApp(appPath, app.ToString());
    }

    /// <summary>Writes <paramref name="app"/> atomically (temporary file + rename).</summary>
    public static void Write(ExportedApp app)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(app.Path)!);
        AtomicFile.Write(app.Path, temp => File.WriteAllText(temp, app.Source, new UTF8Encoding(false)));
    }

    static void AddCell(string code, string lineName, string label, SortedSet<string> usings, StringBuilder statements, StringBuilder types)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        if (root.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            throw new InputException($"{label}, line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}; fix the cell before exporting.");
        foreach (var u in root.Usings) usings.Add(u.ToString()["using ".Length..].TrimEnd(';').Trim());
        var members = root.Members;
        for (int m = 0; m < members.Count; m++)
        {
            var member = members[m];
            int line = member.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            string text = member switch
            {
                GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last } when m == members.Count - 1
                    => $"display({last.Expression});",
                MethodDeclarationSyntax method => method.WithModifiers(SyntaxFactory.TokenList(method.Modifiers.Where(t => !t.IsKind(SyntaxKind.PublicKeyword)
                    && !t.IsKind(SyntaxKind.PrivateKeyword) && !t.IsKind(SyntaxKind.InternalKeyword) && !t.IsKind(SyntaxKind.ProtectedKeyword)))).WithoutTrivia().ToString(),
                _ => member.WithoutTrivia().ToString(),
            };
            var target = member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax ? types : statements;
            if (member is PropertyDeclarationSyntax or EventDeclarationSyntax or IndexerDeclarationSyntax or OperatorDeclarationSyntax)
                throw new InputException($"{label}, line {line}: a top-level {member.Kind()} cannot become a statement of an app; move it into a class.");
            target.Append($"// {lineName}, line {line}\n").Append(text).Append('\n');
        }
    }
}
