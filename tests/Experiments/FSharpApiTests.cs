using System.Diagnostics;

namespace GanWorkbench.Tests.Experiments;

/// <summary>The experiment API is usable from F# (dotnet fsi): load, vary, resolve, list a sweep.</summary>
public class FSharpApiTests
{
    [Fact]
    public async Task Fsi_loads_varies_and_resolves_experiments()
    {
        using var temp = new TempFolder();
        string bin = AppContext.BaseDirectory.Replace("\\", "/", StringComparison.Ordinal);
        string yaml = WorkbenchPaths.ExperimentsFile.Replace("\\", "/", StringComparison.Ordinal);
        File.WriteAllText(temp.File("api.fsx"), $$"""
            #I "{{bin}}"
            #r "GanWorkbench.dll"
            #r "YamlDotNet.dll"
            open GanWorkbench.Experiments
            let file = ExperimentFile.Load("{{yaml}}")
            let e = file.Experiment("quickstart").With(quick = true, overrides = [| "g_optim.lr=1e-4" |], seed = 5L)
            printfn "%d %g %A %d" e.Spec.Seed e.Spec.GOptim.Lr e.Spec.Budget.Steps (file.Sweep("quickstart-lr").Members(quick = true).Count)
            try file.Experiment("quickstart").With(overrides = [| "g_optim.lr=fast" |]) |> ignore
            with :? GanWorkbench.InputException as ex -> printfn "%s" ex.Message
            """);
        var info = new ProcessStartInfo("dotnet", ["fsi", "--quiet", temp.File("api.fsx")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        Assert.True(p.ExitCode == 0, await stderr);
        Assert.Equal("5 0.0001 20L 4\n--set g_optim.lr=fast: field 'g_optim.lr' expects a number, got 'fast'.\n", await stdout);
    }
}
