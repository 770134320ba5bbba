using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace GanWorkbench.Native;

/// <summary>Runs once when the library is first used, before any of its code touches torch or Skia.</summary>
internal static class LibraryInitializer
{
    /// <summary>Applies the oneDNN ISA cap (<see cref="TorchLoader.OneDnnIsa"/>), which must be in the
    /// environment before libtorch initialises, sets malloc's thresholds (<see cref="MallocTuning"/>)
    /// before libtorch allocates, and teaches SkiaSharp where its native library is when
    /// the host has no deps.json entry for it (dotnet fsi, script kernels).</summary>
#pragma warning disable CA2255 // a correctness workaround that must precede any torch call the host makes through the library
    [ModuleInitializer]
    internal static void Initialize()
    {
        TorchLoader.CapOneDnnIsa();
        MallocTuning.Apply();
        ResolveFromRuntimesFolder(typeof(SkiaSharp.SKImageInfo).Assembly, "libSkiaSharp");
        AcceptHostFSharpCore();
    }
#pragma warning restore CA2255

    /// <summary>
    /// Lets Plotly.NET run in hosts that already loaded an older FSharp.Core of the same major version.
    /// Plotly.NET 6.0.0 is compiled against FSharp.Core 10.1 (assembly version 10.1.0.0), but the .NET
    /// Interactive tool (dotnet-interactive 1.0.712001, the kernel Jupyter and VS Code run) ships FSharp.Core
    /// 10.0.0.0 for its F# kernel, and a process holds one
    /// FSharp.Core: every chart then failed with "Could not load file or assembly 'FSharp.Core,
    /// Version=10.1.0.0'". When that load fails, this hands back the FSharp.Core the host has, if its major
    /// version is the one asked for (same-major FSharp.Core releases only add API). Hosts that carry
    /// FSharp.Core 10.1 themselves (gwb and the kernel it hosts, dotnet fsi, file-based apps) never ask.
    /// </summary>
    static void AcceptHostFSharpCore()
    {
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name != "FSharp.Core" || name.Version is null) return null;
            return AppDomain.CurrentDomain.GetAssemblies()
                .FirstOrDefault(a => a.GetName() is { Name: "FSharp.Core", Version: { } v } && v.Major == name.Version.Major && v < name.Version);
        };
    }

    /// <summary>Resolves <paramref name="library"/> for <paramref name="assembly"/> from
    /// <c>runtimes/&lt;rid&gt;/native/</c> next to it when the default probing fails.</summary>
    static void ResolveFromRuntimesFolder(Assembly assembly, string library)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, (name, asm, path) =>
            {
                if (name != library) return IntPtr.Zero;
                if (NativeLibrary.TryLoad(name, asm, path, out var handle)) return handle;
                string rid = OperatingSystem.IsWindows() ? "win-x64" : OperatingSystem.IsMacOS() ? "osx" : "linux-x64";
                string file = OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? name + ".dylib" : name + ".so";
                string candidate = Path.Combine(Path.GetDirectoryName(asm.Location) ?? AppContext.BaseDirectory, "runtimes", rid, "native", file);
                return File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out handle) ? handle : IntPtr.Zero;
            });
        }
        catch (InvalidOperationException)
        {
            // The host already installed a resolver for SkiaSharp: it knows best.
        }
    }
}
