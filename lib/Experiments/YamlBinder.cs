using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>
/// Binds a YAML mapping onto a record with init-only properties: snake_case keys ↔ PascalCase
/// properties, unset fields keep the record's defaults. Unknown keys and wrong types are errors with
/// the node's origin and the field's path. The origin of every bound field is recorded, so value
/// checks done later can point to the right line.
/// </summary>
public sealed class YamlBinder
{
    /// <summary>Where each bound field came from, by dotted path (e.g. <c>data.batch_size</c>).</summary>
    public Dictionary<string, string> Origins { get; } = new();

    /// <summary>Binds <paramref name="node"/> onto a new <typeparamref name="T"/>.</summary>
    public T Bind<T>(YamlMappingNode node, string path = "") where T : new() => (T)BindObject(typeof(T), node, path);

    /// <summary>snake_case of a property name.</summary>
    public static string Snake(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    /// <summary>The YAML field names of a record type.</summary>
    public static IReadOnlyList<string> FieldNames(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => Snake(p.Name)).ToList();

    object BindObject(Type type, YamlMappingNode node, string path)
    {
        object target = Activator.CreateInstance(type)!;
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .ToDictionary(p => Snake(p.Name));
        foreach (var (keyNode, valueNode) in node.Children)
        {
            string key = YamlTree.Key(keyNode);
            string field = path.Length == 0 ? key : $"{path}.{key}";
            if (!props.TryGetValue(key, out var prop))
                throw new InputException($"{YamlTree.Origin(keyNode)}: unknown field '{field}'{YamlTree.DidYouMean(key, props.Keys)}. " +
                                         $"Known fields{(path.Length == 0 ? "" : $" of '{path}'")}: {string.Join(", ", props.Keys)}.");
            Origins[field] = YamlTree.Origin(valueNode);
            prop.SetValue(target, Convert(prop.PropertyType, valueNode, field));
        }
        return target;
    }

    object? Convert(Type type, YamlNode node, string field)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            if (node is YamlScalarNode { Value: null or "~" or "null" } && node is YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.SingleQuoted and not YamlDotNet.Core.ScalarStyle.DoubleQuoted })
                return null;
            type = underlying;
        }
        if (type == typeof(string) || type.IsPrimitive || type == typeof(decimal))
        {
            if (node is not YamlScalarNode scalar)
                throw new InputException($"{YamlTree.Origin(node)}: field '{field}' expects {Describe(type)}, got a {(node is YamlMappingNode ? "mapping" : "list")}.");
            return Scalar(type, scalar, field);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = type.GetGenericArguments()[0];
            if (node is not YamlSequenceNode seq)
                throw new InputException($"{YamlTree.Origin(node)}: field '{field}' expects a list, got {(node is YamlMappingNode ? "a mapping" : $"'{node}'")}.");
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            int i = 0;
            foreach (var item in seq.Children) list.Add(Convert(element, item, $"{field}[{i++}]"));
            return list;
        }
        if (node is not YamlMappingNode map)
            throw new InputException($"{YamlTree.Origin(node)}: field '{field}' expects a mapping with fields {string.Join(", ", FieldNames(type))}, got '{node}'.");
        return BindObject(type, map, field);
    }

    static object Scalar(Type type, YamlScalarNode scalar, string field)
    {
        string text = scalar.Value ?? "";
        string origin = YamlTree.Origin(scalar);
        if (type == typeof(string)) return text;
        if (type == typeof(bool))
            return text switch
            {
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                _ => throw new InputException($"{origin}: field '{field}' expects true or false, got '{text}'."),
            };
        if (type == typeof(int) || type == typeof(long))
        {
            if (!long.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) >= long.MaxValue)
                    throw new InputException($"{origin}: field '{field}' = {text} is too large for an integer.");
                throw new InputException($"{origin}: field '{field}' expects an integer, got '{text}'.");
            }
            if (type == typeof(int) && v is > int.MaxValue or < int.MinValue)
                throw new InputException($"{origin}: field '{field}' = {text} is too large (at most {int.MaxValue}).");
            return type == typeof(int) ? (object)(int)v : v;
        }
        if (type == typeof(double))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                throw new InputException($"{origin}: field '{field}' expects a number, got '{text}'.");
            if (!double.IsFinite(d))
                throw new InputException($"{origin}: field '{field}' = {text} is not a finite number.");
            return d;
        }
        throw new InvalidOperationException($"unsupported field type {type} for '{field}'");
    }

    static string Describe(Type t) =>
        t == typeof(string) ? "a string" : t == typeof(bool) ? "true or false"
        : t == typeof(int) || t == typeof(long) ? "an integer" : "a number";
}
