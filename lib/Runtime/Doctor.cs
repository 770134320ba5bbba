using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Runtime;

/// <summary>How one doctor check came out.</summary>
public enum CheckStatus
{
    /// <summary>A fact, nothing to judge (the OS, the CPU).</summary>
    Info,
    /// <summary>Works.</summary>
    Ok,
    /// <summary>Works, but something is missing that some feature needs; the fix says what to run.</summary>
    Warning,
    /// <summary>Training cannot run until the fix is applied.</summary>
    Problem,
}

/// <summary>One line of the doctor's report.</summary>
/// <param name="Section">The group it belongs to (System, Torch, Data, …).</param>
/// <param name="Name">What was checked.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Message">What was found.</param>
/// <param name="Fix">The command that fixes a warning or problem ("" otherwise).</param>
public sealed record DoctorCheck(string Section, string Name, CheckStatus Status, string Message, string Fix = "");

/// <summary>Everything the doctor found; <see cref="CanTrain"/> is true when torch works and MNIST is in place.</summary>
/// <param name="Checks">The checks in the order they ran.</param>
/// <param name="CanTrain">Whether training can run.</param>
public sealed record DoctorReport(IReadOnlyList<DoctorCheck> Checks, bool CanTrain)
{
    /// <summary>Number of problems (checks that stop training).</summary>
    public int Problems => Checks.Count(c => c.Status == CheckStatus.Problem);
    /// <summary>Number of warnings.</summary>
    public int Warnings => Checks.Count(c => c.Status == CheckStatus.Warning);
}

/// <summary>
/// What the workbench runs on and whether it can train: the system, the libstdc++ compatibility fix
/// TorchSharp 0.107 needs on older Linux (<see cref="GlibcxxCompat"/>), torch (version, backend,
/// device, threads, a tiny conv forward/backward and Adam step), the datasets (SHA-256 checked) and
/// the evaluation classifiers. <c>./gwb doctor</c> prints it; a notebook displays the same checks
/// as a table (notebook 01-setup-and-tour). The checks only read, except
/// <see cref="Run"/> with <c>fixNuGetCache</c> / <c>unfixNuGetCache</c>, which patch or restore the
/// NuGet cache copy of libLibTorchSharp.so that notebook kernels load.
/// </summary>
public static class Doctor
{
    /// <summary>The oneDNN instruction-set cap in use and where it came from (<see cref="OneDnnCheck"/>).</summary>
    static DoctorCheck OneDnnLine(string section)
    {
        const string name = "oneDNN ISA cap";
        string isa = TorchLoader.OneDnnIsa;
        var verdict = OneDnnCheck.StoredVerdict();
        if (Environment.GetEnvironmentVariable("GWB_ONEDNN_ISA") is { Length: > 0 })
            return new DoctorCheck(section, name, CheckStatus.Info, $"{isa} (from GWB_ONEDNN_ISA)");
        if (verdict is null)
            return new DoctorCheck(section, name, CheckStatus.Warning,
                $"{isa}: oneDNN's fast kernels have not been checked on this CPU, so the safe, slower cap applies",
                "./gwb doctor --check-onednn");
        return new DoctorCheck(section, name, CheckStatus.Ok, verdict.Correct
            ? $"{isa}: the fast kernels passed the convolution check on {verdict.CheckedUtc:yyyy-MM-dd} ({OneDnnCheck.VerdictPath(verdict.Key)})"
            : $"{isa}: the fast kernels FAILED the convolution check on {verdict.CheckedUtc:yyyy-MM-dd}, so the safe cap applies ({OneDnnCheck.VerdictPath(verdict.Key)})");
    }

    /// <summary>Runs every check.</summary>
    /// <param name="fixNuGetCache">Apply the libstdc++ compat fix to the NuGet cache copy (keeps a backup).</param>
    /// <param name="unfixNuGetCache">Restore the NuGet cache copy from that backup.</param>
    public static DoctorReport Run(bool fixNuGetCache = false, bool unfixNuGetCache = false)
    {
        if (fixNuGetCache && unfixNuGetCache) throw new InputException("--fix and --unfix cannot be used together.");
        var checks = new List<DoctorCheck>();
        void Add(string section, string name, CheckStatus status, string message, string fix = "") =>
            checks.Add(new DoctorCheck(section, name, status, message, fix));

        const string system = "System";
        Add(system, "OS", CheckStatus.Info, System.Runtime.InteropServices.RuntimeInformation.OSDescription);
        Add(system, ".NET", CheckStatus.Info, Environment.Version.ToString());
        Add(system, "CPU", CheckStatus.Info, $"{Compute.CpuModel()} ({Environment.ProcessorCount} logical cores)");

        string compat = "libstdc++ compat (TorchSharp 0.107 needs " + GlibcxxCompat.MissingVersion + ")";
        string? libstdcxx = GlibcxxCompat.FindLibStdCxx();
        string loadedCopy = Path.Combine(TorchLoader.NativeFolder, "libLibTorchSharp.so");
        if (OperatingSystem.IsLinux() && File.Exists(loadedCopy))
        {
            var status = GlibcxxCompat.Inspect(loadedCopy, libstdcxx);
            Add(compat, "libstdc++", CheckStatus.Info, $"{libstdcxx ?? "not found"} ({(status.SystemHasVersion ? "has" : "lacks")} {GlibcxxCompat.MissingVersion})");
            checks.Add(CompatCheck(compat, "build output copy", status, "make setup", warnOnly: false));
            foreach (var (cacheCopy, what) in KernelCopies())
            {
                if (unfixNuGetCache)
                    Add(compat, what, CheckStatus.Info, GlibcxxCompat.Revert(cacheCopy) ? $"restored the original {cacheCopy}" : "nothing to undo (no backup)");
                else if (fixNuGetCache)
                    GlibcxxCompat.Apply(cacheCopy, keepBackup: true, libstdcxx);
                checks.Add(CompatCheck(compat, what, GlibcxxCompat.Inspect(cacheCopy, libstdcxx), "./gwb doctor --fix", warnOnly: true));
            }
        }
        else
        {
            Add(compat, "compat", CheckStatus.Info, OperatingSystem.IsLinux() ? $"no {loadedCopy}" : "not needed on this OS");
        }

        const string torchSection = "Torch";
        Add(torchSection, "TorchSharp", CheckStatus.Info, TorchLoader.TorchSharpVersion);
        bool torchWorks = false;
        try
        {
            TorchLoader.EnsureLoaded();
            Add(torchSection, "libtorch", CheckStatus.Info, torch.__version__);
            Add(torchSection, "backend", CheckStatus.Info, TorchLoader.Backend);
            var device = Compute.ResolveDevice("auto");
            Add(torchSection, "device", CheckStatus.Info, device.type == DeviceType.CUDA
                ? $"cuda ({torch.cuda.device_count()} device(s))"
                : $"cpu ({Compute.CpuModel()})");
            Add(torchSection, "threads", CheckStatus.Info, $"{torch.get_num_threads()} (set GWB_THREADS to change)");
            checks.Add(OneDnnLine(torchSection));
            MallocTuning.Apply();
            Add(torchSection, "malloc thresholds", CheckStatus.Info, MallocTuning.IsOn
                ? $"on: mmap above {MallocTuning.MmapThresholdBytes >> 20} MiB, trim above {MallocTuning.TrimThresholdBytes >> 20} MiB (GWB_MALLOC_TUNING=0 turns it off)"
                : MallocTuning.State);
            torchWorks = SmokeTest(device);
            if (torchWorks) Add(torchSection, "torch", CheckStatus.Ok, "conv forward/backward and an Adam step work");
            else Add(torchSection, "torch", CheckStatus.Problem, "a small conv forward/backward gave a non-finite result", "./gwb doctor (re-run); report the output");
        }
        catch (Exception e)
        {
            Add(torchSection, "torch", CheckStatus.Problem, e.Message, "make setup");
        }

        string data = "Data (" + WorkbenchPaths.Data + ")";
        bool mnistOk = true;
        foreach (var info in DatasetCatalog.All)
        {
            var files = DatasetStore.Check(info);
            if (files.All(c => c.Valid))
            {
                Add(data, info.Name, CheckStatus.Ok, $"{files.Count} files, SHA-256 verified");
                continue;
            }
            var bad = files.First(c => !c.Valid);
            string what = bad.Present ? bad.Message : $"{bad.Path}: missing";
            string fix = $"./gwb data fetch {info.Name}{(bad.Present ? " --force" : "")}";
            if (info == DatasetCatalog.Mnist) mnistOk = false;
            Add(data, info.Name, info == DatasetCatalog.Mnist ? CheckStatus.Problem : CheckStatus.Warning, what, fix);
        }

        string classifiers = "Evaluation classifiers (" + Path.Combine(WorkbenchPaths.Data, "classifiers") + ")";
        foreach (var info in DatasetCatalog.All)
        {
            if (!File.Exists(EvaluationClassifier.WeightsPath(info.Name)) && !File.Exists(EvaluationClassifier.InfoPath(info.Name)))
            {
                Add(classifiers, info.Name, CheckStatus.Warning, "not trained yet (metrics train it on first use)", $"./gwb data classifier {info.Name}");
                continue;
            }
            try
            {
                var c = EvaluationClassifier.Verify(info.Name);
                Add(classifiers, info.Name, CheckStatus.Ok, $"test accuracy {c.TestAccuracy:P2}, {c.Epochs} epochs, seed {c.Seed}, trained in {c.TrainingSeconds:F0} s " +
                                                            $"on {c.Device} ({c.Threads} threads), SHA-256 verified");
            }
            catch (InputException e)
            {
                Add(classifiers, info.Name, CheckStatus.Warning, e.Message, EvaluationClassifier.TrainCommand(info.Name));
            }
        }

        return new DoctorReport(checks, torchWorks && mnistOk);
    }

    static DoctorCheck CompatCheck(string section, string what, CompatStatus status, string fix, bool warnOnly) => status.Action switch
    {
        CompatAction.NotNeeded => new(section, what, CheckStatus.Ok, "not needed: libstdc++ is new enough"),
        CompatAction.NotApplicable => new(section, what, CheckStatus.Ok, $"not needed: this TorchSharp does not ask for {GlibcxxCompat.MissingVersion}"),
        CompatAction.AlreadyApplied => new(section, what, CheckStatus.Ok, $"compat fix active ({status.LibraryPath})"),
        _ => new(section, what, warnOnly ? CheckStatus.Warning : CheckStatus.Problem, $"not patched: {status.LibraryPath}", fix),
    };

    /// <summary>The copies of libLibTorchSharp.so that a .NET Interactive kernel may load: the NuGet cache's, and the
    /// ones TorchSharp consolidates beside its assembly (<c>lib/&lt;tfm&gt;/cpu/</c>) in a kernel, which it copies only
    /// when missing — a copy made before <c>--fix</c> stays unpatched.</summary>
    static IEnumerable<(string Path, string What)> KernelCopies()
    {
        if (NuGetCacheCopy() is not { } cacheCopy) yield break;
        yield return (cacheCopy, "NuGet cache copy (notebook kernels)");
        string package = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(cacheCopy)!, "..", "..", ".."));
        foreach (var consolidated in Directory.Exists(Path.Combine(package, "lib"))
                     ? Directory.GetFiles(Path.Combine(package, "lib"), "libLibTorchSharp.so", SearchOption.AllDirectories) : [])
            yield return (consolidated, $"kernel's consolidated copy ({Path.GetRelativePath(package, consolidated)})");
    }

    /// <summary>The NuGet cache copy of libLibTorchSharp.so that notebook kernels load (<c>NUGET_PACKAGES</c> or
    /// ~/.nuget/packages), or null when this TorchSharp is not in the cache.</summary>
    internal static string? NuGetCacheCopy()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", TorchLoader.TorchSharpVersion, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }

    // A conv forward/backward and an Adam step: the smallest thing that exercises libtorch's kernels.
    static bool SmokeTest(Device device)
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(1, 4, 3).to(device);
        using var opt = new Training.Adam(conv.parameters(), 1e-3);
        var x = randn(2, 1, 8, 8, device: device);
        var loss = conv.forward(x).pow(2).mean();
        loss.backward();
        opt.step();
        return double.IsFinite(loss.item<float>());
    }
}
