using System.Runtime.InteropServices;

namespace GanWorkbench.Bench.Gpu;

/// <summary>
/// Runs TorchSharp against a libtorch that did not come from NuGet — e.g. the one inside a Python
/// PyTorch install (<c>torch/lib</c>) on a GPU machine that cannot reach NuGet. With
/// <c>GWB_LIBTORCH_DIR</c> set, the bench loads that folder's libraries by full path with
/// <see cref="NativeLibrary.Load(string)"/> before TorchSharp initialises; when TorchSharp then loads
/// libLibTorchSharp.so, its needs (libtorch.so, libc10.so, libtorch_cpu.so) are met by the
/// libraries already in the process, matched by soname. TorchSharp's own error message names this
/// route for Python installs. It works only where that libtorch's C++ ABI matches the one
/// TorchSharp was built against (2.10 for 0.107): <c>bench/gpu/abi-check.sh</c> checks that
/// without loading anything.
/// </summary>
public static class ExternalLibTorch
{
    /// <summary>The environment variable naming the folder (inherited by worker processes).</summary>
    public const string Variable = "GWB_LIBTORCH_DIR";

    /// <summary>Libraries loaded, in dependency order; the CUDA ones only where present.</summary>
    static readonly string[] Order = ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];

    /// <summary>Loads the libtorch in <see cref="Variable"/>'s folder, if set; returns the files loaded.
    /// A folder without libtorch_cpu.so is bad input; a library that fails to load (missing symbols,
    /// missing CUDA runtime) throws with the loader's own message.</summary>
    public static IReadOnlyList<string> PreloadFromEnvironment()
    {
        string? dir = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(dir)) return [];
        if (!File.Exists(Path.Combine(dir, "libtorch_cpu.so")))
            throw new InputException($"{Variable}={dir}: no libtorch_cpu.so there. Point it at a libtorch lib folder, e.g. " +
                "$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')/lib");
        var loaded = new List<string>();
        foreach (var name in Order)
        {
            string path = Path.Combine(dir, name);
            if (!File.Exists(path)) continue;
            try
            {
                NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new InvalidOperationException($"{Variable}: loading {path} failed: {e.Message}", e);
            }
            loaded.Add(path);
        }
        return loaded;
    }

    /// <summary>The file a library with this file name was mapped from in this process (Linux), or null.</summary>
    public static string? MappedPath(string fileName)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        foreach (var line in File.ReadLines(maps))
        {
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && Path.GetFileName(line[slash..]) == fileName) return line[slash..];
        }
        return null;
    }
}
