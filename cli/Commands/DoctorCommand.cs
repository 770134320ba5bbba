using System.CommandLine;
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
        var command = new Command("doctor", "Check torch, device, libstdc++ compat, datasets; print the fix for each problem.") { fix, unfix };
        command.SetAction(r => Run(r.GetValue(fix), r.GetValue(unfix)));
        return command;
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
