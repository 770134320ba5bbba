using System.Text.RegularExpressions;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>What a directive line of a cell asks for.</summary>
public enum DirectiveKind
{
    /// <summary><c>#r "nuget: Name, Version"</c> or <c>#r "nuget:Name"</c>.</summary>
    NuGetPackage,
    /// <summary><c>#r "path/to/assembly.dll"</c>.</summary>
    Assembly,
    /// <summary><c>#i "nuget: source"</c>.</summary>
    PackageSource,
    /// <summary><c>#!name</c>: a kernel selector or magic command.</summary>
    Magic,
}

/// <summary>One directive line of a cell (1-based line within the cell).</summary>
public sealed record Directive(DirectiveKind Kind, string Value, string? Version, int Line);

/// <summary>
/// The directive lines of a code cell (<c>#r</c>, <c>#i</c>, <c>#!…</c>), read for <c>nb check</c> and
/// <c>nb export</c>; the kernel itself interprets them when the notebook runs. <see cref="Code"/> is the
/// cell with those lines blanked, so line numbers still match the cell.
/// </summary>
public sealed record CellDirectives(string Code, IReadOnlyList<Directive> Directives)
{
    static readonly Regex NuGet = new(@"^#r\s+""nuget:\s*(?<name>[^,""\s]+)\s*(?:,\s*(?<version>[^""]*?))?\s*""\s*$", RegexOptions.Compiled);
    static readonly Regex Reference = new(@"^#r\s+""(?<path>[^""]+)""\s*$", RegexOptions.Compiled);
    static readonly Regex Include = new(@"^#i\s+""(?<source>[^""]+)""\s*$", RegexOptions.Compiled);
    static readonly Regex Magic = new(@"^#!\s*(?<name>\S+)", RegexOptions.Compiled);

    /// <summary>Names of the C# kernel in <c>#!</c> selectors.</summary>
    public static readonly IReadOnlySet<string> CSharpNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "csharp", "c#" };

    /// <summary>Splits <paramref name="source"/> into directives and the C# that remains.</summary>
    public static CellDirectives Parse(string source)
    {
        var directives = new List<Directive>();
        var code = new List<string>();
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string raw = lines[i].TrimEnd('\r'), line = raw.Trim();
            Directive? directive =
                Magic.Match(line) is { Success: true } magic ? new Directive(DirectiveKind.Magic, magic.Groups["name"].Value, null, i + 1)
                : NuGet.Match(line) is { Success: true } package ? new Directive(DirectiveKind.NuGetPackage, package.Groups["name"].Value,
                    package.Groups["version"].Value.Trim() is { Length: > 0 } v ? v : null, i + 1)
                : Reference.Match(line) is { Success: true } reference ? new Directive(DirectiveKind.Assembly, reference.Groups["path"].Value, null, i + 1)
                : Include.Match(line) is { Success: true } include ? new Directive(DirectiveKind.PackageSource, include.Groups["source"].Value, null, i + 1)
                : null;
            if (directive is not null) directives.Add(directive);
            code.Add(directive is null ? raw : "");
        }
        return new CellDirectives(string.Join("\n", code), directives);
    }
}
