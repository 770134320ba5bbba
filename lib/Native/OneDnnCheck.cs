using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace GanWorkbench.Native;

/// <summary>One convolution measured by <see cref="OneDnnCheck.Measure"/>: the worst error of its
/// float32 forward result, input gradient and weight gradient (oneDNN) against a float64 reference
/// (ATen's own kernels: oneDNN has no float64).</summary>
/// <param name="Case">What was computed, e.g. <c>conv2d 1→8 k4 s2</c>.</param>
/// <param name="OneThread">Largest |float32 − float64| relative to the reference's largest entry, 1 thread.</param>
/// <param name="TwoThreads">The same with 2 threads.</param>
/// <param name="AllThreads">The same with one thread per logical core (2 on a 2-core machine).</param>
public sealed record OneDnnCase(string Case, double OneThread, double TwoThreads, double AllThreads)
{
    /// <summary>Whether every thread count is within <see cref="OneDnnCheck.Tolerance"/>.</summary>
    [JsonIgnore]
    public bool Correct => OneThread <= OneDnnCheck.Tolerance && TwoThreads <= OneDnnCheck.Tolerance && AllThreads <= OneDnnCheck.Tolerance;
}

/// <summary>The stored outcome of <c>./gwb doctor --check-onednn</c> for one CPU and libtorch.</summary>
/// <param name="Key">What it is valid for (<see cref="OneDnnCheck.MachineKey"/>).</param>
/// <param name="Cpu">The CPU model name, for people reading the file.</param>
/// <param name="Isa">The cap the measuring process ran under (<c>ALL</c> for the doctor's check).</param>
/// <param name="Correct">Whether oneDNN's kernels under that cap passed every case.</param>
/// <param name="CheckedUtc">When it was measured.</param>
/// <param name="Cases">Every case with its errors.</param>
public sealed record OneDnnVerdict(string Key, string Cpu, string Isa, bool Correct, DateTime CheckedUtc, IReadOnlyList<OneDnnCase> Cases);

/// <summary>
/// Decides which instruction sets oneDNN (libtorch's CPU convolution library) may use on this machine.
/// <para>Why: on some of the project's machines (a virtualised AMD EPYC with AVX-512 whose CPUID reports
/// no cache sizes) oneDNN 3.7.1 inside libtorch 2.10 computes the input gradient of a convolution — and
/// so the forward of a transposed convolution — wrongly with two threads: garbage, sometimes NaN, for
/// many output-channel counts (1–15, 17, 20, 24, 33, 40, 100 measured wrong under AVX-512; 1, 2, 4 still
/// wrong under an AVX2 cap). Capped at SSE4.1 every case measured there was right, but SSE4.1 kernels are
/// 2–3× slower for a DCGAN than AVX-512 ones on machines where those are right (an Intel Sapphire Rapids
/// here: 266 vs 725 images/s).</para>
/// <para>So the cap is measured, not assumed: <see cref="Measure"/> runs those convolutions under no cap
/// and compares them, with one, two and all threads, against a float64 reference; the verdict is stored in
/// <c>DATA/onednn/KEY.json</c> for this CPU and TorchSharp version (<c>make setup</c> runs the check).
/// Processes then lift the cap only where a stored verdict says the fast kernels are right; with no
/// verdict (or a failed one) they keep SSE4.1. <c>GWB_ONEDNN_ISA</c> overrides both.</para>
/// </summary>
public static class OneDnnCheck
{
    /// <summary>The cap used where oneDNN's fast kernels are not known to be right.</summary>
    public const string SafeIsa = "SSE41";
    /// <summary>No cap: oneDNN picks the machine's best instruction set.</summary>
    public const string FastIsa = "ALL";
    /// <summary>Largest accepted error of a float32 convolution relative to its reference's largest entry.</summary>
    public const double Tolerance = 1e-4;

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>What a verdict is valid for: the CPU model, its feature flags, the OS architecture and
    /// TorchSharp's version (which fixes the libtorch and oneDNN versions), hashed. Reads no torch.</summary>
    public static string MachineKey()
    {
        string flags = "";
        const string info = "/proc/cpuinfo";
        if (File.Exists(info))
            flags = File.ReadLines(info).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
        string identity = string.Join("\n", Runtime.Compute.CpuModel(), flags,
            System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture, TorchLoader.TorchSharpVersion);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16].ToLowerInvariant();
    }

    /// <summary>Where this machine's verdict is stored.</summary>
    public static string VerdictPath(string? key = null) =>
        Path.Combine(WorkbenchPaths.Data, "onednn", (key ?? MachineKey()) + ".json");

    /// <summary>This machine's stored verdict, or null when there is none or it cannot be read
    /// (a damaged file counts as no verdict: the safe cap applies and the doctor says how to re-check).</summary>
    public static OneDnnVerdict? StoredVerdict()
    {
        string key = MachineKey(), path = VerdictPath(key);
        if (!File.Exists(path)) return null;
        try
        {
            var verdict = JsonSerializer.Deserialize<OneDnnVerdict>(File.ReadAllText(path), Json);
            return verdict is { Cases: not null } && verdict.Key == key ? verdict : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The cap for this process when neither <c>GWB_ONEDNN_ISA</c> nor <c>DNNL_MAX_CPU_ISA</c>
    /// is set: none where a stored verdict says the fast kernels are right, else <see cref="SafeIsa"/>.</summary>
    public static string DefaultIsa() => StoredVerdict() is { Correct: true, Isa: FastIsa } ? FastIsa : SafeIsa;

    /// <summary>Stores a verdict atomically (temporary file, then rename).</summary>
    public static string Store(OneDnnVerdict verdict)
    {
        string path = VerdictPath(verdict.Key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, Serialize(verdict));
        return path;
    }

    /// <summary>Parses a verdict written by <see cref="Serialize"/> (the probe process's output).</summary>
    public static OneDnnVerdict Parse(string json) =>
        JsonSerializer.Deserialize<OneDnnVerdict>(json, Json) ?? throw new JsonException("empty oneDNN verdict");

    /// <summary>The verdict as JSON.</summary>
    public static string Serialize(OneDnnVerdict verdict) => JsonSerializer.Serialize(verdict, Json);

    /// <summary>
    /// Runs the check in this process, under whatever cap it started with (the doctor starts a child
    /// with <c>GWB_ONEDNN_ISA=ALL</c>): convolutions with the channel counts whose input gradients went
    /// wrong, and the transposed convolutions of the DCGAN generator — forward, input gradient and weight
    /// gradient of each — in float32 with one, two and all threads against the float64 result. Restores
    /// the thread count.
    /// </summary>
    public static OneDnnVerdict Measure()
    {
        TorchLoader.EnsureLoaded();
        int saved = get_num_threads();
        var cases = new List<OneDnnCase>();
        try
        {
            foreach (var (input, output, kernel, stride) in new[] { (1, 8, 4, 2), (32, 1, 3, 1), (32, 2, 3, 1), (32, 4, 3, 1), (32, 17, 3, 1), (64, 40, 4, 2), (1, 100, 4, 2) })
                cases.Add(Case($"conv2d {input}→{output} k{kernel} s{stride}", input, output, kernel, stride, transposed: false));
            foreach (var (input, output) in new[] { (128, 64), (64, 1), (64, 32), (32, 1) })
                cases.Add(Case($"conv_transpose2d {input}→{output} k4 s2", input, output, 4, 2, transposed: true));
        }
        finally
        {
            set_num_threads(saved);
        }
        bool correct = cases.All(c => c.Correct);
        return new OneDnnVerdict(MachineKey(), Runtime.Compute.CpuModel(), TorchLoader.OneDnnIsa, correct, DateTime.UtcNow, cases);
    }

    static OneDnnCase Case(string name, int input, int output, int kernel, int stride, bool transposed)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(1234);
        int size = transposed ? 7 : 28;
        var x = randn([16, input, size, size], generator: generator);
        var weight = transposed ? randn([input, output, kernel, kernel], generator: generator) : randn([output, input, kernel, kernel], generator: generator);
        // The forward result, the input gradient and the weight gradient of Σ y², each in float64.
        Tensor[] Compute(ScalarType type)
        {
            // Fresh leaves: to() returns the tensor itself when it already has that type.
            var xs = x.to(type).detach().clone().requires_grad_(true);
            var ws = weight.to(type).detach().clone().requires_grad_(true);
            var y = transposed
                ? nn.functional.conv_transpose2d(xs, ws, strides: [stride, stride], padding: [1, 1])
                : nn.functional.conv2d(xs, ws, strides: [stride, stride], padding: [1, 1]);
            y.square().sum().backward();
            return [y.detach().to(ScalarType.Float64), xs.grad!.to(ScalarType.Float64), ws.grad!.to(ScalarType.Float64)];
        }
        set_num_threads(1);
        var reference = Compute(ScalarType.Float64);
        double Error(int threads)
        {
            set_num_threads(threads);
            var candidate = Compute(ScalarType.Float32);
            double worst = 0;
            for (int i = 0; i < reference.Length; i++)
            {
                double error = (candidate[i] - reference[i]).abs().max().item<double>() / reference[i].abs().max().item<double>();
                worst = double.IsFinite(error) ? Math.Max(worst, error) : double.PositiveInfinity;
            }
            return worst;
        }
        return new OneDnnCase(name, Error(1), Error(2), Error(Math.Max(2, Environment.ProcessorCount)));
    }
}
