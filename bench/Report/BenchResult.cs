using GanWorkbench.Bench.Loops;
using GanWorkbench.Bench.Measure;

namespace GanWorkbench.Bench.Report;

// The results of one benchmark run, as written to bench/results/*.json (snake_case keys).
// Times are seconds, memory MiB, rates GFLOP/s unless a name says otherwise.

/// <summary>The whole run.</summary>
public sealed record BenchResult
{
    /// <summary>Format tag of this file.</summary>
    public string Schema { get; init; } = "gwb-bench/1";
    /// <summary>When the run started (UTC).</summary>
    public DateTime StartedUtc { get; init; }
    /// <summary>When it ended (UTC).</summary>
    public DateTime FinishedUtc { get; init; }
    /// <summary>True for the tiny smoke-test budget: numbers are not meaningful.</summary>
    public bool Quick { get; init; }
    /// <summary>The command line that produced it.</summary>
    public string Command { get; init; } = "";
    /// <summary>Where it ran.</summary>
    public required MachineInfo Machine { get; init; }
    /// <summary>Versions of everything measured.</summary>
    public required VersionInfo Versions { get; init; }
    /// <summary>cpu or cuda[:N].</summary>
    public required string Device { get; init; }
    /// <summary>Intra-op threads of TorchSharp and of the PyTorch peer.</summary>
    public int Threads { get; init; }
    /// <summary>System load averages (1, 5, 15 min) before the run.</summary>
    public IReadOnlyList<double> LoadBefore { get; init; } = [];
    /// <summary>System load averages after the run.</summary>
    public IReadOnlyList<double> LoadAfter { get; init; } = [];
    /// <summary>The SGEMM ceiling (null when skipped).</summary>
    public CeilingResult? Ceiling { get; init; }
    /// <summary>MNIST loading times (null when skipped).</summary>
    public DataLoadingResult? DataLoading { get; init; }
    /// <summary>One entry per model × batch size.</summary>
    public IReadOnlyList<ModelResult> Models { get; init; } = [];
    /// <summary>The notebook series in QUICK mode (null when skipped).</summary>
    public NotebookResult? Notebooks { get; init; }
}

/// <summary>The machine.</summary>
/// <param name="Cpu">CPU model name.</param>
/// <param name="LogicalCores">Cores the OS reports.</param>
/// <param name="MemoryGiB">Physical memory.</param>
/// <param name="Os">Operating system description.</param>
public sealed record MachineInfo(string Cpu, int LogicalCores, double MemoryGiB, string Os);

/// <summary>Versions.</summary>
/// <param name="Dotnet">.NET runtime.</param>
/// <param name="TorchSharp">TorchSharp package.</param>
/// <param name="LibTorch">libtorch version TorchSharp was built for (its <c>__version__</c>).</param>
/// <param name="LibTorchPath">The libtorch_cpu.so actually mapped into the process.</param>
/// <param name="Commit">Git commit of the workbench (null outside a checkout).</param>
/// <param name="Python">Python of the PyTorch peer (null when it did not run).</param>
/// <param name="PyTorch">PyTorch version of the peer.</param>
/// <param name="Gpu">GPU name as PyTorch reports it (null on CPU or without the peer).</param>
public sealed record VersionInfo(string Dotnet, string TorchSharp, string LibTorch, string? LibTorchPath, string? Commit, string? Python, string? PyTorch, string? Gpu);

/// <summary>SGEMM rates by size; <see cref="Gflops"/> is the best median, the ceiling used in reports.</summary>
/// <param name="Sizes">Per size: N and the summary of its products' rates.</param>
/// <param name="Gflops">The ceiling: the highest median over sizes.</param>
public sealed record CeilingResult(IReadOnlyList<SgemmSize> Sizes, double Gflops);

/// <summary>One SGEMM size.</summary>
/// <param name="N">Matrices are N×N.</param>
/// <param name="Gflops">Summary of the products' rates.</param>
public sealed record SgemmSize(int N, Summary Gflops);

/// <summary>MNIST loading: reading + verifying the files, moving them to the device, gathering batches.</summary>
/// <param name="Split">train or test.</param>
/// <param name="Examples">Images in the split.</param>
/// <param name="ReadVerifySeconds">Read the IDX files, check SHA-256 and headers (host bytes).</param>
/// <param name="ToDeviceSeconds">Bytes → float tensor on the device, scaled.</param>
/// <param name="GatherMicrosecondsPerBatch">Per batch size: one index_select of a batch (median over batches).</param>
/// <param name="EpochGatherSeconds">Per batch size: all batches of one epoch.</param>
public sealed record DataLoadingResult(string Split, int Examples, Summary ReadVerifySeconds, Summary ToDeviceSeconds,
    IReadOnlyDictionary<string, double> GatherMicrosecondsPerBatch, IReadOnlyDictionary<string, double> EpochGatherSeconds);

/// <summary>One model at one batch size.</summary>
public sealed record ModelResult
{
    /// <summary>Model name (<see cref="BenchModels"/>).</summary>
    public required string Model { get; init; }
    /// <summary>Its description.</summary>
    public string Description { get; init; } = "";
    /// <summary>Batch size.</summary>
    public int Batch { get; init; }
    /// <summary>Analytic flops of one step (<see cref="Flops"/>).</summary>
    public double FlopsPerStep { get; init; }
    /// <summary>The oneDNN instruction-set cap the worker ran under (DNNL_MAX_CPU_ISA; see lib/Native/TorchLoader.cs).</summary>
    public string? OneDnnIsa { get; init; }
    /// <summary>Whether the worker ran with malloc's thresholds set (lib/Native/MallocTuning.cs): "on" or why not.</summary>
    public string? Malloc { get; init; }
    /// <summary>The epoch / memory run (null when skipped).</summary>
    public EpochResult? Epoch { get; init; }
    /// <summary>The alternating speed rounds (null when skipped).</summary>
    public SpeedResult? Speed { get; init; }
    /// <summary>Why a loop could not be measured, by loop name.</summary>
    public IReadOnlyDictionary<string, string> Missing { get; init; } = new Dictionary<string, string>();
    /// <summary>The worker's error, when it failed.</summary>
    public string? Error { get; init; }
}

/// <summary>Training for an epoch (or longer, for the memory target) in a fresh process.</summary>
/// <param name="Loop">What trained: the workbench's whole run loop.</param>
/// <param name="Steps">Steps run.</param>
/// <param name="StepsPerEpoch">Steps in one MNIST epoch (60,000 / batch, last partial batch dropped).</param>
/// <param name="EpochSeconds">Wall time of the first full epoch from a fresh model (null if fewer steps ran).</param>
/// <param name="TotalSeconds">Wall time of all steps.</param>
/// <param name="WarmupSteps">Steps after which the baseline resident memory is taken.</param>
/// <param name="ResidentStartMib">Resident memory before the first step (data and models loaded).</param>
/// <param name="ResidentAfterWarmupMib">Resident memory after the warm-up steps.</param>
/// <param name="ResidentEndMib">Resident memory after the last step.</param>
/// <param name="PeakResidentMib">The process's peak resident memory.</param>
/// <param name="GrowthMib">Memory that the steps kept: the median of the last tenth of the readings after the warm-up
/// minus the median of the first tenth (<c>Stats.WindowGrowth</c>; results written before commit 773a960, up to bench/results/20261201T223527Z-cpu.json, hold end minus after-warm-up).</param>
/// <param name="SlopeMibPer1000Steps">Least-squares slope of resident memory over the second half of the run.</param>
/// <param name="Trace">Per sample: step, resident MiB, then glibc malloc in use and free MiB, the managed heap committed MiB (as of the last collection; NaN where unknown) and the number of garbage collections so far.</param>
public sealed record EpochResult(string Loop, int Steps, int StepsPerEpoch, double? EpochSeconds, double TotalSeconds, int WarmupSteps,
    double ResidentStartMib, double ResidentAfterWarmupMib, double ResidentEndMib, double PeakResidentMib, double GrowthMib,
    double SlopeMibPer1000Steps, IReadOnlyList<double[]> Trace);

/// <summary>Blocks of steps of every loop, alternating round by round, plus an SGEMM probe per round.</summary>
/// <param name="Rounds">Rounds run.</param>
/// <param name="BlockSeconds">Target duration of each timed block.</param>
/// <param name="Loops">Per loop name: its timing.</param>
/// <param name="SgemmGflops">The in-round SGEMM probes.</param>
/// <param name="Ratios">Paired per-round ratios of step times, by name (see <see cref="RatioNames"/>).</param>
public sealed record SpeedResult(int Rounds, double BlockSeconds, IReadOnlyDictionary<string, LoopTiming> Loops, Summary SgemmGflops,
    IReadOnlyDictionary<string, Summary> Ratios);

/// <summary>One loop's timing over the rounds.</summary>
/// <param name="StepsPerBlock">Steps in each timed block.</param>
/// <param name="StepSeconds">Per-block mean step time, summarised over the rounds.</param>
/// <param name="ImagesPerSecond">Batch size ÷ median step time.</param>
/// <param name="Gflops">Analytic flops per step ÷ median step time.</param>
/// <param name="PercentOfSgemm">Per round: the loop's flop rate ÷ that round's SGEMM probe × 100.</param>
/// <param name="PeakResidentMib">Peak resident memory of the loop's process (the peer's own; null for in-process loops).</param>
public sealed record LoopTiming(int StepsPerBlock, Summary StepSeconds, double ImagesPerSecond, double Gflops, Summary PercentOfSgemm,
    double? PeakResidentMib);

/// <summary>The notebook series at each budget that was asked for (quick, lesson, full).</summary>
/// <param name="Found">Notebooks found under notebooks/.</param>
/// <param name="WallSeconds">Wall time of all the runs (null when none ran).</param>
/// <param name="PerNotebook">Per notebook and budget: seconds, exit code and the load before it started.</param>
/// <param name="Note">What happened, in words (e.g. no notebooks yet).</param>
public sealed record NotebookResult(IReadOnlyList<string> Found, double? WallSeconds, IReadOnlyList<NotebookTiming> PerNotebook, string Note);

/// <summary>One notebook's run at one budget.</summary>
/// <param name="Path">Notebook path relative to the repository root.</param>
/// <param name="Seconds">Wall time of `./gwb nb run PATH --param BUDGET=…` for it.</param>
/// <param name="ExitCode">The runner's exit code (0 = every cell succeeded).</param>
/// <param name="Budget">The notebook budget: quick, lesson or full (results written before budgets existed were quick).</param>
/// <param name="LoadBefore">The 1-minute load average when it started (null where /proc/loadavg is missing).</param>
public sealed record NotebookTiming(string Path, double Seconds, int ExitCode, string Budget = "quick", double? LoadBefore = null);

/// <summary>Names of the paired ratios in <see cref="SpeedResult.Ratios"/>.</summary>
public static class RatioNames
{
    /// <summary>workbench step time ÷ bare step time (1.03 = 3% overhead).</summary>
    public const string WorkbenchOverBare = "workbench_over_bare";
    /// <summary>workbench with EMA ÷ bare.</summary>
    public const string WorkbenchEmaOverBare = "workbench_ema_over_bare";
    /// <summary>PyTorch step time ÷ workbench step time (how many times faster the workbench is).</summary>
    public const string PyTorchOverWorkbench = "pytorch_over_workbench";
    /// <summary>PyTorch step time ÷ bare TorchSharp step time.</summary>
    public const string PyTorchOverBare = "pytorch_over_bare";

    /// <summary>Every ratio: its name, numerator loop and denominator loop.</summary>
    public static IReadOnlyList<(string Name, string Numerator, string Denominator)> All { get; } =
    [
        (WorkbenchOverBare, LoopNames.Workbench, LoopNames.Bare),
        (WorkbenchEmaOverBare, LoopNames.WorkbenchEma, LoopNames.Bare),
        (PyTorchOverWorkbench, LoopNames.PyTorch, LoopNames.Workbench),
        (PyTorchOverBare, LoopNames.PyTorch, LoopNames.Bare),
    ];
}
