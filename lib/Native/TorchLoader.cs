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

    /// <summary>Initialises TorchSharp (idempotent). Throws with a fix when the natives cannot load.</summary>
    public static void EnsureLoaded()
    {
        if (loaded) return;
        lock (Gate)
        {
            if (loaded) return;
            bool cudaNatives = File.Exists(Path.Combine(NativeFolder, "libtorch_cuda.so"))
                || File.Exists(Path.Combine(NativeFolder, "torch_cuda.dll"));
            try
            {
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
