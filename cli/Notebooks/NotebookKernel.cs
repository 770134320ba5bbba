using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// The .NET Interactive C# kernel (Microsoft.DotNet.Interactive 1.0.0-beta.26120.1, the libraries of the
/// dotnet-interactive 1.0.712001 tool that Jupyter and VS Code run), built as that tool builds it: a
/// <see cref="CompositeKernel"/> holding the C# kernel with <c>#r "nuget:"</c> (restored from the NuGet
/// sources of the notebook's folder), the kernel helpers (<c>display</c>, <c>HTML</c>, …), <c>#!who</c>, value
/// sharing and the tool's <c>#!time</c>. Its working directory is the process's when it is created.
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
        AddTimeMagic(root);
        return root;
    }

    /// <summary><c>#!time</c> as the dotnet-interactive tool defines it (its own assembly, not the libraries):
    /// after the cell, a <c>text/plain</c> display <c>Wall time: …ms</c>.</summary>
    static void AddTimeMagic(Kernel kernel) =>
        kernel.AddDirective(new KernelActionDirective("#!time", "Time the execution of the current cell"), (_, context) =>
        {
            var clock = Stopwatch.StartNew();
            context.OnComplete(done => done.Publish(new DisplayedValueProduced(clock.Elapsed, done.Command,
                [new FormattedValue("text/plain", $"Wall time: {clock.Elapsed.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms")])));
            return Task.CompletedTask;
        });

    static void EmitDebugInformation(CSharpKernel kernel)
    {
        var field = typeof(CSharpKernel).GetField("_scriptOptions", BindingFlags.NonPublic | BindingFlags.Instance);
        if (field?.GetValue(kernel) is ScriptOptions options) field.SetValue(kernel, options.WithEmitDebugInformation(true));
    }
}
