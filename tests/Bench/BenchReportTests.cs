using GanWorkbench.Bench;
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
    public void Unknown_models_are_bad_input_that_lists_the_known_ones() =>
        Assert.Equal("unknown benchmark model 'gan'; known: mlp-gan, dcgan-ns, dcgan-wgan-gp, mlp-vae.",
            Assert.Throws<InputException>(() => BenchModels.Get("gan")).Message);

    [Theory]
    // done, steps, sampleEvery, perEpoch, warmup → next stop
    [InlineData(0, 5000, 25, 937, 100, 25)]
    [InlineData(75, 5000, 25, 937, 100, 100)]
    [InlineData(925, 5000, 25, 937, 100, 937)]     // the end of the first epoch is a stop of its own
    [InlineData(937, 5000, 25, 937, 100, 950)]
    [InlineData(4990, 5000, 25, 937, 100, 5000)]
    [InlineData(0, 3, 1, 7500, 1, 1)]
    public void Epoch_runs_stop_at_samples_warmup_epoch_end_and_the_end(int done, int steps, int every, int perEpoch, int warmup, int expected) =>
        Assert.Equal(expected, EpochRun.NextStop(done, steps, every, perEpoch, warmup));

    [Theory]
    [InlineData(0.034, "+3.4%")]
    [InlineData(-0.004, "−0.4%")]
    [InlineData(0.0, "+0.0%")]
    public void Percentages_carry_their_sign(double fraction, string expected) => Assert.Equal(expected, BenchSummary.Percent(fraction));
}
