using System.Reflection;
using TorchSharp;

namespace GanWorkbench.Native;

/// <summary>
/// Loads TorchSharp's native backend once, CUDA first when its natives are present (loading the
/// CPU natives first makes a later CUDA initialisation fail), and turns a load failure into a
/// message that says what is wrong and how to fix it — instead of TorchSharp's misleading
/// "doesn't contain a reference to libtorch-cpu-linux-x64".
/// </summary>
public static class TorchLoader
{
    static readonly object Gate = new();
    static bool loaded;

    /// <summary>"cuda" when the CUDA natives were loaded, else "cpu".</summary>
    public static string Backend { get; private set; } = "cpu";

    /// <summary>TorchSharp's assembly version, e.g. 0.107.0.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "?";

    /// <summary>The libtorch version the natives report, e.g. 2.10.0.</summary>
    public static string LibTorchVersion { get { EnsureLoaded(); return torch.__version__; } }

    /// <summary>The folder TorchSharp loads its natives from first (next to TorchSharp.dll).</summary>
    public static string NativeFolder => Path.Combine(
        Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? AppContext.BaseDirectory, "runtimes",
        OperatingSystem.IsLinux() ? "linux-x64" : OperatingSystem.IsMacOS() ? "osx-arm64" : "win-x64", "native");

    /// <summary>
    /// The instruction-set cap given to oneDNN (libtorch's CPU convolution library) through
    /// <c>DNNL_MAX_CPU_ISA</c>: <c>GWB_ONEDNN_ISA</c> or an existing <c>DNNL_MAX_CPU_ISA</c> when set,
    /// else <see cref="OneDnnCheck.DefaultIsa"/> — <c>ALL</c> (no cap) where this machine's stored check
    /// found oneDNN's fast kernels right, <c>SSE41</c> where it did not or no check was run. Why a
    /// check is needed at all: <see cref="OneDnnCheck"/>; tests/Native/ConvolutionGradientTests checks
    /// that the cap in use gives right convolution gradients.
    /// </summary>
    public static string OneDnnIsa { get; private set; } = "";

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setenv", CharSet = System.Runtime.InteropServices.CharSet.Ansi,
        BestFitMapping = false, ThrowOnUnmappableChar = true)]
    static extern int SetNativeEnvironment(string name, string value, int overwrite);

    /// <summary>Sets the oneDNN ISA cap (<see cref="OneDnnIsa"/>) in the native process environment.
    /// It only takes effect before libtorch initialises, so the library calls it from a module
    /// initializer and <see cref="EnsureLoaded"/>; a host that touches torch before the library
    /// (a notebook, a test assembly) should call it first. Idempotent.</summary>
    public static void CapOneDnnIsa()
    {
        if (OneDnnIsa.Length > 0) return;
        // .NET's Environment.SetEnvironmentVariable does not reach the native environment on Unix.
        string requested = Environment.GetEnvironmentVariable("GWB_ONEDNN_ISA") is { Length: > 0 } isa ? isa
            : Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA") is { Length: > 0 } existing ? existing : OneDnnCheck.DefaultIsa();
        OneDnnIsa = requested;
        if (OperatingSystem.IsWindows()) Environment.SetEnvironmentVariable("DNNL_MAX_CPU_ISA", requested);
        else if (SetNativeEnvironment("DNNL_MAX_CPU_ISA", requested, 1) != 0)
            throw new InvalidOperationException($"could not set DNNL_MAX_CPU_ISA={requested} in the process environment");
    }

    /// <summary>Initialises TorchSharp (idempotent). Throws with a fix when the natives cannot load.</summary>
    public static void EnsureLoaded()
    {
        if (loaded) return;
        lock (Gate)
        {
            if (loaded) return;
            CapOneDnnIsa();
            bool cudaNatives = File.Exists(Path.Combine(NativeFolder, "libtorch_cuda.so"))
                || File.Exists(Path.Combine(NativeFolder, "torch_cuda.dll"));
            try
            {
                // Hosts without a deps.json entry for the natives (dotnet fsi, script kernels) cannot find
                // them by name; loading the bridge by path first lets TorchSharp's own probe succeed.
                string bridge = Path.Combine(NativeFolder, OperatingSystem.IsWindows() ? "LibTorchSharp.dll"
                    : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so");
                if (!cudaNatives && File.Exists(bridge)) System.Runtime.InteropServices.NativeLibrary.Load(bridge);
                if (cudaNatives && torch.TryInitializeDeviceType(DeviceType.CUDA)) Backend = "cuda";
                else torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(Diagnose(e), e);
            }
            loaded = true;
        }
    }

    /// <summary>Explains a native load failure, naming the fix.</summary>
    public static string Diagnose(Exception e)
    {
        string lib = Path.Combine(NativeFolder, "libLibTorchSharp.so");
        if (OperatingSystem.IsLinux() && File.Exists(lib))
        {
            var status = GlibcxxCompat.Inspect(lib);
            if (status.Action == CompatAction.Apply)
                return $"TorchSharp's native library {lib} needs {GlibcxxCompat.MissingVersion}, which this system's " +
                       $"libstdc++ ({status.LibStdCxxPath ?? "not found"}) lacks. The build normally fixes this copy; " +
                       "run `make setup` (or `./gwb doctor --fix` for the NuGet cache copy that notebook kernels load).";
        }
        return $"TorchSharp could not load its native libraries from {NativeFolder}: {e.GetBaseException().Message}. " +
               "Run `./gwb doctor` for a diagnosis.";
    }
}
