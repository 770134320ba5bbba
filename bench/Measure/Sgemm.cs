using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Bench.Measure;

/// <summary>The rate of one matrix size: the GFLOP/s of each timed product.</summary>
/// <param name="N">Matrices are N×N float32.</param>
/// <param name="Gflops">One rate per timed product (2N³ flops divided by its wall time).</param>
public sealed record SgemmRate(int N, IReadOnlyList<double> Gflops);

/// <summary>
/// The hardware ceiling as the workbench sees it: float32 matrix products (SGEMM on the CPU, the
/// matmul kernel on a GPU) through TorchSharp, at the threads training uses. A product of two N×N
/// matrices is 2N³ floating-point operations. Training cannot beat this rate by much, so "x% of
/// the SGEMM rate" says how well a model's step uses the machine.
/// </summary>
public static class Sgemm
{
    /// <summary>Times <paramref name="repeats"/> products of N×N matrices after one untimed product.</summary>
    public static SgemmRate Measure(int n, int repeats, Device device)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n, device: device);
        var b = randn(n, n, device: device);
        mm(a, b).Dispose();
        Synchronize(device);
        var rates = new List<double>(repeats);
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            mm(a, b).Dispose();
            Synchronize(device);
            rates.Add(2.0 * n * n * n / clock.Elapsed.TotalSeconds / 1e9);
        }
        return new SgemmRate(n, rates);
    }

    /// <summary>Waits for queued GPU work; nothing to do on the CPU, where calls return when done.</summary>
    public static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
    }
}
