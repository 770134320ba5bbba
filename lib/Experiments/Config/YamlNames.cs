using System.Reflection;
using System.Runtime.Serialization;

namespace GanWorkbench.Experiments;

/// <summary>
/// How closed choices are spelt in YAML: an enum member is written as its <c>[EnumMember(Value = …)]</c>
/// when it has one (<c>wgan-gp</c>), else as the snake_case of its name (<c>ZeroOne</c> → <c>zero_one</c>).
/// The binder, the config writer and the field reference all use this one spelling.
/// </summary>
public static class YamlNames
{
    /// <summary>The YAML spelling of an enum value.</summary>
    public static string Of(Enum value)
    {
        var member = value.GetType().GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static);
        return member?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? YamlBinder.Snake(value.ToString());
    }

    /// <summary>Every YAML spelling of an enum type, in declaration order.</summary>
    public static IReadOnlyList<string> Values(Type enumType) =>
        Enum.GetValues(enumType).Cast<Enum>().Select(Of).ToList();

    /// <summary>The enum value spelt <paramref name="text"/>, or null.</summary>
    public static object? Parse(Type enumType, string text) =>
        Enum.GetValues(enumType).Cast<Enum>().FirstOrDefault(v => Of(v) == text);
}
