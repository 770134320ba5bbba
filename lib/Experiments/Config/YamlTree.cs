using System.Runtime.CompilerServices;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>
/// YAML trees with their origins: every node remembers where it came from ("file:line:column", or
/// "--set key=value" for command-line overrides), so errors found later — while merging defaults,
/// binding to records or validating values — point at the exact place to fix.
/// </summary>
public static class YamlTree
{
    static readonly ConditionalWeakTable<YamlNode, string> Origins = new();

    /// <summary>Reads and parses a YAML file (experiments, reproductions, a run's config.yaml): a file
    /// larger than <see cref="YamlLimits.MaxFileBytes"/> is refused before it is read.</summary>
    public static YamlNode? ReadFile(string path) => Parse(ReadText(path), path);

    /// <summary>The text of a YAML file, refused unread when it is not a regular file (<see cref="InputFiles"/>) or
    /// larger than <see cref="YamlLimits.MaxFileBytes"/>; an unreadable one is refused with the chmod that fixes it.</summary>
    public static string ReadText(string path)
    {
        InputFiles.RequireRegular(path);
        YamlLimits.CheckSize(new FileInfo(path).Length, path);
        return InputFiles.Guarded(path, () => File.ReadAllText(path));
    }

    /// <summary>Parses a YAML document within <see cref="YamlLimits"/>; syntax errors and limits crossed
    /// become <see cref="InputException"/>s with the location.</summary>
    public static YamlNode? Parse(string text, string file)
    {
        var tab = text.IndexOf('\t', StringComparison.Ordinal);
        if (tab >= 0)
        {
            var (line, col) = LineColumn(text, tab);
            throw new InputException($"{file}:{line}:{col}: a tab character; YAML indents with spaces only. Replace the tab with spaces.");
        }
        var stream = new YamlStream();
        try
        {
            YamlLimits.Check(text, file);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            string what = e.InnerException?.Message ?? e.Message;
            int colon = what.IndexOf("): ", StringComparison.Ordinal);
            if (colon >= 0) what = what[(colon + 3)..];
            if (what.StartsWith("Duplicate key ", StringComparison.Ordinal))
                throw new InputException($"{file}:{e.Start.Line}:{e.Start.Column}: duplicate key '{what["Duplicate key ".Length..]}': " +
                                         "it is already set above in the same mapping, and a key may appear only once. Remove or rename one of them.", e);
            throw new InputException($"{file}:{e.Start.Line}:{e.Start.Column}: YAML syntax error: {what.TrimEnd('.')}. Correct the YAML at this place " +
                                     "(a missing ':', an unclosed bracket or quote, or indentation that does not line up are the usual causes).", e);
        }
        if (stream.Documents.Count == 0) return null;
        if (stream.Documents.Count > 1)
            throw new InputException($"{file}: {stream.Documents.Count} YAML documents ('---'); the file must hold exactly one. Remove the extra documents or split them into separate files.");
        var root = stream.Documents[0].RootNode;
        foreach (var node in root.AllNodes) Origins.AddOrUpdate(node, $"{file}:{node.Start.Line}:{node.Start.Column}");
        return root;
    }

    /// <summary>Where a node came from.</summary>
    public static string Origin(YamlNode node) => Origins.TryGetValue(node, out var o) ? o : "(generated)";

    /// <summary>Marks a node (and its children) as coming from <paramref name="origin"/>.</summary>
    public static T WithOrigin<T>(T node, string origin) where T : YamlNode
    {
        foreach (var n in node.AllNodes) Origins.AddOrUpdate(n, origin);
        return node;
    }

    /// <summary>
    /// Deep merge: keys of <paramref name="over"/> replace or (for mappings on both sides) merge into
    /// those of <paramref name="under"/>. Mappings under a key in <paramref name="replaceWhole"/> are
    /// replaced, not merged (for one-of mappings such as a budget of steps or epochs). Neither input
    /// is changed; nodes keep their origins.
    /// </summary>
    public static YamlMappingNode Merge(YamlMappingNode under, YamlMappingNode over, IReadOnlyCollection<string>? replaceWhole = null)
    {
        var result = new YamlMappingNode();
        Origins.AddOrUpdate(result, Origin(over));
        foreach (var (key, value) in under.Children) result.Children[key] = value;
        foreach (var (key, value) in over.Children)
            result.Children[key] = result.Children.TryGetValue(key, out var old) && old is YamlMappingNode oldMap
                                   && value is YamlMappingNode newMap && !(replaceWhole?.Contains(Key(key)) ?? false)
                ? Merge(oldMap, newMap, replaceWhole) : value;
        return result;
    }

    /// <summary>A copy of a mapping without the given keys.</summary>
    public static YamlMappingNode Without(YamlMappingNode map, params string[] keys)
    {
        var result = new YamlMappingNode();
        Origins.AddOrUpdate(result, Origin(map));
        foreach (var (key, value) in map.Children)
            if (!keys.Contains(Key(key))) result.Children[key] = value;
        return result;
    }

    /// <summary>Builds <c>{a: {b: value}}</c> from the dotted key <c>a.b</c>; the new mapping
    /// nodes get <paramref name="origin"/>, <paramref name="value"/> keeps its own.</summary>
    public static YamlMappingNode Nest(string dottedKey, YamlNode value, string origin)
    {
        var parts = dottedKey.Split('.');
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            var map = new YamlMappingNode();
            map.Children[WithOrigin(new YamlScalarNode(parts[i]), origin)] = value;
            value = WithOrigin(map, origin);
        }
        return (YamlMappingNode)value;
    }

    /// <summary>A short description of a node for error messages: "a list", "a mapping", "'text'".</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => node.GetType().Name,
    };

    /// <summary>A node in YAML flow style on one line, e.g. <c>{name: wgan-gp, penalty: 10}</c>.</summary>
    public static string Flow(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode seq => "[" + string.Join(", ", seq.Children.Select(Flow)) + "]",
        YamlMappingNode map => "{" + string.Join(", ", map.Children.Select(kv => $"{Key(kv.Key)}: {Flow(kv.Value)}")) + "}",
        _ => node.ToString(),
    };

    /// <summary>The text of a scalar key.</summary>
    public static string Key(YamlNode key) => key is YamlScalarNode s ? s.Value ?? "" : key.ToString();

    /// <summary>The child of a mapping by key, or null.</summary>
    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => Key(kv.Key) == key).Value;

    static (int Line, int Column) LineColumn(string text, int index)
    {
        int line = 1, col = 1;
        for (int i = 0; i < index; i++) { if (text[i] == '\n') { line++; col = 1; } else col++; }
        return (line, col);
    }
}
