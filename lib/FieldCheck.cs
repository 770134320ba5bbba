namespace GanWorkbench;

/// <summary>
/// Value checks of configuration fields that fail with the field's origin: every message starts with
/// where the value came from (<c>file:line:column</c>, or <c>--set key=value</c>), so a model family or a
/// validator states a rule once and the user is sent to the exact line. Fields are dotted paths
/// (<c>model.latent_dim</c>); <see cref="Given"/> tells whether the experiment set one explicitly.
/// </summary>
public sealed class FieldCheck(Func<string, string> origin, Func<string, bool> given)
{
    /// <summary>Where a field's value came from.</summary>
    public string At(string field) => origin(field);

    /// <summary>Whether the configuration set the field itself (rather than a default).</summary>
    public bool Given(string field) => given(field);

    /// <summary>Throws an <see cref="InputException"/> located at <paramref name="field"/>.</summary>
    public void Fail(string field, string message) => throw new InputException($"{At(field)}: {message}");

    /// <summary>The value must be above zero.</summary>
    public void Positive(string field, double value)
    {
        if (!(value > 0)) Fail(field, $"{field} must be positive, got {value}.");
    }

    /// <summary>The value must be at least zero; <paramref name="zeroMeans"/> says what 0 does (e.g. "0 = off").</summary>
    public void NonNegative(string field, double value, string? zeroMeans = null)
    {
        if (!(value >= 0)) Fail(field, $"{field} must be ≥ 0{(zeroMeans is null ? "" : $" ({zeroMeans})")}, got {value}.");
    }

    /// <summary>The value must be at least <paramref name="minimum"/>.</summary>
    public void AtLeast(string field, double value, double minimum)
    {
        if (!(value >= minimum)) Fail(field, $"{field} must be at least {minimum}, got {value}.");
    }

    /// <summary>The value must lie in [0, 1).</summary>
    public void Fraction(string field, double value)
    {
        if (value is < 0 or >= 1) Fail(field, $"{field} must be in [0, 1), got {value}.");
    }

    /// <summary>The value must be one of <paramref name="allowed"/> (names of a registry, e.g. datasets).</summary>
    public void OneOf(string field, string value, IReadOnlyCollection<string> allowed)
    {
        if (!allowed.Contains(value))
            Fail(field, $"{field}: unknown value '{value}'{Spelling.DidYouMean(value, allowed)}; expected one of {string.Join(", ", allowed)}.");
    }
}
