namespace GanWorkbench.Experiments;

/// <summary>Which direction of a metric is better.</summary>
public enum Better
{
    /// <summary>Larger values are better (a log-likelihood, an accuracy).</summary>
    Higher,
    /// <summary>Smaller values are better (an error count, an NLL, an FID).</summary>
    Lower,
}

/// <summary>How much compute a reproduction is given.</summary>
public enum ReproductionBudget
{
    /// <summary>Seconds: checks the pipeline end to end (<c>make test</c>); the numbers mean nothing.</summary>
    Quick,
    /// <summary>What a 2-core CPU affords in a few hours (or resumable pieces of it).</summary>
    Cpu,
    /// <summary>The paper's full schedule, for a GPU machine.</summary>
    Gpu,
}

/// <summary>
/// One entry of reproductions.yaml, resolved for one budget: the paper's number (value, error bar,
/// which direction is better) and the goal to reach, the experiments trained per seed (with the budget's
/// overrides), the evaluation protocol, and every known difference from the paper's setup.
/// </summary>
public sealed record ReproductionSpec
{
    /// <summary>The reproduction's name (its key in reproductions.yaml, set by the loader).</summary>
    public string Name { get; init; } = "";
    /// <summary>Authors, year and title.</summary>
    public string Paper { get; init; } = "";
    /// <summary>The table or figure and the number reproduced.</summary>
    public string Target { get; init; } = "";
    /// <summary>The metric's name, as the record names it.</summary>
    public string Metric { get; init; } = "";
    /// <summary>The metric's unit (nats, test errors / 10,000, modes, …).</summary>
    public string Unit { get; init; } = "";
    /// <summary>The paper's value (null for a figure without a number).</summary>
    public double? PaperValue { get; init; }
    /// <summary>The paper's error bar (null when it gives none).</summary>
    public double? PaperError { get; init; }
    /// <summary>What the paper's error bar is (e.g. standard error over test examples).</summary>
    public string PaperErrorKind { get; init; } = "";
    /// <summary>Which direction of the metric is better.</summary>
    public Better Better { get; init; } = Better.Higher;
    /// <summary>The value this reproduction must reach (on the better side), or null.</summary>
    public double? Goal { get; init; }
    /// <summary>Experiments of experiments.yaml trained for every seed.</summary>
    public IReadOnlyList<string> Experiments { get; init; } = [];
    /// <summary>Seeds each experiment is trained with.</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [1];
    /// <summary><c>key=value</c> overrides applied to every experiment (as <c>--set</c> takes them).</summary>
    public IReadOnlyList<string> Set { get; init; } = [];
    /// <summary>How the trained models are evaluated.</summary>
    public ProtocolSpec Protocol { get; init; } = new FinalMetricProtocol();
    /// <summary>The wall-time window this budget is sized for, in words (e.g. "2.5 h on 2 cores").</summary>
    public string Window { get; init; } = "";
    /// <summary>Every difference from the paper's setup, one sentence each.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];
    /// <summary>What was tried and what remains, for docs/reproductions.md.</summary>
    public string Notes { get; init; } = "";
}
