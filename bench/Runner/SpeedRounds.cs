using GanWorkbench.Bench.Loops;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Bench.Report;
using GanWorkbench.Data;
using GanWorkbench.Runtime;

namespace GanWorkbench.Bench.Runner;

/// <summary>
/// The speed measurement: every loop of a model runs blocks of steps in turn, round after round,
/// with the order rotated each round and an SGEMM probe at the end of each round. Load from other
/// processes then falls on all loops alike, and each round yields paired ratios (workbench ÷ bare,
/// PyTorch ÷ workbench, loop flop rate ÷ SGEMM rate) that stay meaningful on a busy machine even
/// when absolute times drift.
/// </summary>
internal static class SpeedRounds
{
    public static SpeedResult Measure(BenchModel model, WorkerJob job, Compute compute, Dictionary<string, string> missing, Action<string> log)
    {
        var loops = new List<ITrainingLoop>();
        using var data = ImageDataset.Load("mnist", "train", compute.Device, model.Scale, job.DataRoot);
        try
        {
            loops.Add(BenchModels.Bare(model, data.Images, job.Batch, job.Seed));
            loops.Add(BenchModels.Workbench(model, job.Batch, job.Seed, compute, job.RunsRoot, job.DataRoot, ema: false));
            if (BenchModels.EmaMissing(model) is { } why) missing[LoopNames.WorkbenchEma] = why;
            else loops.Add(BenchModels.Workbench(model, job.Batch, job.Seed, compute, job.RunsRoot, job.DataRoot, ema: true));
            if (job.Python is null) missing[LoopNames.PyTorch] = "skipped (no --python, or --skip pytorch)";
            else
            {
                try
                {
                    string mnist = DatasetStore.Folder(DatasetCatalog.Get("mnist"), job.DataRoot);
                    loops.Add(PythonPeer.Start(job.Python, model.Name, job.Batch, job.Device, job.Threads, job.Seed, mnist));
                }
                catch (InvalidOperationException e)
                {
                    missing[LoopNames.PyTorch] = e.Message;
                    log($"PyTorch peer unavailable: {e.Message}");
                }
            }
            return Measure(model, loops, job, compute.Device, log);
        }
        finally
        {
            foreach (var loop in loops) loop.Dispose();
        }
    }

    static SpeedResult Measure(BenchModel model, List<ITrainingLoop> loops, WorkerJob job, TorchSharp.torch.Device device, Action<string> log)
    {
        // Warm up every loop, then size its blocks to last about BlockSeconds.
        var stepsPerBlock = new Dictionary<string, int>();
        foreach (var loop in loops)
        {
            loop.Run(job.WarmupSteps);
            int probe = Math.Max(2, job.WarmupSteps);
            double perStep = loop.Run(probe) / probe;
            stepsPerBlock[loop.Name] = (int)Math.Clamp(Math.Round(job.BlockSeconds / perStep), 1, 100_000);
        }
        Sgemm.Measure(job.ProbeN, 1, device);
        log($"blocks: {string.Join(", ", stepsPerBlock.Select(kv => $"{kv.Key} {kv.Value} steps"))}; {job.Rounds} rounds");

        var stepSeconds = loops.ToDictionary(l => l.Name, _ => new List<double>());
        var probes = new List<double>();
        for (int round = 0; round < job.Rounds; round++)
        {
            for (int i = 0; i < loops.Count; i++)
            {
                var loop = loops[(round + i) % loops.Count];
                int steps = stepsPerBlock[loop.Name];
                stepSeconds[loop.Name].Add(loop.Run(steps) / steps);
            }
            probes.Add(Stats.Median(Sgemm.Measure(job.ProbeN, 2, device).Gflops));
            log($"round {round + 1}/{job.Rounds}: " + string.Join(", ", loops.Select(l => $"{l.Name} {stepSeconds[l.Name][^1] * 1000:F1} ms")) +
                $", SGEMM {probes[^1]:F0} GFLOP/s");
        }

        double flops = model.FlopsPerStep(job.Batch);
        var timings = loops.ToDictionary(l => l.Name, l =>
        {
            var times = stepSeconds[l.Name];
            var summary = Summary.Of(times);
            var percent = Summary.Of(times.Select((t, r) => flops / t / 1e9 / probes[r] * 100));
            double? peak = l is PythonPeer p ? p.Memory().Peak : null;
            return new LoopTiming(stepsPerBlock[l.Name], summary, job.Batch / summary.Median, flops / summary.Median / 1e9, percent, peak);
        });
        var ratios = new Dictionary<string, Summary>();
        foreach (var (name, numerator, denominator) in RatioNames.All)
            if (stepSeconds.TryGetValue(numerator, out var num) && stepSeconds.TryGetValue(denominator, out var den))
                ratios[name] = Summary.Of(num.Select((t, r) => t / den[r]));
        return new SpeedResult(job.Rounds, job.BlockSeconds, timings, Summary.Of(probes), ratios);
    }
}
