using GanWorkbench.Bench;
using GanWorkbench.Bench.Measure;
using GanWorkbench.Bench.Report;
using GanWorkbench.Bench.Runner;

namespace GanWorkbench.Tests.Bench;

/// <summary>Where the generated tables go in BENCHMARKS.md, how parts are parsed, when an epoch run stops.</summary>
public class BenchReportTests
{
    const string Block = "<!-- gwb-bench:begin x -->\nTABLES\n<!-- gwb-bench:end -->";

    [Fact]
    public void Markers_are_replaced_and_everything_else_is_kept()
    {
        string text = "# Benchmarks\n\n## Speed\nintro\n<!-- gwb-bench:begin old -->\nOLD\n<!-- gwb-bench:end -->\nafter\n\n## Training results\nkept\n";
        Assert.Equal("# Benchmarks\n\n## Speed\nintro\n" + Block + "\nafter\n\n## Training results\nkept\n", BenchmarksMarkdown.Splice(text, Block));
    }

    [Fact]
    public void Without_markers_the_block_goes_under_the_speed_heading()
    {
        string text = "# Benchmarks\n\n## Evaluation\nE\n\n## Speed\nprose\n";
        Assert.Equal("# Benchmarks\n\n## Evaluation\nE\n\n## Speed\n\n" + Block + "\n\nprose\n", BenchmarksMarkdown.Splice(text, Block));
    }

    [Fact]
    public void Without_a_speed_heading_a_section_is_appended()
    {
        string text = "# Benchmarks\n\n## Training results\nT\n";
        Assert.Equal("# Benchmarks\n\n## Training results\nT\n\n## Speed\n\n" + Block + "\n", BenchmarksMarkdown.Splice(text, Block));
    }

    [Fact]
    public void Unknown_parts_are_bad_input_that_lists_the_known_ones()
    {
        var e = Assert.Throws<InputException>(() => BenchParts.Parse("speed,gpu", "--only"));
        Assert.Equal("--only: 'gpu' is not a benchmark part; use a comma-separated list of: ceiling, data, epoch, speed, pytorch, notebooks.", e.Message);
        Assert.Equal(["pytorch", "speed"], BenchParts.Parse(" speed, pytorch ,", "--only").Order());
    }

    [Fact]
    public void Notebook_budgets_parse_in_their_own_order_and_unknown_ones_are_refused()
    {
        Assert.Equal(["quick", "lesson", "full"], BenchParts.ParseNotebookBudgets("full, quick,lesson"));
        Assert.Equal("--notebook-budgets: 'medium' is not a notebook budget; use a comma-separated list of: quick, lesson, full.",
            Assert.Throws<InputException>(() => BenchParts.ParseNotebookBudgets("lesson,medium")).Message);
    }

    [Fact]
    public void The_notebook_table_has_a_column_per_budget_with_the_load()
    {
        var nb = new NotebookResult(["notebooks/01-a.ipynb", "notebooks/02-b.ipynb"], 370, [
            new("notebooks/01-a.ipynb", 12.4, 0, "quick", 1.5), new("notebooks/02-b.ipynb", 20, 2, "quick", null),
            new("notebooks/01-a.ipynb", 137.6, 0, "lesson", 2.04), new("notebooks/02-b.ipynb", 200, 0, "lesson", 3)], "all ran");
        Assert.Equal("""
            **Notebooks** — `./gwb nb run NOTEBOOK --param BUDGET=…`, wall seconds (1-minute load average when it started); all ran:

            | notebook | quick | lesson |
            |---|---:|---:|
            | 01-a.ipynb | 12 s (1.5) | 138 s (2.0) |
            | 02-b.ipynb | 20 s, exit 2 | 200 s (3.0) |
            | all | 32 s | 338 s |

            """.ReplaceLineEndings("\n"), BenchmarksMarkdown.NotebookTable(nb).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Unknown_models_are_bad_input_that_lists_the_known_ones() =>
        Assert.Equal("unknown benchmark model 'gan'; known: mlp-gan, dcgan-ns, dcgan-wgan-gp, mlp-vae.",
            Assert.Throws<InputException>(() => BenchModels.Get("gan")).Message);

    [Theory]
    [InlineData(0.034, "+3.4%")]
    [InlineData(-0.004, "−0.4%")]
    [InlineData(0.0, "+0.0%")]
    public void Percentages_carry_their_sign(double fraction, string expected) => Assert.Equal(expected, BenchSummary.Percent(fraction));
}

/// <summary>The epoch run's observer: which steps it samples, when the epoch ends, the warm-up baseline.</summary>
public class TraceObserverTests
{
    [Fact]
    public void Samples_every_step_of_a_short_run_and_times_the_first_epoch()
    {
        var lines = new List<string>();
        var trace = new TraceObserver(steps: 10, perEpoch: 4, lines.Add);
        trace.OnStart(null!);
        for (long step = 1; step <= 10; step++) trace.OnStep(step);
        var result = trace.Result();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (double)i), result.Trace.Select(p => p[0]));
        Assert.Equal(1, result.WarmupSteps);
        Assert.Equal(10, result.Steps);
        Assert.Equal(4, result.StepsPerEpoch);
        Assert.NotNull(result.EpochSeconds);
        Assert.Equal(Stats.WindowGrowth(result.Trace.Where(p => p[0] >= 1).Select(p => p[1]).ToList()), result.GrowthMib);
        Assert.Equal(10, lines.Count);                                  // a progress line every tenth of the run
    }

    [Fact]
    public void Samples_two_hundred_points_of_a_long_run_and_no_epoch_time_before_the_epoch_ends()
    {
        var trace = new TraceObserver(steps: 5000, perEpoch: 9999, _ => { });
        trace.OnStart(null!);
        for (long step = 1; step <= 5000; step++) trace.OnStep(step);
        var result = trace.Result();
        Assert.Equal(201, result.Trace.Count);                          // step 0, then every 25 steps
        Assert.Equal(25, result.Trace[1][0]);
        Assert.Equal(100, result.WarmupSteps);
        Assert.Null(result.EpochSeconds);
    }
}
