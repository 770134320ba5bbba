using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// Parameters the papermill way: the cell tagged <c>parameters</c> declares them with defaults
/// (<c>bool QUICK = false;</c>); <c>--param QUICK=true</c> adds a cell tagged
/// <c>injected-parameters</c> right after it that assigns the new values (<c>QUICK = true;</c>).
/// The injected cell stays in the output notebook as the record of what was overridden.
/// </summary>
public static class Parameters
{
    /// <summary>The tag of the parameters cell.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the cell the runner adds.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>The variables a parameters cell declares: name → declared type (as written, <c>var</c> resolved from the literal).</summary>
    public static IReadOnlyDictionary<string, string> Declared(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.CSharp12, kind: SourceCodeKind.Script));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            if (declaration.Parent is not (FieldDeclarationSyntax or LocalDeclarationStatementSyntax)) continue;
            foreach (var variable in declaration.Variables)
            {
                string type = declaration.Type.ToString();
                if (declaration.Type.IsVar) type = LiteralType(variable.Initializer?.Value) ?? "var";
                result[variable.Identifier.Text] = type;
            }
        }
        return result;
    }

    static string? LiteralType(ExpressionSyntax? value) => value switch
    {
        LiteralExpressionSyntax l when l.IsKind(SyntaxKind.TrueLiteralExpression) || l.IsKind(SyntaxKind.FalseLiteralExpression) => "bool",
        LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression) => "string",
        LiteralExpressionSyntax l when l.IsKind(SyntaxKind.NumericLiteralExpression) => l.Token.Value switch
        {
            int => "int", long => "long", float => "float", decimal => "decimal", _ => "double",
        },
        PrefixUnaryExpressionSyntax { OperatorToken.Text: "-" } p => LiteralType(p.Operand),
        _ => null,
    };

    /// <summary>The C# source of the injected cell; bad names or values are <see cref="InputException"/>s.</summary>
    public static string InjectedSource(string notebook, string parametersCode, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        var declared = Declared(parametersCode);
        var lines = new List<string> { "// Parameters injected by gwb nb run (--param)" };
        foreach (var (name, value) in values)
        {
            if (!declared.TryGetValue(name, out var type))
                throw new InputException($"{notebook}: --param {name}={value}: the parameters cell does not declare {name} " +
                    $"(it declares: {(declared.Count == 0 ? "nothing" : string.Join(", ", declared.Keys))}). Check the name (case matters).");
            lines.Add($"{name} = {Literal(notebook, name, type, value)};");
        }
        return string.Join("\n", lines);
    }

    /// <summary>A C# literal of <paramref name="type"/> for the text <paramref name="value"/>.</summary>
    public static string Literal(string notebook, string name, string type, string value)
    {
        var invariant = CultureInfo.InvariantCulture;
        string Bad(string expected) => throw new InputException($"{notebook}: --param {name}={value}: {name} is a {type}; give {expected}.");
        switch (type)
        {
            case "bool" or "Boolean" or "System.Boolean":
                return value.ToLowerInvariant() is "true" or "false" ? value.ToLowerInvariant() : Bad("true or false");
            case "int" or "long" or "short" or "byte" or "Int32" or "Int64":
                return long.TryParse(value, NumberStyles.Integer, invariant, out long l) ? l.ToString(invariant) : Bad("an integer");
            case "double" or "float" or "decimal" or "Double" or "Single":
                if (!double.TryParse(value, NumberStyles.Float, invariant, out double d)) return Bad("a number");
                string text = d.ToString("R", invariant);
                if (!text.Contains('.') && !text.Contains('E')) text += ".0";
                return text + (type is "float" or "Single" ? "f" : type == "decimal" ? "m" : "");
            case "string" or "String" or "System.String":
                return SymbolDisplay.FormatLiteral(value, quote: true);
            default:
                throw new InputException($"{notebook}: --param {name}: {name} is declared as {type}; --param supports bool, integer, floating-point and string parameters.");
        }
    }
}
