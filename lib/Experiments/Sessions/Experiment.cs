using GanWorkbench.Plotting;
using GanWorkbench.Training;

namespace GanWorkbench.Experiments;

/// <summary>
/// A named experiment of an experiments file, ready to run — the notebook entry point, on the same
/// code path as <c>./gwb run</c>:
/// <code>
/// var run = ExperimentFile.Load("../experiments.yaml").Experiment("quickstart")
///     .With(quick: true).Run(onStep: m => Console.WriteLine(m.GLoss));
/// run.History; run.Directory; run.FinalMetrics;
/// </code>
/// From F#: <c>ExperimentFile.Load("../experiments.yaml").Experiment("quickstart").With(quick = true).Run()</c>.
/// Every variant is resolved and validated when it is made, so a bad override fails at <see cref="With"/>.
/// </summary>
public sealed class Experiment
{
    /// <summary>The file the experiment comes from.</summary>
    public ExperimentFile File { get; }
    /// <summary>The experiment's name.</summary>
    public string Name { get; }
    /// <summary>Whether the quick overrides apply.</summary>
    public bool Quick { get; }
    /// <summary><c>key.path=value</c> overrides, as <c>--set</c> takes them.</summary>
    public IReadOnlyList<string> Overrides { get; }
    /// <summary>The fully resolved, validated experiment.</summary>
    public ExperimentSpec Spec { get; }

    internal Experiment(ExperimentFile file, string name, bool quick, IReadOnlyList<string> overrides)
    {
        File = file; Name = name; Quick = quick; Overrides = overrides;
        Spec = file.Get(name, quick, overrides);
    }

    /// <summary>A variant: quick mode on or off, more overrides (<c>"g_optim.lr=1e-4"</c>), or a
    /// different seed, device or step budget. Unset arguments keep the current values.</summary>
    public Experiment With(bool? quick = null, IReadOnlyList<string>? overrides = null, long? seed = null, string? device = null, long? steps = null)
    {
        var all = Overrides.Concat(overrides ?? []).ToList();
        if (seed is long s) all.Add($"seed={s}");
        if (device is { } d) all.Add($"device={d}");
        if (steps is long n) all.Add($"budget={{steps: {n}}}");
        return new Experiment(File, Name, quick ?? Quick, all);
    }

    /// <summary>Trains it. <paramref name="onStep"/> sees each logging window's metrics (every
    /// <c>log_every</c> steps), <paramref name="onSamples"/> each sample grid.</summary>
    public RunResult Run(Action<StepMetrics>? onStep = null, Action<long, ImageGrid>? onSamples = null, string? runsRoot = null,
                         CancellationToken cancel = default) =>
        ExperimentRunner.Run(Spec, new RunOptions
        {
            OnLog = onStep is null ? null : (m, _) => onStep(m),
            OnSamples = onSamples,
            RunsRoot = runsRoot,
            Cancel = cancel,
        });

    /// <summary>The resolved config as YAML (what config.yaml of a run will hold).</summary>
    public override string ToString() => RunDirectory.ToYaml(Spec);
}

/// <summary>Notebook conveniences of a finished run: every metric it logged, final values, report.</summary>
public sealed partial record RunResult
{
    /// <summary>A finished (or stopped) run read back from its directory: status, config, metrics.</summary>
    public static RunResult Open(string directory)
    {
        var run = RunDirectory.Open(directory);
        var status = run.ReadStatus() ?? throw new InputException($"{run.Path}: no status.json; is this a run directory?");
        var spec = ExperimentRunner.ReadConfig(run.File("config.yaml"));
        var (history, evaluations) = MetricsLog.Read(run.File("metrics.jsonl"));
        return new RunResult(run, status, history, spec, evaluations);
    }

    /// <summary>Every numeric column of the run's metrics.jsonl (training and evaluation metrics).</summary>
    public MetricHistory Metrics => MetricHistory.FromJsonl(Directory.File("metrics.jsonl"));

    /// <summary>The last finite value of every metric the run logged.</summary>
    public IReadOnlyDictionary<string, double> FinalMetrics
    {
        get
        {
            var metrics = Metrics;
            return metrics.Columns.Where(c => metrics.Final(c) is not null).ToDictionary(c => c, c => metrics.Final(c)!.Value);
        }
    }

    /// <summary>Writes the run's report.html and returns its path.</summary>
    public string WriteReport() => RunReport.Write(Directory);
}
