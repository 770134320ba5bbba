using System.Diagnostics;
using System.Runtime.InteropServices;
using GanWorkbench.Bench.Gpu;
using GanWorkbench.Bench.Loops;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Bench.Report;
using GanWorkbench.Native;
using GanWorkbench.Runtime;
using TorchSharp;

namespace GanWorkbench.Bench.Runner;

/// <summary>
/// A whole benchmark run: the SGEMM ceiling and MNIST loading in this process, then one fresh
/// worker process per model × batch size (epoch/memory run, then the alternating speed rounds with
/// the PyTorch peer), then the notebook series; writes the JSON and, if asked, the markdown tables.
/// </summary>
public static class BenchRunner
{
    /// <summary>Runs the benchmark and returns the result (also written to <see cref="BenchOptions.Output"/>).</summary>
    public static (BenchResult Result, string Path) Run(BenchOptions options, SelfLauncher gwb, Action<string> log)
    {
        options = options.ApplyQuick();
        var models = options.Models.Select(BenchModels.Get).ToList();
        foreach (int batch in options.Batches)
            if (batch is < 1 or > 60_000) throw new InputException($"--batches: {batch} is not a batch size for MNIST (1 to 60000).");
        var started = DateTime.UtcNow;
        var loadBefore = LoadAverages();
        var compute = Compute.Create(options.Device, options.Threads, options.Seed);
        string device = compute.Device.type == DeviceType.CUDA ? $"cuda:{Math.Max(0, compute.Device.index)}" : "cpu";
        string stamp = started.ToString("yyyyMMdd'T'HHmmss'Z'");
        string scratch = Path.Combine(WorkbenchPaths.Root, "bench", "scratch", stamp);
        Directory.CreateDirectory(scratch);
        log($"gwb bench{(options.Quick ? " --quick" : "")}: {compute.Describe()}, TorchSharp {TorchLoader.TorchSharpVersion} / libtorch {TorchLoader.LibTorchVersion}, " +
            $"load {string.Join(" ", loadBefore.Select(l => l.ToString("F2")))}");

        // The peer is checked once here, so a missing torch is one clear message, not one per model.
        bool wantPeer = options.Parts.Contains(BenchParts.PyTorch);
        ((string Python, string Torch, string? Gpu)? Versions, string? Problem) peer = wantPeer ? CheckPython(options.Python) : (null, null);
        var (peerVersions, peerProblem) = peer;
        if (peerProblem is not null) log($"PyTorch peer: {peerProblem}");

        CeilingResult? ceiling = null;
        if (options.Parts.Contains(BenchParts.Ceiling))
        {
            int[] sizes = options.Quick ? [128, 256] : device == "cpu" ? [512, 1024, 2048, 4096] : [1024, 2048, 4096, 8192];
            var rates = sizes.Select(n => new SgemmSize(n, Summary.Of(Sgemm.Measure(n, options.Quick ? 2 : 7, compute.Device).Gflops))).ToList();
            ceiling = new CeilingResult(rates, rates.Max(r => r.Gflops.Median));
            log("SGEMM: " + string.Join(", ", rates.Select(r => $"{r.N}³ {r.Gflops.Median:F0} GFLOP/s")) + $" → ceiling {ceiling.Gflops:F0} GFLOP/s");
        }

        DataLoadingResult? data = null;
        if (options.Parts.Contains(BenchParts.Data))
        {
            data = DataLoadingBench.Measure("train", compute.Device, options.Batches, options.Quick ? 1 : 5, options.DataRoot);
            log($"MNIST train: read + verify {data.ReadVerifySeconds.Median:F2} s, to {device} {data.ToDeviceSeconds.Median:F2} s, " +
                string.Join(", ", data.GatherMicrosecondsPerBatch.Select(kv => $"batch {kv.Key} gather {kv.Value:F0} µs")));
        }

        var results = new List<ModelResult>();
        bool speed = options.Parts.Contains(BenchParts.Speed) || wantPeer, epoch = options.Parts.Contains(BenchParts.Epoch);
        if (speed || epoch)
            foreach (var model in models)
                foreach (int batch in options.Batches)
                {
                    var result = RunWorker(gwb, options, model, batch, device, compute.Threads, scratch,
                        speed, epoch, wantPeer && peerProblem is null ? options.Python : null);
                    if (peerProblem is not null && result.Speed is not null)
                        result = result with { Missing = new Dictionary<string, string>(result.Missing) { [LoopNames.PyTorch] = peerProblem } };
                    results.Add(result);
                    log(BenchSummary.Line(result));
                }

        NotebookResult? notebooks = options.Parts.Contains(BenchParts.Notebooks)
            ? NotebookBench.Measure(gwb, WorkbenchPaths.Root, scratch, options.Quick ? ["quick"] : options.NotebookBudgets, log) : null;

        var bench = new BenchResult
        {
            StartedUtc = started, FinishedUtc = DateTime.UtcNow, Quick = options.Quick, Command = options.Command,
            Machine = new MachineInfo(Compute.CpuModel(), Environment.ProcessorCount, Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0, 1),
                RuntimeInformation.OSDescription),
            Versions = new VersionInfo(RuntimeInformation.FrameworkDescription, TorchLoader.TorchSharpVersion, TorchLoader.LibTorchVersion,
                ExternalLibTorch.MappedPath("libtorch_cpu.so"), GitCommit(), peerVersions?.Python, peerVersions?.Torch, device == "cpu" ? null : peerVersions?.Gpu),
            Device = device, Threads = compute.Threads, LoadBefore = loadBefore, LoadAfter = LoadAverages(),
            Ceiling = ceiling, DataLoading = data, Models = results, Notebooks = notebooks,
        };
        // Quick runs are smoke tests: their default file goes to the git-ignored scratch folder.
        string path = options.Output ?? Path.Combine(WorkbenchPaths.Root, "bench", options.Quick ? "scratch" : "results",
            $"{stamp}-{device.Replace(':', '-')}{(options.Quick ? "-quick" : "")}.json");
        BenchJson.WriteAtomic(path, bench);
        if (options.UpdateMarkdown is { } markdown) BenchmarksMarkdown.Update(markdown, bench, Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(markdown))!, path));
        TryDelete(scratch);
        return (bench, path);
    }

    static ModelResult RunWorker(SelfLauncher gwb, BenchOptions options, BenchModel model, int batch, string device, int threads,
        string scratch, bool speed, bool epoch, string? python)
    {
        string name = $"{model.Name}-b{batch}";
        bool memoryTarget = model == BenchModels.DcganNs && batch == 64;
        int epochSteps = !epoch ? 0 : options.Quick ? options.MemorySteps : memoryTarget ? Math.Max(options.MemorySteps, 60_000 / batch) : -1;
        var job = new WorkerJob(model.Name, batch, device, threads, options.Seed, epochSteps, speed ? options.Rounds : 0,
            options.BlockSeconds, options.Quick ? 1 : 5, options.Quick ? 128 : device == "cpu" ? 2048 : 4096, python,
            Path.Combine(scratch, "runs"), options.DataRoot, Path.Combine(scratch, name + ".result.json"));
        string jobPath = Path.Combine(scratch, name + ".job.json");
        BenchJson.WriteAtomic(jobPath, job);
        var (code, _, _) = gwb.Run(["bench", "--worker", jobPath]);
        if (code == 0 && File.Exists(job.ResultPath)) return BenchJson.Read<ModelResult>(job.ResultPath);
        return new ModelResult
        {
            Model = model.Name, Description = model.Description, Batch = batch, FlopsPerStep = model.FlopsPerStep(batch),
            Error = $"the worker exited with code {code}; its error is printed above",
        };
    }

    /// <summary>Asks <paramref name="python"/> for its own and torch's version (and the GPU's name); the problem in words if it cannot.</summary>
    static ((string Python, string Torch, string? Gpu)? Versions, string? Problem) CheckPython(string python)
    {
        try
        {
            var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-c", "import platform, torch; print(platform.python_version(), torch.__version__, torch.cuda.get_device_name(0) if torch.cuda.is_available() else '')" })
                info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode != 0)
                return (null, $"{python} cannot import torch ({error.Result.Trim().Split('\n').LastOrDefault()}); on Debian: `make bench-apt` installs python3-torch, then use --python /usr/bin/python3");
            var parts = output.Split(' ', 3);
            return ((parts[0], parts[1], parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null), null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"cannot run '{python}': {e.Message}");
        }
    }

    static IReadOnlyList<double> LoadAverages()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ').Take(3)
                .Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        catch (IOException) { return []; }
    }

    static string? GitCommit()
    {
        try
        {
            var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = WorkbenchPaths.Root };
            foreach (var a in new[] { "rev-parse", "--short=12", "HEAD" }) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            string sha = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && sha.Length > 0 ? sha : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
