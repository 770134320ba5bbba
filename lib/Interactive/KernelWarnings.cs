using System.Reflection;

namespace GanWorkbench.Interactive;

/// <summary>
/// Turns compiler warnings off in the .NET Interactive C# kernel that runs the calling cell, so that later cells
/// show none: the kernel's Jupyter front end prints every warning as stderr, and in a notebook they are noise
/// students cannot act on — CS1701/CS1702 (the kernel's FSharp.Core or Html.Abstractions is older than the one
/// Plotly.NET or the kernel's own libraries were built against) and CS8632 (<c>?</c> on reference types, which
/// the kernel compiles without a nullable context). Outside a kernel (gwb's commands, tests, F# scripts) it does
/// nothing. The kernel keeps its options in a private field, read by reflection; where that is not found
/// (another kernel version), warnings stay as they are.
/// </summary>
public static class KernelWarnings
{
    /// <summary>Sets the running C# kernel's warning level to 0; true when it did.</summary>
    public static bool Silence()
    {
        var contextType = Type.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext, Microsoft.DotNet.Interactive");
        object? context = contextType?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        object? kernel = context?.GetType().GetProperty("HandlingKernel")?.GetValue(context);
        var field = kernel?.GetType().GetField("_scriptOptions", BindingFlags.NonPublic | BindingFlags.Instance);
        object? options = field?.GetValue(kernel);
        var withWarningLevel = options?.GetType().GetMethod("WithWarningLevel", [typeof(int)]);
        if (withWarningLevel is null) return false;
        field!.SetValue(kernel, withWarningLevel.Invoke(options, [0]));
        return true;
    }
}
