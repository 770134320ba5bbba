using System.Reflection;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// The .NET Interactive C# kernel (Microsoft.DotNet.Interactive 1.0.0-beta.26120.1, the libraries of the
/// dotnet-interactive 1.0.712001 tool that Jupyter and VS Code run), built as that tool builds it: a
/// <see cref="CompositeKernel"/> holding the C# kernel with <c>#r "nuget:"</c> (restored from the NuGet
/// sources of the notebook's folder), the kernel helpers (<c>display</c>, <c>HTML</c>, …), <c>#!who</c> and
/// value sharing. Its working directory is the process's when it is created.
/// </summary>
public static class NotebookKernel
{
    /// <summary>A new kernel. Submissions are compiled with debug information, so that a failing cell's
    /// stack trace carries line numbers (the only difference from the tool's kernel; nothing else changes).</summary>
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        EmitDebugInformation(csharp);
        var root = new CompositeKernel();
        root.Add(csharp, ["c#", "C#"]);
        root.DefaultKernelName = csharp.Name;
        return root;
    }

    static void EmitDebugInformation(CSharpKernel kernel)
    {
        var field = typeof(CSharpKernel).GetField("_scriptOptions", BindingFlags.NonPublic | BindingFlags.Instance);
        if (field?.GetValue(kernel) is ScriptOptions options) field.SetValue(kernel, options.WithEmitDebugInformation(true));
    }
}
