using System.Text;
using System.Text.RegularExpressions;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>What a directive line asks for.</summary>
public enum DirectiveKind
{
    /// <summary><c>#r "nuget: Name, Version"</c> or <c>#r "nuget:Name"</c>.</summary>
    NuGetPackage,
    /// <summary><c>#r "path/to/assembly.dll"</c>.</summary>
    Assembly,
    /// <summary><c>#i "nuget: source"</c> (a package source: accepted, nothing to do here).</summary>
    PackageSource,
}

/// <summary>One directive line of a cell (1-based line within the cell).</summary>
public sealed record Directive(DirectiveKind Kind, string Value, string? Version, int Line);

/// <summary>A cell's directives or magics that the runner refuses (another kernel, an unsupported magic).</summary>
public sealed class CellDirectiveException(string message, int line) : Exception(message)
{
    /// <summary>1-based line within the cell.</summary>
    public int Line { get; } = line;
}

/// <summary>
/// A code cell split the way the .NET Interactive kernel splits it: directive and magic lines
/// (<c>#r</c>, <c>#i</c>, <c>#!csharp</c>) are taken out and replaced by empty lines, so compiler and
/// stack-trace line numbers still match the cell; the rest is C# script.
/// </summary>
public sealed record CellCode(string Code, IReadOnlyList<Directive> Directives)
{
    static readonly Regex NuGet = new(@"^#r\s+""nuget:\s*(?<name>[^,""\s]+)\s*(?:,\s*(?<version>[^""]*?))?\s*""\s*$", RegexOptions.Compiled);
    static readonly Regex Reference = new(@"^#r\s+""(?<path>[^""]+)""\s*$", RegexOptions.Compiled);
    static readonly Regex Include = new(@"^#i\s+""(?<source>[^""]+)""\s*$", RegexOptions.Compiled);
    static readonly Regex Magic = new(@"^#!\s*(?<name>\S+)", RegexOptions.Compiled);

    /// <summary>Names of C#'s own kernel in magics and cell metadata.</summary>
    public static readonly IReadOnlySet<string> CSharpNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "csharp", "c#" };

    static readonly HashSet<string> OtherKernels = new(StringComparer.OrdinalIgnoreCase)
    {
        "fsharp", "f#", "pwsh", "powershell", "javascript", "js", "html", "markdown", "md", "sql", "kql", "mermaid",
        "python", "r", "http", "value", "vscode", "spiral",
    };

    /// <summary>Splits <paramref name="source"/>; throws <see cref="CellDirectiveException"/> for what the runner does not support.</summary>
    public static CellCode Parse(string source)
    {
        var directives = new List<Directive>();
        var code = new StringBuilder();
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string raw = lines[i], line = raw.TrimEnd('\r').Trim();
            bool directive = true;
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                string name = Magic.Match(line).Groups["name"].Value;
                if (!CSharpNames.Contains(name))
                    throw new CellDirectiveException(OtherKernels.Contains(name)
                        ? $"this is a #!{name} cell; the runner (and the workbench's notebooks) run C# cells only. Rewrite it in C# or make it a markdown cell."
                        : $"the magic command #!{name} is not supported by the runner; the supported subset is listed in notebooks/README.md.", i + 1);
            }
            else if (NuGet.Match(line) is { Success: true } package)
            {
                string version = package.Groups["version"].Value.Trim();
                directives.Add(new Directive(DirectiveKind.NuGetPackage, package.Groups["name"].Value, version.Length == 0 ? null : version, i + 1));
            }
            else if (Reference.Match(line) is { Success: true } reference)
                directives.Add(new Directive(DirectiveKind.Assembly, reference.Groups["path"].Value, null, i + 1));
            else if (Include.Match(line) is { Success: true } include)
                directives.Add(new Directive(DirectiveKind.PackageSource, include.Groups["source"].Value, null, i + 1));
            else if (line.StartsWith("#r", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal))
                throw new CellDirectiveException($"cannot read the directive `{line}`; write #r \"nuget: Name, Version\", #r \"path/to/assembly.dll\" or #i \"nuget: source\".", i + 1);
            else directive = false;

            code.Append(directive ? "" : raw.TrimEnd('\r'));
            if (i < lines.Length - 1) code.Append('\n');
        }
        return new CellCode(code.ToString(), directives);
    }
}
