using System.Globalization;
using System.Net;
using GanWorkbench.Training;

namespace GanWorkbench.Interactive;

/// <summary>
/// Training progress for a notebook: one line per logging window, or a display updated in place.
/// <code>
/// var progress = new TrainingProgress("quickstart");
/// var result = ExperimentRunner.Run(spec, new RunOptions { OnLog = progress.Follow(p => Console.WriteLine(p)) });
/// </code>
/// Shown as <c>text/html</c> (a progress bar and the latest window's numbers) and <c>text/plain</c>. The pinned
/// .NET Interactive kernel (1.0.0-beta.26120.1) publishes a display handle's updates under another display id than
/// the display, so <c>Follow(view.Update)</c> leaves the first display unchanged in every front end; print lines.
/// </summary>
public sealed class TrainingProgress
{
    readonly object gate = new();
    readonly DateTime started = DateTime.UtcNow;

    /// <summary>A progress display for <paramref name="name"/> (the experiment, usually).</summary>
    public TrainingProgress(string name) { Name = name; }

    /// <summary>What is being trained.</summary>
    public string Name { get; }

    /// <summary>The latest logging window, or null before the first.</summary>
    public StepMetrics? Latest { get; private set; }

    /// <summary>The total number of steps of the run (0 when unknown).</summary>
    public long TotalSteps { get; private set; }

    /// <summary>Wall-clock seconds since this object was created.</summary>
    public double ElapsedSeconds => (DateTime.UtcNow - started).TotalSeconds;

    /// <summary>Records one logging window (the signature of <c>RunOptions.OnLog</c>).</summary>
    public void Report(StepMetrics metrics, long totalSteps)
    {
        lock (gate) { Latest = metrics; TotalSteps = totalSteps; }
    }

    /// <summary>A <c>RunOptions.OnLog</c> callback that records each window, then calls
    /// <paramref name="update"/> with this object (pass a display handle's <c>Update</c>).</summary>
    public Action<StepMetrics, long> Follow(Action<object> update) => (metrics, total) =>
    {
        Report(metrics, total);
        update(this);
    };

    /// <summary>Fraction done in [0, 1] (0 when the total is unknown).</summary>
    public double Fraction => TotalSteps > 0 && Latest is { } m ? Math.Clamp((double)m.Step / TotalSteps, 0, 1) : 0;

    /// <summary>E.g. <c>quickstart: step 120/468 (26%) · D 0.512 · G 1.93 · D(x) 0.71 · D(G(z)) 0.32 · 540 img/s · 12 s</c>.</summary>
    public string ToPlainText()
    {
        var m = Latest;
        if (m is null) return $"{Name}: starting…";
        string steps = TotalSteps > 0 ? $"step {m.Step}/{TotalSteps} ({Fraction * 100:F0}%)" : $"step {m.Step}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {steps} · D {m.DLoss:G3} · G {m.GLoss:G3} · D(x) {m.DReal:F2} · D(G(z)) {m.DFake:F2} · {m.ImagesPerSecond:F0} img/s · {ElapsedSeconds:F0} s");
    }

    /// <summary>A progress bar with the latest numbers under it.</summary>
    public string ToHtml()
    {
        string percent = (Fraction * 100).ToString("F1", CultureInfo.InvariantCulture);
        return $"<div class=\"gwb-progress\"><div><b>{WebUtility.HtmlEncode(Name)}</b> " +
               $"<progress max=\"100\" value=\"{percent}\" style=\"width: 20em\"></progress> {percent}%</div>" +
               $"<pre style=\"margin: 0.3em 0\">{WebUtility.HtmlEncode(ToPlainText())}</pre></div>";
    }

    /// <inheritdoc/>
    public override string ToString() => ToPlainText();
}
