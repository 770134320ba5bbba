using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GanWorkbench.Models;

namespace GanWorkbench.Experiments;

/// <summary>One field of the experiment schema, as the reference documents it. <paramref name="Family"/> is
/// the model family a <c>model.</c> field belongs to (null for every other field).</summary>
public sealed record SchemaField(string Path, string Type, string Default, string Description, IReadOnlyList<string> Allowed, bool IsSection,
    string? Family = null);

/// <summary>
/// The experiment schema read off the records themselves (<see cref="ExperimentSpec"/>, the records it
/// holds, and every registered model family's options record): dotted field paths, types, defaults (from
/// a freshly constructed record), descriptions (from the XML doc comments) and, for closed fields, the
/// allowed values (an enum's YAML spellings, or a registry's names). docs/experiments.md embeds
/// <see cref="Markdown"/>, and a test checks the two agree, so the documentation cannot drift from the code.
/// </summary>
public static partial class SchemaReference
{
    /// <summary>Marks the start of the generated part of docs/experiments.md.</summary>
    public const string BeginMarker = "<!-- BEGIN GENERATED FIELD REFERENCE: `./gwb check --write-docs` rewrites this part from lib/Experiments; do not edit by hand. -->";
    /// <summary>Marks the end of the generated part.</summary>
    public const string EndMarker = "<!-- END GENERATED FIELD REFERENCE -->";

    static (int Families, IReadOnlyList<SchemaField> Fields)? cached;

    /// <summary>Every field, depth first in declaration order; sections (nested records) included. The
    /// <c>model</c> section lists <c>name</c> and then each family's fields, tagged with the family.</summary>
    public static IReadOnlyList<SchemaField> Fields()
    {
        var families = ModelFamilies.All;
        if (cached is { } c && c.Families == families.Count) return c.Fields;
        var list = new List<SchemaField>();
        Walk(typeof(ExperimentSpec), new ExperimentSpec(), "", list, null);
        cached = (families.Count, list);
        return list;
    }

    /// <summary>All dotted paths a sweep or <c>--set</c> may name (sections and leaves, every family's model
    /// fields; not <c>name</c>).</summary>
    public static IReadOnlyList<string> FieldPaths() => Fields().Select(f => f.Path).Distinct().ToList();

    /// <summary>The allowed values of a closed field: an enum's YAML spellings or a registry's names (empty for open fields).</summary>
    public static IReadOnlyList<string> Allowed(string path, Type type)
    {
        if (ExperimentValidator.Choices.TryGetValue(path, out var names)) return names.ToList();
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t)) t = t.GetGenericArguments()[0];
        return t.IsEnum ? YamlNames.Values(t) : [];
    }

    static void Walk(Type type, object instance, string prefix, List<SchemaField> list, string? family)
    {
        foreach (var p in YamlBinder.Properties(type))
        {
            string path = prefix + YamlBinder.Snake(p.Name);
            if (path == "name") continue;   // the experiment's key in the file, set by the loader
            object? value = p.GetValue(instance);
            string description = Doc($"P:{p.DeclaringType!.FullName}.{p.Name}", p.DeclaringType!) is { Length: > 0 } xml ? xml
                : p.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description ?? "";   // types without XML docs (scripts, tests)
            if (p.PropertyType == typeof(ModelOptions))
            {
                list.Add(new SchemaField(path, "mapping", "", description, [], IsSection: true));
                list.Add(new SchemaField(path + ".name", "string", Show(((ModelOptions)value!).Name), "The model family; its fields are listed below, one table per family.",
                    ExperimentValidator.Choices["model.name"].ToList(), IsSection: false));
                foreach (var f in ModelFamilies.All)
                    Walk(f.DefaultOptions().GetType(), f.DefaultOptions(), path + ".", list, f.Name);
                continue;
            }
            if (IsSection(p.PropertyType) && Doc($"T:{p.PropertyType.FullName}", p.PropertyType) is { Length: > 0 } typeDoc) description = typeDoc;
            if (IsSection(p.PropertyType))
            {
                list.Add(new SchemaField(path, "mapping", "", description, [], IsSection: true, family));
                Walk(p.PropertyType, value ?? Activator.CreateInstance(p.PropertyType)!, path + ".", list, family);
            }
            else
            {
                list.Add(new SchemaField(path, TypeName(p.PropertyType), Show(value), description, Allowed(path, p.PropertyType), IsSection: false, family));
            }
        }
    }

    static bool IsSection(Type t) =>
        t.IsClass && t != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null;

    static string TypeName(Type t)
    {
        if (Nullable.GetUnderlyingType(t) is { } u) return TypeName(u) + " or null";
        if (t.IsEnum || t == typeof(Runtime.DeviceChoice)) return "string";
        if (t == typeof(string)) return "string";
        if (t == typeof(bool)) return "true/false";
        if (t == typeof(int) || t == typeof(long)) return "integer";
        if (t == typeof(double) || t == typeof(float)) return "number";
        if (t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t)) return "list of " + TypeName(t.GetGenericArguments()[0]) + "s";
        return t.Name;
    }

    static string Show(object? value) => value switch
    {
        null => "null",
        string s => s.Length == 0 ? "\"\"" : s,
        Enum e => YamlNames.Of(e),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>The generated field reference (markdown, between <see cref="BeginMarker"/> and <see cref="EndMarker"/>).</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append(BeginMarker).Append('\n');
        void Table(string title, IEnumerable<SchemaField> fields)
        {
            sb.Append('\n').Append(title).Append("\n\n| field | type | default | description |\n|---|---|---|---|\n");
            foreach (var f in fields)
            {
                string allowed = f.Allowed.Count > 0 ? " One of: " + string.Join(", ", f.Allowed.Select(a => $"`{a}`")) + "." : "";
                sb.Append($"| `{f.Path}` | {f.Type} | {(f.IsSection ? "(section below)" : $"`{f.Default}`")} | {Escape(f.Description)}{allowed} |\n");
            }
        }
        var all = Fields();
        Table("### Top level", all.Where(f => !f.Path.Contains('.', StringComparison.Ordinal)));
        foreach (var section in all.Where(f => f.IsSection && f.Family is null))
        {
            bool Child(SchemaField f) => f.Path.StartsWith(section.Path + ".", StringComparison.Ordinal) && f.Path.Count(c => c == '.') == section.Path.Count(c => c == '.') + 1;
            Table($"### `{section.Path}` — {Escape(section.Description).TrimEnd('.')}", all.Where(f => Child(f) && f.Family is null));
            foreach (var family in ModelFamilies.All.Where(fam => all.Any(f => Child(f) && f.Family == fam.Name)))
                Table($"#### `{section.Path}` with `name: {family.Name}` — {Escape(family.Description)}", all.Where(f => Child(f) && f.Family == family.Name));
        }
        sb.Append('\n').Append(EndMarker).Append('\n');
        return sb.ToString();
    }

    /// <summary>Replaces the generated part of a markdown document; the rest is kept as written.</summary>
    public static string Splice(string document, string path)
    {
        int begin = document.IndexOf(BeginMarker, StringComparison.Ordinal), end = document.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
            throw new InputException($"{path}: the markers of the generated field reference are missing; put these two lines where it belongs:\n{BeginMarker}\n{EndMarker}");
        return document[..begin] + Markdown() + document[(end + EndMarker.Length + 1)..];
    }

    /// <summary>The generated part of a document as it is now (for the test that it is up to date).</summary>
    public static string? Extract(string document)
    {
        int begin = document.IndexOf(BeginMarker, StringComparison.Ordinal), end = document.IndexOf(EndMarker, StringComparison.Ordinal);
        return begin < 0 || end < begin ? null : document[begin..(end + EndMarker.Length)] + "\n";
    }

    static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    static readonly Dictionary<Assembly, Dictionary<string, string>> DocsByAssembly = new();

    // A member's summary from the XML documentation of the assembly that declares it (so a family
    // registered from another assembly is documented from its own doc comments).
    static string Doc(string member, Type declaring)
    {
        Dictionary<string, string> docs;
        lock (DocsByAssembly)
            if (!DocsByAssembly.TryGetValue(declaring.Assembly, out docs!)) DocsByAssembly[declaring.Assembly] = docs = LoadDocs(declaring.Assembly);
        return docs.TryGetValue(member, out var d) ? d : "";
    }

    /// <summary>Summaries of an assembly's members from its XML documentation file, as markdown.</summary>
    static Dictionary<string, string> LoadDocs(Assembly assembly)
    {
        var result = new Dictionary<string, string>();
        string xml = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(xml)) return result;
        foreach (var member in XDocument.Load(xml).Descendants("member"))
        {
            var summary = member.Element("summary");
            if (summary is null || member.Attribute("name")?.Value is not { } name) continue;
            var text = new StringBuilder();
            foreach (var node in summary.Nodes())
                text.Append(node switch
                {
                    XElement { Name.LocalName: "c" } c => $"`{c.Value}`",
                    XElement { Name.LocalName: "see" } see => see.Attribute("cref")?.Value is { } cref
                        ? (cref.StartsWith("P:", StringComparison.Ordinal) ? $"`{YamlBinder.Snake(cref.Split('.').Last())}`" : cref.Split('.').Last())
                        : see.Attribute("langword")?.Value ?? "",
                    XElement e => e.Value,
                    XText t => t.Value,
                    _ => "",
                });
            result[name] = Whitespace().Replace(text.ToString(), " ").Trim();
        }
        return result;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
