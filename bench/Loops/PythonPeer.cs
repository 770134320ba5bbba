using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanWorkbench.Bench.Loops;

/// <summary>What the peer reported about itself at setup.</summary>
/// <param name="Python">Python version.</param>
/// <param name="Torch">PyTorch version.</param>
/// <param name="Threads">Intra-op threads PyTorch uses.</param>
/// <param name="Cuda">CUDA version PyTorch was built with, or null.</param>
/// <param name="Gpu">GPU name when one is visible, else null.</param>
/// <param name="LoadSeconds">Seconds to read MNIST and move it to the device.</param>
public sealed record PeerInfo(string Python, string Torch, int Threads, string? Cuda, string? Gpu, double LoadSeconds);

/// <summary>
/// The PyTorch peer (bench/pytorch/peer.py --serve) as an <see cref="ITrainingLoop"/>: a second
/// process that holds the same model, receives "run N steps" commands on stdin and answers with the
/// seconds it measured itself. While TorchSharp runs, the peer waits on its stdin (idle), so blocks
/// of the two can alternate within one benchmark run.
/// </summary>
public sealed class PythonPeer : ITrainingLoop
{
    readonly Process process;

    /// <inheritdoc/>
    public string Name => LoopNames.PyTorch;
    /// <summary>Versions and load time reported by the peer.</summary>
    public PeerInfo Info { get; }

    PythonPeer(Process process, PeerInfo info) { this.process = process; Info = info; }

    /// <summary>The peer script next to the bench's sources.</summary>
    public static string Script => Path.Combine(WorkbenchPaths.Root, "bench", "pytorch", "peer.py");

    /// <summary>Starts the peer for one model and batch size. Throws <see cref="InvalidOperationException"/>
    /// with the peer's own message when python, torch or the setup fails.</summary>
    public static PythonPeer Start(string python, string model, int batch, string device, int threads, long seed, string mnistFolder)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("--serve");
        start.Environment["PYTHONUNBUFFERED"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"could not start '{python}': {e.Message}", e);
        }
        var setup = Exchange(process, new JsonObject
        {
            ["cmd"] = "setup", ["model"] = model, ["batch"] = batch, ["device"] = device,
            ["threads"] = threads, ["seed"] = seed, ["data"] = mnistFolder,
        });
        var info = new PeerInfo(setup["python"]!.GetValue<string>(), setup["torch"]!.GetValue<string>(),
            setup["threads"]!.GetValue<int>(), setup["cuda"]?.GetValue<string>(), setup["gpu"]?.GetValue<string>(),
            setup["load_seconds"]!.GetValue<double>());
        return new PythonPeer(process, info);
    }

    /// <inheritdoc/>
    public double Run(int steps) =>
        Exchange(process, new JsonObject { ["cmd"] = "run", ["steps"] = steps })["seconds"]!.GetValue<double>();

    /// <summary>The peer's current and peak resident memory in MiB.</summary>
    public (double Resident, double Peak) Memory()
    {
        var reply = Exchange(process, new JsonObject { ["cmd"] = "memory" });
        return (reply["rss_mb"]!.GetValue<double>(), reply["peak_rss_mb"]!.GetValue<double>());
    }

    static JsonObject Exchange(Process process, JsonObject request)
    {
        process.StandardInput.WriteLine(request.ToJsonString());
        process.StandardInput.Flush();
        string? line = process.StandardOutput.ReadLine();
        if (line is null)
            throw new InvalidOperationException($"the PyTorch peer exited (code {(process.WaitForExit(5000) ? process.ExitCode : -1)}) " +
                $"while answering '{request["cmd"]}'; its error is printed above.");
        var reply = JsonNode.Parse(line)?.AsObject() ?? throw new InvalidOperationException($"the PyTorch peer answered '{line}'");
        if (reply["error"] is { } error) throw new InvalidOperationException($"the PyTorch peer failed: {error.GetValue<string>()}");
        return reply;
    }

    /// <summary>Asks the peer to quit; kills it if it does not within five seconds.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.WriteLine(JsonSerializer.Serialize(new { cmd = "quit" }));
                process.StandardInput.Flush();
                if (!process.WaitForExit(5000)) process.Kill();
            }
        }
        catch (IOException) { }
        process.Dispose();
    }
}
