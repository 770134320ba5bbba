using GanWorkbench.Training;
using Spectre.Console;

namespace GanWorkbench.Cli;

/// <summary>
/// Training progress on the console. On a terminal: a Spectre.Console bar with percentage, ETA, the
/// latest losses, D(x), D(G(z)) and images/s, redrawn in place. Otherwise (CI logs, files, a sweep's
/// child processes): one concise line per logging window, so logs stay readable.
/// </summary>
public static class TrainingProgress
{
    /// <summary>True when stdout is an interactive terminal.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/>, giving it the callback to report each logging window with.</summary>
    public static T Run<T>(string name, Func<Action<StepMetrics, long>, T> work)
    {
        if (!Interactive)
        {
            var start = DateTime.UtcNow;
            return work((m, total) => Console.WriteLine($"{name}: {Numbers(m, total)}  ETA {Eta(start, m.Step, total)}"));
        }
        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 16 }, new PercentageColumn(),
                     new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(name), maxValue: 1);
                try
                {
                    return work((m, total) =>
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.Value = m.Step;
                        task.Description = Markup.Escape($"{name}  {Numbers(m, total)}");
                    });
                }
                finally
                {
                    task.StopTask();
                }
            });
    }

    /// <summary>One window's numbers: step, losses, D outputs and throughput.</summary>
    public static string Numbers(StepMetrics m, long total) => m.Values.ContainsKey("d_loss")
        ? $"step {m.Step}/{total}  D {m.DLoss:F3}  G {m.GLoss:F3}  D(x) {m.DReal:F2}  D(G(z)) {m.DFake:F2}  {m.ImagesPerSecond:F0} img/s"
        : $"step {m.Step}/{total}  {string.Join("  ", m.Values.Take(3).Select(kv => $"{kv.Key} {kv.Value:F3}"))}  {m.ImagesPerSecond:F0} img/s";

    static string Eta(DateTime start, long step, long total)
    {
        double elapsed = (DateTime.UtcNow - start).TotalSeconds;
        double seconds = step > 0 ? elapsed / step * (total - step) : 0;
        return TimeSpan.FromSeconds(Math.Round(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", System.Globalization.CultureInfo.InvariantCulture);
    }
}
