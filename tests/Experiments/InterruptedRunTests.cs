using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>A run killed with SIGKILL leaves status "running"; readers see it as "interrupted".</summary>
public class InterruptedRunTests
{
    [Fact]
    public void A_killed_run_is_reported_as_interrupted()
    {
        using var temp = new TempFolder();
        string runs = temp.File("runs");
        using var p = Gwb.Start(runs, ["run", "quickstart", "--quick", "--set", "budget={steps: 2000}", "--set", "log_every=2",
                                       "--set", "data.batch_size=8", "--set", "sample_every=0"]);
        p.OutputDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        string? metrics = null;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !p.HasExited)
        {
            metrics = Directory.Exists(runs) ? Directory.GetFiles(runs, "metrics.jsonl", SearchOption.AllDirectories).FirstOrDefault() : null;
            if (metrics is not null && File.ReadAllLines(metrics).Length >= 2) break;
            Thread.Sleep(100);
        }
        if (p.HasExited) Assert.Fail($"gwb run ended early (exit {p.ExitCode}): {p.StandardError.ReadToEnd()}");
        Assert.NotNull(metrics);
        p.Kill();                                          // SIGKILL on Linux: no handler runs
        p.WaitForExit();

        using var run = RunDirectory.Open(Path.GetDirectoryName(metrics)!);
        var status = run.ReadStatus()!;
        Assert.Equal(RunState.Interrupted, status.State);
        Assert.StartsWith($"process {p.Id} on {Environment.MachineName} stopped without finishing", status.Reason, StringComparison.Ordinal);
        Assert.InRange(status.Step, 2, 1999);
    }
}
