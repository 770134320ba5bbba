using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>How one cell's code ended.</summary>
public sealed record CellRun(bool HasValue, object? Value, Exception? Exception, ImmutableArray<Diagnostic> CompileErrors);

/// <summary>
/// One Roslyn scripting session per notebook, as in the .NET Interactive C# kernel: C# 12 script,
/// the kernel's default usings, one submission per cell (<c>ContinueWithAsync</c>), state carried
/// from cell to cell even past a cell that threw. <c>#r</c> directives add references: NuGet
/// packages from the host's own closure (<see cref="PackageClosure"/>), and assembly files — an
/// assembly that is already loaded in the process (the workbench library) is referenced as the
/// loaded copy, never loaded twice.
/// </summary>
public sealed class ScriptSession
{
    /// <summary>The kernel's default namespaces, plus Formatting (the kernel imports it too).</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
        "Microsoft.DotNet.Interactive.Formatting", "GanWorkbench.Cli.Notebooks.Kernel",
    ];

    /// <summary>The first, hidden submission: the kernel's static imports (display, HTML, PocketView tags).</summary>
    const string Prelude = "using static GanWorkbench.Cli.Notebooks.Kernel.KernelHelpers;\nusing static Microsoft.DotNet.Interactive.Formatting.PocketViewTags;\n";

    static readonly MethodInfo? HasReturnValueMethod = typeof(Script).GetMethod("HasReturnValue", BindingFlags.Instance | BindingFlags.NonPublic);

    readonly PackageClosure closure;
    readonly string directory;
    readonly Dictionary<string, string?> packages = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<string> referenced = new(StringComparer.OrdinalIgnoreCase);
    ScriptOptions options;
    ScriptState<object>? state;

    /// <summary>A session whose relative <c>#r</c> paths start at <paramref name="notebookDirectory"/>.</summary>
    public ScriptSession(string notebookDirectory, PackageClosure closure)
    {
        this.closure = closure;
        directory = notebookDirectory;
        options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.CSharp12)
            .WithImports(DefaultImports)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(notebookDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, notebookDirectory))
            .AddReferences(
                typeof(Enumerable).Assembly, typeof(List<>).Assembly, typeof(Task<>).Assembly,
                typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly,
                typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly,
                typeof(Microsoft.AspNetCore.Html.IHtmlContent).Assembly,
                typeof(ScriptSession).Assembly);
    }

    /// <summary>The packages added so far (name → requested version).</summary>
    public IReadOnlyDictionary<string, string?> Packages => packages;

    /// <summary>Runs the hidden prelude. Call once before the first cell.</summary>
    public async Task StartAsync()
    {
        var run = await RunAsync(Prelude, "prelude").ConfigureAwait(false);
        if (run.Exception is not null) throw new InvalidOperationException("the notebook prelude failed", run.Exception);
    }

    /// <summary>Applies a cell's directives; throws <see cref="CellDirectiveException"/> with the line at fault.</summary>
    public void Apply(IReadOnlyList<Directive> directives)
    {
        foreach (var d in directives)
        {
            switch (d.Kind)
            {
                case DirectiveKind.NuGetPackage: AddPackage(d); break;
                case DirectiveKind.Assembly: AddAssembly(d); break;
                case DirectiveKind.PackageSource: break;                      // sources do not matter: nothing is downloaded
            }
        }
    }

    void AddPackage(Directive d)
    {
        if (packages.TryGetValue(d.Value, out var earlier))
        {
            if (string.Equals(earlier ?? "", d.Version ?? "", StringComparison.OrdinalIgnoreCase)) return;
            throw new CellDirectiveException($"package {d.Value} was already added at version {earlier ?? "(any)"}; " +
                $"it cannot be added again at version {d.Version ?? "(any)"} (as in the .NET Interactive kernel). Use one version throughout the notebook.", d.Line);
        }
        IReadOnlyList<string> files;
        try { files = closure.Resolve(d.Value, d.Version); }
        catch (PackageReferenceException e) { throw new CellDirectiveException($"#r \"nuget: {d.Value}{(d.Version is null ? "" : ", " + d.Version)}\": {e.Message}", d.Line); }
        packages[d.Value] = d.Version;
        foreach (var file in files) Reference(LocateHostAssembly(file), d);
    }

    void AddAssembly(Directive d)
    {
        string path = Path.GetFullPath(Path.Combine(directory, d.Value));
        if (!File.Exists(path))
            throw new CellDirectiveException($"#r \"{d.Value}\": no such file ({path}). " +
                (d.Value.Contains("GanWorkbench", StringComparison.OrdinalIgnoreCase) ? "Build the library first: make setup (or ./gwb doctor)." : "Check the path; it is relative to the notebook's folder."), d.Line);
        AssemblyName name;
        try { name = AssemblyName.GetAssemblyName(path); }
        catch (BadImageFormatException e) { throw new CellDirectiveException($"#r \"{d.Value}\": not a .NET assembly ({e.Message}).", d.Line); }
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => !a.IsDynamic && AssemblyName.ReferenceMatchesDefinition(a.GetName(), name) && a.GetName().Name == name.Name);
        if (loaded is null)
        {
            // Not part of the host: load it next to its own folder (its dependencies resolve from there).
            loaded = Assembly.LoadFrom(path);
        }
        Reference(loaded.Location, d);
    }

    static string LocateHostAssembly(string fileName)
    {
        string simpleName = Path.GetFileNameWithoutExtension(fileName);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => !a.IsDynamic && a.GetName().Name == simpleName && a.Location.Length > 0);
        if (loaded is not null) return loaded.Location;
        string beside = Path.Combine(AppContext.BaseDirectory, fileName);
        if (File.Exists(beside)) return beside;
        return Assembly.Load(new AssemblyName(simpleName)).Location;
    }

    void Reference(string path, Directive d)
    {
        if (path.Length == 0 || !referenced.Add(path)) return;
        try { options = options.AddReferences(MetadataReference.CreateFromFile(path)); }
        catch (IOException e) { throw new CellDirectiveException($"cannot read {path}: {e.Message}", d.Line); }
    }

    /// <summary>Compiles and runs one cell. Compile errors and exceptions are returned, not thrown.</summary>
    public async Task<CellRun> RunAsync(string code, string filePath)
    {
        var cellOptions = options.WithFilePath(filePath);
        try
        {
            var script = state is null
                ? CSharpScript.Create<object>(code, cellOptions)
                : state.Script.ContinueWith<object>(code, cellOptions);
            var diagnostics = script.Compile();
            var errors = diagnostics.Where(x => x.Severity == DiagnosticSeverity.Error).ToImmutableArray();
            if (errors.Length > 0) return new CellRun(false, null, null, errors);
            Exception? thrown = null;
            var next = state is null
                ? await script.RunAsync(null, e => { thrown = e; return true; }).ConfigureAwait(false)
                : await script.RunFromAsync(state, e => { thrown = e; return true; }).ConfigureAwait(false);
            state = next;
            thrown ??= next.Exception;
            bool hasValue = thrown is null && HasReturnValue(next.Script);
            return new CellRun(hasValue, hasValue ? next.ReturnValue : null, thrown, []);
        }
        catch (CompilationErrorException e)
        {
            return new CellRun(false, null, null, e.Diagnostics.Where(x => x.Severity == DiagnosticSeverity.Error).ToImmutableArray());
        }
    }

    static bool HasReturnValue(Script script) =>
        HasReturnValueMethod is not null
            ? (bool)HasReturnValueMethod.Invoke(script, null)!
            : script.GetCompilation().SyntaxTrees.Last().GetRoot().ChildNodes().LastOrDefault() is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
              { Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } };
}
