namespace GanWorkbench.Bench;

/// <summary>The parts of a benchmark run; each can be chosen with --only or left out with --skip.</summary>
public static class BenchParts
{
    /// <summary>The SGEMM ceiling.</summary>
    public const string Ceiling = "ceiling";
    /// <summary>MNIST loading times.</summary>
    public const string Data = "data";
    /// <summary>Alternating speed rounds per model × batch.</summary>
    public const string Speed = "speed";
    /// <summary>The PyTorch peer inside the speed rounds.</summary>
    public const string PyTorch = "pytorch";
    /// <summary>Epoch time and memory trace per model × batch (5,000 DCGAN steps for the memory target).</summary>
    public const string Epoch = "epoch";
    /// <summary>The notebook series, at the budgets of <see cref="BenchOptions.NotebookBudgets"/>.</summary>
    public const string Notebooks = "notebooks";

    /// <summary>All parts, in the order they run.</summary>
    public static IReadOnlyList<string> All { get; } = [Ceiling, Data, Epoch, Speed, PyTorch, Notebooks];

    /// <summary>The budgets a notebook can run at, in the order they are measured.</summary>
    public static IReadOnlyList<string> NotebookBudgets { get; } = ["quick", "lesson", "full"];

    /// <summary>Parses a comma-separated list of budgets (<c>--notebook-budgets</c>).</summary>
    public static IReadOnlyList<string> ParseNotebookBudgets(string list)
    {
        var asked = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var b in asked)
            if (!NotebookBudgets.Contains(b))
                throw new InputException($"--notebook-budgets: '{b}' is not a notebook budget; use a comma-separated list of: {string.Join(", ", NotebookBudgets)}.");
        return asked.Count == 0 ? throw new InputException("--notebook-budgets: give at least one of quick, lesson, full.") : NotebookBudgets.Where(asked.Contains).ToList();
    }

    /// <summary>Parses a comma-separated list of part names. <c>pytorch</c> alone implies <c>speed</c>
    /// (the peer is measured inside the speed rounds).</summary>
    public static IReadOnlySet<string> Parse(string list, string option)
    {
        var parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        foreach (var part in parts)
            if (!All.Contains(part))
                throw new InputException($"{option}: '{part}' is not a benchmark part; use a comma-separated list of: {string.Join(", ", All)}.");
        return parts;
    }
}

/// <summary>How a benchmark run is configured (see <c>./gwb bench --help</c>).</summary>
public sealed record BenchOptions
{
    /// <summary>Tiny budget for smoke tests: every part runs, numbers mean nothing.</summary>
    public bool Quick { get; init; }
    /// <summary>auto, cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "auto";
    /// <summary>Intra-op threads (0 = GWB_THREADS, else all cores).</summary>
    public int Threads { get; init; }
    /// <summary>Seed of models and data order.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Models to measure (names from <see cref="BenchModels"/>).</summary>
    public IReadOnlyList<string> Models { get; init; } = BenchModels.All.Select(m => m.Name).ToList();
    /// <summary>Batch sizes.</summary>
    public IReadOnlyList<int> Batches { get; init; } = [64, 256];
    /// <summary>Parts to run.</summary>
    public IReadOnlySet<string> Parts { get; init; } = BenchParts.All.ToHashSet();
    /// <summary>Notebook budgets the notebooks part runs (quick, lesson, full; full takes hours on a CPU).</summary>
    public IReadOnlyList<string> NotebookBudgets { get; init; } = ["quick", "lesson"];
    /// <summary>Python for the PyTorch peer.</summary>
    public string Python { get; init; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    /// <summary>Speed rounds per model × batch.</summary>
    public int Rounds { get; init; } = 7;
    /// <summary>Target seconds of one timed block.</summary>
    public double BlockSeconds { get; init; } = 2.5;
    /// <summary>Steps of the memory-target run (DCGAN NS at batch 64); other models run one epoch.</summary>
    public int MemorySteps { get; init; } = 5000;
    /// <summary>Where the JSON goes (default: bench/results/&lt;UTC time&gt;-&lt;device&gt;.json).</summary>
    public string? Output { get; init; }
    /// <summary>A markdown file whose generated speed tables are replaced (e.g. BENCHMARKS.md), or null.</summary>
    public string? UpdateMarkdown { get; init; }
    /// <summary>Dataset root (null = GWB_DATA or data/).</summary>
    public string? DataRoot { get; init; }
    /// <summary>The command line, recorded in the results.</summary>
    public string Command { get; init; } = "";

    /// <summary>The settings <c>--quick</c> applies on top of the user's: one batch size of 8 (unless
    /// batches were given), two rounds of one-step blocks, 3-step epoch runs, small SGEMM sizes.</summary>
    public BenchOptions ApplyQuick() => !Quick ? this : this with
    {
        Batches = Batches.SequenceEqual([64, 256]) ? [8] : Batches,
        Rounds = 2, BlockSeconds = 0.001, MemorySteps = 3,
    };
}
