namespace GanWorkbench.Course;

/// <summary>The three sizes every notebook of the course can run at.</summary>
public enum BudgetKind
{
    /// <summary>Tiny: every cell runs end to end in seconds, for <c>make test</c> and CI. Numbers mean nothing.</summary>
    Quick,
    /// <summary>The default: the whole notebook in at most five minutes on a 2-core CPU, with results a
    /// student recognises (digits in the grids, curves that show the effect the text describes).</summary>
    Lesson,
    /// <summary>The budgets of the papers and of experiments.yaml: the figures and the reproduced numbers
    /// (hours on a CPU for some notebooks).</summary>
    Full,
}

/// <summary>
/// A notebook's budget, parsed once from its parameters cell (<c>string BUDGET = "lesson";</c>, overridden
/// with <c>./gwb nb run … --param BUDGET=quick</c>), and the one place its cells read sizes from:
/// <c>budget.Pick(quick: 40, lesson: 1500, full: 3000)</c>. <c>QUICK = true</c>, the older parameter, still
/// selects the quick budget.
/// </summary>
public sealed class NotebookBudget
{
    /// <summary>The budget.</summary>
    public BudgetKind Kind { get; }

    NotebookBudget(BudgetKind kind) => Kind = kind;

    /// <summary>The quick budget.</summary>
    public static NotebookBudget Quick { get; } = new(BudgetKind.Quick);
    /// <summary>The lesson budget.</summary>
    public static NotebookBudget Lesson { get; } = new(BudgetKind.Lesson);
    /// <summary>The full budget.</summary>
    public static NotebookBudget Full { get; } = new(BudgetKind.Full);

    /// <summary>The budget named <paramref name="name"/> (<c>quick</c>, <c>lesson</c> or <c>full</c>, any case);
    /// <paramref name="quick"/> = true (the old <c>QUICK</c> parameter) means <c>quick</c> whatever the name.</summary>
    /// <exception cref="InputException">For any other name.</exception>
    public static NotebookBudget Parse(string name, bool quick = false)
    {
        if (quick) return Quick;
        return (name ?? "").Trim().ToLowerInvariant() switch
        {
            "quick" => Quick,
            "lesson" => Lesson,
            "full" => Full,
            _ => throw new InputException($"BUDGET = \"{name}\": give \"lesson\" (the default, ≤ 5 minutes on 2 CPU cores), " +
                                          "\"quick\" (make test's tiny budget) or \"full\" (the papers' budgets)."),
        };
    }

    /// <summary>True for the quick budget.</summary>
    public bool IsQuick => Kind == BudgetKind.Quick;
    /// <summary>True for the lesson budget.</summary>
    public bool IsLesson => Kind == BudgetKind.Lesson;
    /// <summary>True for the full budget.</summary>
    public bool IsFull => Kind == BudgetKind.Full;

    /// <summary>The value for this budget.</summary>
    public T Pick<T>(T quick, T lesson, T full) => Kind switch
    {
        BudgetKind.Quick => quick,
        BudgetKind.Lesson => lesson,
        _ => full,
    };

    /// <summary>CPU threads the budget trains with: 1 for quick and lesson, 0 (torch's default, every core) for full. On
    /// a shared 2-core machine one thread is several times faster than two for the course's networks (150 steps of
    /// the quickstart DCGAN at batch 64: 31 s and 37 s on one thread, 129 s and 137 s on two, at load averages of 5 to
    /// 9), because two threads of one product wait for each other whenever another process holds a core.</summary>
    public int Threads => IsFull ? 0 : 1;

    /// <summary>Applies <see cref="Threads"/>: torch in this process, and every experiment run from it whose
    /// <c>threads</c> field is 0 (through <c>GWB_THREADS</c>, which the runner reads). Full leaves both alone.</summary>
    public NotebookBudget UseThreads()
    {
        if (Threads > 0)
        {
            TorchSharp.torch.set_num_threads(Threads);
            Environment.SetEnvironmentVariable("GWB_THREADS", Threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return this;
    }

    /// <summary>The budget's name as the parameters cell spells it: quick, lesson or full.</summary>
    public string Name => Kind.ToString().ToLowerInvariant();

    /// <inheritdoc/>
    public override string ToString() => $"{Name} budget";
}
