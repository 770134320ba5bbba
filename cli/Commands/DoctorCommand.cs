using System.CommandLine;
using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Native;
using GanWorkbench.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb doctor [--fix | --unfix]</c>: what the workbench runs on, what is wrong, and the
/// exact command that fixes each problem. Exit 0 only when training can run.</summary>
public static class DoctorCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var fix = new Option<bool>("--fix") { Description = "Also apply the libstdc++ compat fix to the NuGet cache copy of libLibTorchSharp.so (used by notebooks opened in a .NET Interactive kernel). Keeps a backup; undo with --unfix." };
        var unfix = new Option<bool>("--unfix") { Description = "Restore the NuGet cache copy of libLibTorchSharp.so that --fix patched." };
        var command = new Command("doctor", "Check torch, device, libstdc++ compat, datasets; print the fix for each problem.") { fix, unfix };
        command.SetAction(r => Run(r.GetValue(fix), r.GetValue(unfix)));
        return command;
    }

    static int Run(bool fix, bool unfix)
    {
        if (fix && unfix) throw new InputException("--fix and --unfix cannot be used together.");
        var report = new DoctorReport();

        report.Section("System");
        report.Info("OS", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
        report.Info(".NET", Environment.Version.ToString());
        report.Info("CPU", $"{Compute.CpuModel()} ({Environment.ProcessorCount} logical cores)");

        report.Section("libstdc++ compat (TorchSharp 0.107 needs " + GlibcxxCompat.MissingVersion + ")");
        string? libstdcxx = GlibcxxCompat.FindLibStdCxx();
        string loadedCopy = Path.Combine(TorchLoader.NativeFolder, "libLibTorchSharp.so");
        if (OperatingSystem.IsLinux() && File.Exists(loadedCopy))
        {
            var status = GlibcxxCompat.Inspect(loadedCopy, libstdcxx);
            report.Info("libstdc++", $"{libstdcxx ?? "not found"} ({(status.SystemHasVersion ? "has" : "lacks")} {GlibcxxCompat.MissingVersion})");
            CompatLine(report, "build output copy", status, "make setup");
            string? cacheCopy = NuGetCacheCopy();
            if (cacheCopy is not null)
            {
                if (unfix)
                    report.Info("NuGet cache copy", GlibcxxCompat.Revert(cacheCopy) ? $"restored the original {cacheCopy}" : "nothing to undo (no backup)");
                else if (fix)
                    GlibcxxCompat.Apply(cacheCopy, keepBackup: true, libstdcxx);
                var cacheStatus = GlibcxxCompat.Inspect(cacheCopy, libstdcxx);
                CompatLine(report, "NuGet cache copy (notebook kernels)", cacheStatus, "./gwb doctor --fix", warnOnly: true);
            }
        }
        else
        {
            report.Info("compat", OperatingSystem.IsLinux() ? $"no {loadedCopy}" : "not needed on this OS");
        }

        report.Section("Torch");
        report.Info("TorchSharp", TorchLoader.TorchSharpVersion);
        bool torchWorks = false;
        try
        {
            TorchLoader.EnsureLoaded();
            report.Info("libtorch", torch.__version__);
            report.Info("backend", TorchLoader.Backend);
            var compute = Compute.Create("auto");
            report.Info("device", compute.Device.type == DeviceType.CUDA
                ? $"cuda ({torch.cuda.device_count()} device(s))"
                : $"cpu ({Compute.CpuModel()})");
            report.Info("threads", $"{torch.get_num_threads()} (set GWB_THREADS to change)");
            torchWorks = SmokeTest(compute.Device);
            if (torchWorks) report.Ok("torch", "conv forward/backward and an Adam step work");
            else report.Problem("torch", "a small conv forward/backward gave a non-finite result", "./gwb doctor (re-run); report the output");
        }
        catch (Exception e)
        {
            report.Problem("torch", e.Message, "make setup");
        }

        report.Section("Data (" + WorkbenchPaths.Data + ")");
        bool mnistOk = true;
        foreach (var info in DatasetCatalog.All)
        {
            var checks = DatasetStore.Check(info);
            bool ok = checks.All(c => c.Valid);
            if (info == DatasetCatalog.Mnist) mnistOk = ok;
            if (ok) report.Ok(info.Name, $"{checks.Count} files, SHA-256 verified");
            else
            {
                var bad = checks.First(c => !c.Valid);
                string what = bad.Present ? bad.Message : $"{bad.Path}: missing";
                if (info == DatasetCatalog.Mnist) report.Problem(info.Name, what, $"./gwb data fetch {info.Name}{(bad.Present ? " --force" : "")}");
                else report.Warning(info.Name, what, $"./gwb data fetch {info.Name}{(bad.Present ? " --force" : "")}");
            }
        }

        report.Section("Evaluation classifiers (" + Path.Combine(WorkbenchPaths.Data, "classifiers") + ")");
        foreach (var info in DatasetCatalog.All)
        {
            bool present = File.Exists(EvaluationClassifier.WeightsPath(info.Name)) || File.Exists(EvaluationClassifier.InfoPath(info.Name));
            if (!present)
            {
                report.Warning(info.Name, "not trained yet (metrics train it on first use)", $"./gwb data classifier {info.Name}");
                continue;
            }
            try
            {
                var c = EvaluationClassifier.Verify(info.Name);
                report.Ok(info.Name, $"test accuracy {c.TestAccuracy:P2}, {c.Epochs} epochs, seed {c.Seed}, trained in {c.TrainingSeconds:F0} s " +
                                     $"on {c.Device} ({c.Threads} threads), SHA-256 verified");
            }
            catch (InputException e)
            {
                report.Warning(info.Name, e.Message, EvaluationClassifier.TrainCommand(info.Name));
            }
        }

        bool canTrain = torchWorks && mnistOk;
        Console.WriteLine();
        Console.WriteLine(canTrain ? "Ready: training can run." : $"Not ready: {report.Problems} problem(s) above, each with its fix.");
        return canTrain ? ExitCodes.Ok : ExitCodes.Failed;
    }

    static void CompatLine(DoctorReport report, string what, CompatStatus status, string fix, bool warnOnly = false)
    {
        switch (status.Action)
        {
            case CompatAction.NotNeeded: report.Ok(what, "not needed: libstdc++ is new enough"); break;
            case CompatAction.NotApplicable: report.Ok(what, $"not needed: this TorchSharp does not ask for {GlibcxxCompat.MissingVersion}"); break;
            case CompatAction.AlreadyApplied: report.Ok(what, $"compat fix active ({status.LibraryPath})"); break;
            default:
                if (warnOnly) report.Warning(what, $"not patched: {status.LibraryPath}", fix);
                else report.Problem(what, $"not patched: {status.LibraryPath}", fix);
                break;
        }
    }

    static string? NuGetCacheCopy()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", TorchLoader.TorchSharpVersion, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }

    static bool SmokeTest(Device device)
    {
        using var scope = NewDisposeScope();
        var conv = nn.Conv2d(1, 4, 3).to(device);
        var opt = optim.Adam(conv.parameters(), 1e-3);
        var x = randn(2, 1, 8, 8, device: device);
        var loss = conv.forward(x).pow(2).mean();
        loss.backward();
        opt.step();
        bool finite = double.IsFinite(loss.item<float>());
        opt.Dispose(); conv.Dispose();
        return finite;
    }
}

/// <summary>Aligned doctor output: one line per check, with the fix under each problem.</summary>
internal sealed class DoctorReport
{
    public int Problems { get; private set; }
    public void Section(string title) { Console.WriteLine(); Console.WriteLine(title); }
    public void Info(string key, string value) => Console.WriteLine($"  {key,-38} {value}");
    public void Ok(string key, string value) => Console.WriteLine($"  {key,-38} ok: {value}");
    public void Warning(string key, string value, string fix)
    {
        Console.WriteLine($"  {key,-38} warning: {value}");
        Console.WriteLine($"  {"",-38} fix: {fix}");
    }
    public void Problem(string key, string value, string fix)
    {
        Problems++;
        Console.WriteLine($"  {key,-38} PROBLEM: {value}");
        Console.WriteLine($"  {"",-38} fix: {fix}");
    }
}
