using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GanWorkbench.Tests.FSharp;

/// <summary>The public API is usable from F#: <c>dotnet fsi</c> runs a script that trains a GAN for 20
/// steps by hand and through the experiment runner with an observer.</summary>
public partial class FSharpScriptTests
{
    [Fact]
    public async Task An_fsharp_script_trains_a_gan_for_20_steps()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "FSharp", "TrainGan.fsx");
        var info = new ProcessStartInfo("dotnet", ["fsi", "--quiet", script])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = WorkbenchPaths.Root,
        };
        info.Environment["GWB_DATA"] = WorkbenchPaths.Data;
        using var process = Process.Start(info)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        string stderr = await stderrTask;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{stderr}");

        var trainer = TrainerLine().Match(output);
        Assert.True(trainer.Success, output);
        Assert.Equal("20", trainer.Groups["steps"].Value);
        foreach (var key in new[] { "d", "g", "p" })
            Assert.True(double.IsFinite(double.Parse(trainer.Groups[key].Value, CultureInfo.InvariantCulture)), output);
        Assert.Equal("1", trainer.Groups["logged"].Value);
        Assert.Contains("runner: step 10/20", output);
        Assert.Contains("runner: step 20/20", output);
        Assert.Contains("runner: completed after 20 steps", output);
    }

    [GeneratedRegex(@"trainer: steps=(?<steps>\d+) d_loss=(?<d>\S+) g_loss=(?<g>\S+) penalty=(?<p>\S+) logged=(?<logged>\d+)")]
    private static partial Regex TrainerLine();
}
