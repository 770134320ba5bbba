using System.Runtime.InteropServices;
using GanWorkbench.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Runtime;

/// <summary>
/// The one place that decides where tensors live and how randomness is seeded.
/// Device: <c>auto</c> means CUDA when available, else CPU; a config value or the
/// <c>GWB_DEVICE</c> environment variable overrides it (env wins, so CI can force <c>cpu</c>).
/// Threads: <c>GWB_THREADS</c> or the config, else all cores. One seed drives torch's global
/// generator, the data-order generator and .NET's <see cref="Random"/>.
/// </summary>
public sealed class Compute
{
    /// <summary>The torch device tensors are created on.</summary>
    public Device Device { get; }
    /// <summary>Intra-op threads torch uses on the CPU.</summary>
    public int Threads { get; }
    /// <summary>The seed everything was seeded with.</summary>
    public long Seed { get; }

    Compute(Device device, int threads, long seed) { Device = device; Threads = threads; Seed = seed; }

    /// <summary>Resolves the device and threads, seeds every generator, and returns the result.</summary>
    /// <param name="device">The requested device (<c>GWB_DEVICE</c> overrides it).</param>
    /// <param name="threads">0 = decide (env, else all cores).</param>
    /// <param name="seed">The run's seed.</param>
    public static Compute Create(DeviceChoice device = default, int threads = 0, long seed = 0)
    {
        TorchLoader.EnsureLoaded();
        var dev = ResolveDevice(Requested(device));
        int n = threads > 0 ? threads
            : int.TryParse(Environment.GetEnvironmentVariable("GWB_THREADS"), out var t) && t > 0 ? t
            : Environment.ProcessorCount;
        if (torch.get_num_threads() != n) torch.set_num_threads(n);
        SeedTorch(seed);
        return new Compute(dev, n, seed);
    }

    /// <summary>The same, for a device written as text (<c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>).</summary>
    public static Compute Create(string device, int threads = 0, long seed = 0) => Create(Parse(device), threads, seed);

    /// <summary>The torch device of a device written as text.</summary>
    public static Device ResolveDevice(string name) => ResolveDevice(Parse(name));

    static DeviceChoice Parse(string name) =>
        DeviceChoice.TryParse(name, null, out var choice) ? choice : throw new InputException($"device '{name}' is not a device: use {DeviceChoice.Forms}.");

    /// <summary>The device a run gets: <c>GWB_DEVICE</c> when set (it must parse), else <paramref name="configured"/>.</summary>
    public static DeviceChoice Requested(DeviceChoice configured)
    {
        if (Environment.GetEnvironmentVariable("GWB_DEVICE") is not { Length: > 0 } env) return configured;
        return DeviceChoice.TryParse(env, null, out var choice) ? choice
            : throw new InputException($"GWB_DEVICE='{env}' is not a device: use {DeviceChoice.Forms}, or unset it.");
    }

    /// <summary>The torch device of a choice; <c>auto</c> picks CUDA when torch sees a GPU.</summary>
    public static Device ResolveDevice(DeviceChoice choice)
    {
        switch (choice.Kind)
        {
            case DeviceKind.Auto:
                return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
            case DeviceKind.Cpu:
                return torch.CPU;
            default:
                if (!torch.cuda.is_available())
                    throw new InputException($"device '{choice}' was asked for, but torch sees no CUDA device " +
                        $"(backend: {TorchLoader.Backend}). Use device: auto or cpu, or build with `make TORCH=cuda` on a machine with a GPU.");
                return new Device(choice.ToString());
        }
    }

    /// <summary>Seeds torch (CPU and CUDA) from <paramref name="seed"/>.</summary>
    public static void SeedTorch(long seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }

    /// <summary>A .NET random generator derived from the run's seed (for host-side choices).</summary>
    public Random NewRandom(int stream = 0) => new(HashCode.Combine(Seed, stream) & int.MaxValue);

    /// <summary>A torch CPU generator for one purpose (e.g. data order), derived from the seed.</summary>
    public Generator NewGenerator(long stream) => new Generator((ulong)(Seed * 1_000_003 + stream));

    /// <summary>A one-line description, e.g. "cpu (AMD EPYC …, 2 threads)".</summary>
    public string Describe() => Device.type == DeviceType.CUDA
        ? $"{Device} ({Threads} CPU threads)"
        : $"cpu ({CpuModel()}, {Threads} threads)";

    /// <summary>The CPU model name from /proc/cpuinfo, or the architecture.</summary>
    public static string CpuModel()
    {
        const string info = "/proc/cpuinfo";
        if (File.Exists(info))
            foreach (var line in File.ReadLines(info))
                if (line.StartsWith("model name", StringComparison.Ordinal))
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
