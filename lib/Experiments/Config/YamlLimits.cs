using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GanWorkbench.Experiments;

/// <summary>
/// What a workbench YAML file may cost before it is loaded: its size, how deep collections nest, and how
/// much aliases (<c>*name</c>) expand to. Checked in one pass over the parser's events, with the file's
/// own text and no tree built, so a few hundred bytes of nested anchors (an alias bomb) or thousands of
/// nested brackets are refused at their location in milliseconds instead of hanging or crashing.
/// </summary>
public static class YamlLimits
{
    /// <summary>The largest file read (bytes).</summary>
    public const long MaxFileBytes = 4L * 1024 * 1024;
    /// <summary>The deepest nesting of mappings and lists.</summary>
    public const int MaxDepth = 64;
    /// <summary>The most nodes all aliases together may add.</summary>
    public const long MaxAliasNodes = 10_000;
    /// <summary>The most scalar text (characters) the document may hold once aliases are expanded.</summary>
    public const long MaxExpandedChars = 1024 * 1024;

    /// <summary>Refuses a file larger than <see cref="MaxFileBytes"/>, naming its size.</summary>
    public static void CheckSize(long bytes, string file)
    {
        if (bytes > MaxFileBytes)
            throw new InputException($"{file}: {bytes} bytes ({bytes / (1024.0 * 1024):F1} MiB); a workbench YAML file may hold at most " +
                                     $"{MaxFileBytes / (1024 * 1024)} MiB. Give the right file, or split it into smaller ones.");
    }

    /// <summary>Refuses text past a limit, with the file, line and column where it is crossed. Syntax
    /// errors are left to the loader (they surface as <see cref="YamlException"/>).</summary>
    public static void Check(string text, string file)
    {
        CheckSize(text.Length, file);
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (long Nodes, long Chars)>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long Nodes, long Chars)>();
        var openAnchors = new HashSet<string>(StringComparer.Ordinal);
        long nodes = 0, chars = 0, aliasNodes = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case Scalar scalar:
                    nodes++;
                    chars += scalar.Value.Length;
                    if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = (1, scalar.Value.Length);
                    break;
                case NodeEvent { } start and (SequenceStart or MappingStart):
                    if (open.Count >= MaxDepth)
                        throw new InputException($"{file}:{start.Start.Line}:{start.Start.Column}: mappings and lists nest more than {MaxDepth} deep here; " +
                                                 "no workbench file needs that many levels. Flatten the structure (a config nests a few levels at most).");
                    string? anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
                    if (anchor is not null) openAnchors.Add(anchor);
                    open.Push((anchor, nodes, chars));
                    nodes++;
                    break;
                case SequenceEnd or MappingEnd:
                    var (name, nodesBefore, charsBefore) = open.Pop();
                    if (name is not null)
                    {
                        anchors[name] = (nodes - nodesBefore, chars - charsBefore);
                        openAnchors.Remove(name);
                    }
                    break;
                case AnchorAlias alias:
                    string target = alias.Value.Value;
                    string at = $"{file}:{alias.Start.Line}:{alias.Start.Column}";
                    if (openAnchors.Contains(target))
                        throw new InputException($"{at}: the alias *{target} refers to a node that contains it, which would repeat without end. Replace the alias with the values it should stand for.");
                    if (!anchors.TryGetValue(target, out var size)) break;      // an undefined alias: the loader names it
                    nodes += size.Nodes;
                    chars += size.Chars;
                    aliasNodes += size.Nodes;
                    if (aliasNodes > MaxAliasNodes)
                        throw new InputException($"{at}: aliases expand to more than {MaxAliasNodes} nodes by this *{target} (anchors that repeat anchors grow exponentially). " +
                                                 "Write the values out, or use fewer nested aliases.");
                    if (chars > MaxExpandedChars)
                        throw new InputException($"{at}: with aliases expanded the document holds more than {MaxExpandedChars / 1024} KiB of text by this *{target}. " +
                                                 "Write the values out, or use fewer nested aliases.");
                    break;
            }
        }
    }
}
