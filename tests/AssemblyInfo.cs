using System.Runtime.CompilerServices;

// Torch's global RNG and thread pool are process-wide: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace GanWorkbench.Tests;

/// <summary>Before any test touches torch: the oneDNN ISA cap (see TorchLoader.OneDnnIsa).</summary>
internal static class TestAssemblyInitializer
{
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void Initialize() => GanWorkbench.Native.TorchLoader.CapOneDnnIsa();
#pragma warning restore CA2255
}
