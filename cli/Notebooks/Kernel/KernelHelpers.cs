using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;

namespace GanWorkbench.Cli.Notebooks.Kernel;

/// <summary>
/// The globals a notebook cell sees, as in the .NET Interactive C# kernel (where they live in
/// <c>Microsoft.DotNet.Interactive.Kernel</c> and are imported with <c>using static</c>):
/// <c>display(value, mimeTypes…)</c> and <c>HTML(text)</c>.
/// </summary>
public static class KernelHelpers
{
    /// <summary>Displays <paramref name="value"/> (formatted for <paramref name="mimeTypes"/>, else its preferred
    /// MIME types) and returns a handle whose <c>Update</c> replaces that display.</summary>
    public static DisplayedValue display(object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);

    /// <summary>Marks a string as HTML: displayed as <c>text/html</c> without encoding.</summary>
    public static IHtmlContent HTML(string content) => new HtmlString(content);
}

/// <summary>Display helpers as the kernel provides them (<c>value.Display()</c>, <c>"…".DisplayAs(mime)</c>).</summary>
public static class DisplayExtensions
{
    /// <summary>Displays the value; see <see cref="KernelHelpers.display"/>.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);

    /// <summary>Displays a string as content of <paramref name="mimeType"/> (e.g. <c>"# Title".DisplayAs("text/markdown")</c>);
    /// <paramref name="additionalMimeTypes"/> are formatted from the string.</summary>
    public static DisplayedValue DisplayAs(this string value, string mimeType, params string[] additionalMimeTypes) =>
        DisplayedValue.ShowAs(value, mimeType, additionalMimeTypes);
}

/// <summary>A display in a cell's outputs; <see cref="Update"/> replaces what it shows (also from a later cell).</summary>
public sealed class DisplayedValue
{
    readonly CellOutputs cell;
    readonly JsonObject output;
    readonly string[] mimeTypes;

    DisplayedValue(CellOutputs cell, JsonObject output, string[] mimeTypes)
    {
        this.cell = cell; this.output = output; this.mimeTypes = mimeTypes;
        DisplayId = Guid.NewGuid().ToString("N");
    }

    /// <summary>The display's id.</summary>
    public string DisplayId { get; }

    /// <summary>Shows <paramref name="updatedValue"/> in place of the current content (same MIME types as the original display).</summary>
    public void Update(object? updatedValue) => cell.Replace(output, CellOutputs.Format(updatedValue, mimeTypes));

    internal static DisplayedValue Show(object? value, string[] mimeTypes)
    {
        var cell = NotebookContext.CurrentOutputs();
        return new DisplayedValue(cell, cell.AddDisplay(CellOutputs.Format(value, mimeTypes)), mimeTypes);
    }

    internal static DisplayedValue ShowAs(string value, string mimeType, string[] additionalMimeTypes)
    {
        var cell = NotebookContext.CurrentOutputs();
        var data = new JsonObject { [mimeType] = CellOutputs.MimeValue(mimeType, value) };
        foreach (var more in additionalMimeTypes.Where(m => m != mimeType))
            data[more] = CellOutputs.MimeValue(more, Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(value, more));
        return new DisplayedValue(cell, cell.AddDisplay(data), [mimeType, .. additionalMimeTypes]);
    }
}
