using System.CommandLine;
using System.Reflection;
using GanWorkbench.Bench.Runner;
using GanWorkbench.Native;
using GanWorkbench.Runtime;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb doctor [--fix | --unfix]</c>: what the workbench runs on, what is wrong, and the
/// exact command that fixes each problem (the checks are the library's <see cref="Doctor"/>, which
/// notebooks call too). Exit 0 only when training can run.</summary>
public static class DoctorCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var fix = new Option<bool>("--fix") { Description = "Also apply the libstdc++ compat fix to the NuGet cache copy of libLibTorchSharp.so (used by notebooks opened in a .NET Interactive kernel). Keeps a backup; undo with --unfix." };
        var unfix = new Option<bool>("--unfix") { Description = "Restore the NuGet cache copy of libLibTorchSharp.so that --fix patched." };
        var checkOneDnn = new Option<bool>("--check-onednn") { Description = "Measure whether oneDNN's fastest CPU kernels compute convolution gradients right on this machine (a child process, a few seconds) and store the verdict in DATA/onednn/; later processes lift the SSE4.1 cap only where it passed. make setup runs it." };
        var probe = new Option<bool>("--onednn-probe") { Description = "Internal: the child process of --check-onednn (prints the verdict as JSON).", Hidden = true };
        var command = new Command("doctor", "Check torch, device, libstdc++ compat, datasets; print the fix for each problem.") { fix, unfix, checkOneDnn, probe };
        command.SetAction(r =>
        {
            if (r.GetValue(probe))
            {
                Console.WriteLine(OneDnnCheck.Serialize(OneDnnCheck.Measure()));
                return ExitCodes.Ok;
            }
            return r.GetValue(checkOneDnn) ? CheckOneDnn() : Run(r.GetValue(fix), r.GetValue(unfix));
        });
        return command;
    }

    /// <summary>Runs <see cref="OneDnnCheck.Measure"/> in a child process without the ISA cap (the cap of a
    /// process is fixed when libtorch starts), stores the verdict and prints it.</summary>
    static int CheckOneDnn()
    {
        string entry = Assembly.GetEntryAssembly()?.Location ?? typeof(DoctorCommand).Assembly.Location;
        var launcher = SelfLauncher.Current(entry);
        var info = launcher.StartInfo(["doctor", "--onednn-probe"], redirect: true);
        info.Environment["GWB_ONEDNN_ISA"] = OneDnnCheck.FastIsa;
        info.Environment.Remove("DNNL_MAX_CPU_ISA");
        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        OneDnnVerdict verdict;
        if (process.ExitCode == 0)
        {
            verdict = OneDnnCheck.Parse(stdout);
            if (verdict.Isa != OneDnnCheck.FastIsa) throw new InvalidOperationException($"the oneDNN probe ran under the cap {verdict.Isa}, not {OneDnnCheck.FastIsa}");
        }
        else
        {
            // A crash under the fast kernels (a SIGSEGV, a native error) is a failed check too.
            Console.Error.WriteLine($"oneDNN check: the probe process exited with code {process.ExitCode}: {stderr.Result.Trim()}");
            verdict = new OneDnnVerdict(OneDnnCheck.MachineKey(), Compute.CpuModel(), OneDnnCheck.FastIsa, false, DateTime.UtcNow,
                [new OneDnnCase($"probe process exited with code {process.ExitCode}", double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity)]);
        }
        foreach (var c in verdict.Cases)
            Console.WriteLine($"  {c.Case,-45} {(c.Correct ? "ok" : "WRONG")}  relative error {c.OneThread:G2} / {c.TwoThreads:G2} / {c.AllThreads:G2} (1 / 2 / {Math.Max(2, Environment.ProcessorCount)} threads)");
        string path = OneDnnCheck.Store(verdict);
        Console.WriteLine(verdict.Correct
            ? $"oneDNN check: the fast kernels are right on {verdict.Cpu}; processes run without the ISA cap ({path})."
            : $"oneDNN check: the fast kernels are WRONG on {verdict.Cpu}; processes keep the {OneDnnCheck.SafeIsa} cap ({path}).");
        return ExitCodes.Ok;
    }

    static int Run(bool fix, bool unfix)
    {
        var report = Doctor.Run(fix, unfix);
        string? section = null;
        foreach (var check in report.Checks)
        {
            if (check.Section != section)
            {
                Console.WriteLine();
                Console.WriteLine(section = check.Section);
            }
            string prefix = check.Status switch
            {
                CheckStatus.Ok => "ok: ",
                CheckStatus.Warning => "warning: ",
                CheckStatus.Problem => "PROBLEM: ",
                _ => "",
            };
            Console.WriteLine($"  {check.Name,-38} {prefix}{check.Message}");
            if (check.Fix.Length > 0) Console.WriteLine($"  {"",-38} fix: {check.Fix}");
        }
        Console.WriteLine();
        Console.WriteLine(report.CanTrain ? "Ready: training can run." : $"Not ready: {report.Problems} problem(s) above, each with its fix.");
        return report.CanTrain ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
