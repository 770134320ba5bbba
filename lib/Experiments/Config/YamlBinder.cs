using System.Globalization;
using System.Reflection;
using System.Text;
using GanWorkbench.Models;
using YamlDotNet.RepresentationModel;

namespace GanWorkbench.Experiments;

/// <summary>
/// Binds a YAML mapping onto a record with init-only properties: snake_case keys ↔ PascalCase
/// properties, unset fields keep the record's defaults. Enums are bound from their YAML spelling
/// (<see cref="YamlNames"/>), <see cref="IParsable{TSelf}"/> types from their text, mappings onto
/// <c>IReadOnlyDictionary&lt;string, T&gt;</c>, and an abstract section such as <see cref="ModelOptions"/>
/// onto the record its <c>name</c> key chooses. Unknown keys and wrong types are errors with the node's
/// origin and the field's path. The origin of every bound field is recorded, so value checks done
/// later can point to the right line.
/// </summary>
public sealed class YamlBinder
{
    /// <summary>A section whose record type is chosen by the value of one key, among the records
    /// <see cref="All"/> lists (one default instance each); <see cref="Noun"/> names them in messages.</summary>
    sealed record Discriminated(string Key, string Noun, Func<IReadOnlyList<IChosenRecord>> All)
    {
        public IReadOnlyList<string> Names() => All().Select(c => c.ChoiceName).ToList();
        public Type? TypeOf(string name) => All().FirstOrDefault(c => c.ChoiceName == name)?.GetType();
    }

    static readonly Dictionary<Type, Discriminated> Polymorphic = new()
    {
        [typeof(ModelOptions)] = new("name", "model", () => ModelFamilies.All.Select(f => (IChosenRecord)f.DefaultOptions()).ToList()),
        [typeof(ProtocolSpec)] = new("kind", "protocol", () => ReproductionProtocols.All),
    };

    /// <summary>Where each bound field came from, by dotted path (e.g. <c>data.batch_size</c>).</summary>
    public Dictionary<string, string> Origins { get; } = new();

    /// <summary>Binds <paramref name="node"/> onto a new <typeparamref name="T"/>.</summary>
    public T Bind<T>(YamlMappingNode node, string path = "") where T : new() => (T)BindObject(typeof(T), node, path, null);

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

    /// <summary>The bindable properties of a record type, base record's first.</summary>
    public static IReadOnlyList<PropertyInfo> Properties(Type t)
    {
        var chain = new List<Type>();
        for (var c = t; c is not null && c != typeof(object); c = c.BaseType) chain.Insert(0, c);
        return chain.SelectMany(c => c.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.CanWrite).ToList();
    }

    /// <summary>Whether a section's record is chosen by a key (and that key's name).</summary>
    public static string? DiscriminatorKey(Type t) =>
        Polymorphic.FirstOrDefault(kv => kv.Key.IsAssignableFrom(t)).Value?.Key;

    /// <summary>The YAML field names of a record type (a chosen section's key first).</summary>
    public static IReadOnlyList<string> FieldNames(Type t) =>
        (DiscriminatorKey(t) is { } key ? [key] : Array.Empty<string>()).Concat(Properties(t).Select(p => Snake(p.Name))).ToList();

    object BindObject(Type type, YamlMappingNode node, string path, object? current)
    {
        if (Polymorphic.TryGetValue(type, out var choice)) type = Choose(type, choice, node, path, current);
        object target = Activator.CreateInstance(type)!;
        var props = Properties(type).ToDictionary(p => Snake(p.Name));
        string? key0 = DiscriminatorKey(type);
        foreach (var (keyNode, valueNode) in node.Children)
        {
            string key = YamlTree.Key(keyNode);
            string field = path.Length == 0 ? key : $"{path}.{key}";
            if (key == key0)
            {
                Origins[field] = YamlTree.Origin(valueNode);
                continue;
            }
            if (!props.TryGetValue(key, out var prop))
                throw new InputException($"{YamlTree.Origin(keyNode)}: unknown field '{field}'{Spelling.DidYouMean(key, props.Keys)}. " +
                                         $"Known fields{(path.Length == 0 ? "" : $" of '{path}'")}{ChosenBy(type, key0)}: {string.Join(", ", FieldNames(type))}.{Elsewhere(type, key)}");
            Origins[field] = YamlTree.Origin(valueNode);
            prop.SetValue(target, Convert(prop.PropertyType, valueNode, field, prop.GetValue(target)));
        }
        return target;
    }

    // The record a discriminated section binds to: the one its key names, else the default value's.
    static Type Choose(Type baseType, Discriminated choice, YamlMappingNode node, string path, object? current)
    {
        if (YamlTree.Child(node, choice.Key) is not { } nameNode)
            return current?.GetType() ?? throw new InputException($"{YamlTree.Origin(node)}: '{path}' needs '{choice.Key}:'.");
        string field = path.Length == 0 ? choice.Key : $"{path}.{choice.Key}";
        string name = nameNode is YamlScalarNode { Value: { } v } ? v
            : throw new InputException($"{YamlTree.Origin(nameNode)}: field '{field}' expects a name, got {YamlTree.Describe(nameNode)}.");
        var names = choice.Names();
        return choice.TypeOf(name) is { } t && baseType.IsAssignableFrom(t) ? t
            : throw new InputException($"{YamlTree.Origin(nameNode)}: {field}: unknown value '{name}'{Spelling.DidYouMean(name, names)}; expected one of {string.Join(", ", names)}.");
    }

    static string ChosenBy(Type type, string? key) =>
        key is null ? "" : $" for {key} '{((IChosenRecord)Activator.CreateInstance(type)!).ChoiceName}'";

    // For a field that other choices have (another model family's option): which ones do.
    static string Elsewhere(Type type, string key)
    {
        if (Polymorphic.FirstOrDefault(kv => kv.Key.IsAssignableFrom(type)).Value is not { } choice) return "";
        var owners = choice.All().Where(c => FieldNames(c.GetType()).Contains(key)).Select(c => c.ChoiceName).ToList();
        return owners.Count == 0 ? "" : $" '{key}' is a field of {choice.Noun} {string.Join(", ", owners)}.";
    }

    object? Convert(Type type, YamlNode node, string field, object? current = null)
    {
        if (type == typeof(YamlNode)) return node;
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            if (node is YamlScalarNode { Value: null or "~" or "null" } && node is YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.SingleQuoted and not YamlDotNet.Core.ScalarStyle.DoubleQuoted })
                return null;
            type = underlying;
        }
        if (type.IsEnum)
        {
            var values = YamlNames.Values(type);
            if (node is not YamlScalarNode { Value: { } text })
                throw new InputException($"{YamlTree.Origin(node)}: field '{field}' expects one of {string.Join(", ", values)}, got {YamlTree.Describe(node)}.");
            return YamlNames.Parse(type, text)
                ?? throw new InputException($"{YamlTree.Origin(node)}: {field}: unknown value '{text}'{Spelling.DidYouMean(text, values)}; expected one of {string.Join(", ", values)}.");
        }
        if (IsParsable(type))
        {
            if (node is not YamlScalarNode { Value: { } text })
                throw new InputException($"{YamlTree.Origin(node)}: field '{field}' expects a value, got {YamlTree.Describe(node)}.");
            try
            {
                return type.GetMethod("Parse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider)])!
                    .Invoke(null, [text, CultureInfo.InvariantCulture]);
            }
            catch (TargetInvocationException e) when (e.InnerException is FormatException f)
            {
                throw new InputException($"{YamlTree.Origin(node)}: field '{field}': {f.Message}", f);
            }
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
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
        {
            var element = type.GetGenericArguments()[1];
            if (node is not YamlMappingNode entries)
                throw new InputException($"{YamlTree.Origin(node)}: field '{field}' expects a mapping, got {YamlTree.Describe(node)}.");
            var map = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), element))!;
            foreach (var (k, v) in entries.Children)
            {
                string entry = $"{field}.{YamlTree.Key(k)}";
                Origins[entry] = YamlTree.Origin(k);                            // an entry's key is its field
                map[YamlTree.Key(k)] = Convert(element, v, entry);
            }
            return map;
        }
        if (node is not YamlMappingNode section)
            throw new InputException($"{YamlTree.Origin(node)}: field '{field}' expects a mapping with fields {string.Join(", ", FieldNames(current?.GetType() ?? type))}, got '{node}'.");
        return BindObject(type, section, field, current);
    }

    static bool IsParsable(Type t) =>
        t != typeof(string) && !t.IsPrimitive && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>) && i.GetGenericArguments()[0] == t);

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
                    throw new InputException($"{origin}: field '{field}' = {text} is too large for an integer; use a value of at most {long.MaxValue}.");
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
                throw new InputException($"{origin}: field '{field}' = {text} is not a finite number; write an ordinary number such as 0.0002 or 2.0e-4.");
            return d;
        }
        throw new InvalidOperationException($"unsupported field type {type} for '{field}'");
    }

    static string Describe(Type t) =>
        t == typeof(string) ? "a string" : t == typeof(bool) ? "true or false"
        : t == typeof(int) || t == typeof(long) ? "an integer" : "a number";
}
