using System.Collections;
using System.Globalization;
using GanWorkbench.Models;
using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>
/// Writes a record as YAML in the schema's own form — the inverse of <see cref="YamlBinder"/>: snake_case
/// keys in declaration order (a model section's <c>name</c> first), enums in their YAML spelling, nulls
/// left out, so reading the text back binds the same record. config.yaml of every run is written so.
/// </summary>
public static class YamlWriter
{
    /// <summary>The YAML text of <paramref name="record"/>.</summary>
    public static string Write(object record)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(Node(record))).Save(text, assignAnchors: false);
        string yaml = text.ToString();
        return yaml.EndsWith("...\n", StringComparison.Ordinal) ? yaml[..^4] : yaml;
    }

    /// <summary>The YAML node of a value.</summary>
    public static YamlNode Node(object value) => value switch
    {
        string s => new YamlScalarNode(s),
        bool b => new YamlScalarNode(b ? "true" : "false"),
        double d => new YamlScalarNode(d.ToString("R", CultureInfo.InvariantCulture)),
        float f => new YamlScalarNode(f.ToString("R", CultureInfo.InvariantCulture)),
        Enum e => new YamlScalarNode(YamlNames.Of(e)),
        YamlNode n => n,
        IFormattable f when value.GetType().IsPrimitive => new YamlScalarNode(f.ToString(null, CultureInfo.InvariantCulture)),
        IDictionary map => Mapping(map.Keys.Cast<object>().Select(k => (k.ToString()!, map[k]))),
        IEnumerable list => new YamlSequenceNode(list.Cast<object?>().Where(v => v is not null).Select(v => Node(v!))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow },
        _ when value.GetType().IsValueType => new YamlScalarNode(value.ToString()),
        _ => Mapping(Fields(value)),
    };

    static IEnumerable<(string, object?)> Fields(object record)
    {
        if (record is IChosenRecord chosen) yield return (YamlBinder.DiscriminatorKey(record.GetType())!, chosen.ChoiceName);
        foreach (var p in YamlBinder.Properties(record.GetType()))
            yield return (YamlBinder.Snake(p.Name), p.GetValue(record));
    }

    static YamlMappingNode Mapping(IEnumerable<(string Key, object? Value)> fields)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in fields)
            if (value is not null) map.Add(key, Node(value));
        return map;
    }
}
