using GanWorkbench.Training;

namespace GanWorkbench.Cli;

/// <summary>Training progress on the console: a bar redrawn in place on a terminal, one concise
/// line per logging window otherwise (CI logs stay readable).</summary>
public sealed class ProgressPrinter : IDisposable
{
    readonly string name;
    readonly bool terminal = !Console.IsOutputRedirected;
    readonly DateTime start = DateTime.UtcNow;
    bool drewBar;

    /// <summary>Creates a printer for a run of <paramref name="experiment"/>.</summary>
    public ProgressPrinter(string experiment) { name = experiment; }

    /// <summary>Prints one window's metrics.</summary>
    public void Report(StepMetrics m, long total)
    {
        double elapsed = (DateTime.UtcNow - start).TotalSeconds;
        double eta = m.Step > 0 ? elapsed / m.Step * (total - m.Step) : 0;
        string numbers = $"step {m.Step}/{total}  D {m.DLoss:F3}  G {m.GLoss:F3}  D(x) {m.DReal:F2}  D(G(z)) {m.DFake:F2}  {m.ImagesPerSecond:F0} img/s  ETA {Format(eta)}";
        if (terminal)
        {
            int width = 24, filled = (int)(width * m.Step / Math.Max(1, total));
            Console.Write($"\r{name} [{new string('#', filled)}{new string('.', width - filled)}] {numbers}   ");
            drewBar = true;
        }
        else
        {
            Console.WriteLine($"{name}: {numbers}");
        }
    }

    /// <summary>Ends the bar's line.</summary>
    public void Finish()
    {
        if (drewBar) Console.WriteLine();
        drewBar = false;
    }

    /// <inheritdoc/>
    public void Dispose() => Finish();

    static string Format(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss");
}
