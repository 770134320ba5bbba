using GanWorkbench.Experiments;
using GanWorkbench.Plotting;
using GanWorkbench.Training;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Plotting;

/// <summary>The VAE series carry exactly the run's numbers: bound = −loss, x = step × batch size.</summary>
public class VaeChartsTests
{
    static StepMetrics Window(long step, double loss) =>
        new(step, new Dictionary<string, double> { ["loss"] = loss, ["kl"] = 3 }, 0, 0, new Dictionary<string, long>());

    [Fact]
    public void Bound_series_negate_the_losses_and_count_examples_seen()
    {
        var history = new[] { Window(0, 540), Window(50, 200), Window(100, 150.5) };
        var evaluations = new[]
        {
            new EvaluationResult(0, new Dictionary<string, double> { ["test_neg_elbo"] = 543 }),
            new EvaluationResult(100, new Dictionary<string, double> { ["test_neg_elbo"] = 160.25, ["test_kl"] = 9 }),
        };
        var series = VaeCharts.BoundSeries("d = 2", history, evaluations, batchSize: 100);

        Assert.Equal(["d = 2 train", "d = 2 test"], series.Select(s => s.Name));
        Assert.Equal([5_000.0, 10_000.0], series[0].X);
        Assert.Equal([-200.0, -150.5], series[0].Y);
        Assert.Equal([10_000.0], series[1].X);
        Assert.Equal([-160.25], series[1].Y);
    }

    [Fact]
    public void Bound_series_without_evaluations_have_only_the_training_line_and_a_gan_history_is_refused()
    {
        var series = VaeCharts.BoundSeries("run", [Window(10, 100)], [], batchSize: 20);
        Assert.Equal(["run train"], series.Select(s => s.Name));
        Assert.Equal([200.0], series[0].X);

        var gan = new StepMetrics(10, 1, 0.5, 0.5, 0.7, 0.6, 0.4, 0, 0);
        var e = Assert.Throws<ArgumentException>(() => VaeCharts.BoundSeries("gan", [gan], [], 64));
        Assert.StartsWith("gan: the history has no 'loss' column; is it a VAE run?", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeCharts.BoundSeries("run", [Window(10, 100)], [], 0));
    }

    [Fact]
    public void Codes_are_split_by_class_in_class_order()
    {
        using var codes = tensor(new float[] { 0, 1, 2, 3, 4, 5, 6, 7 }, [4, 2]);
        using var labels = tensor(new long[] { 2, 0, 2, 1 });
        var series = VaeCharts.CodesByClass(codes, labels, ["zero", "one", "two"]);

        Assert.Equal(["zero", "one", "two"], series.Select(s => s.Name));
        Assert.Equal([2.0], series[0].X);
        Assert.Equal([3.0], series[0].Y);
        Assert.Equal([6.0], series[1].X);
        Assert.Equal([0.0, 4.0], series[2].X);
        Assert.Equal([1.0, 5.0], series[2].Y);

        Assert.Throws<ArgumentException>(() => VaeCharts.CodesByClass(codes, labels, ["zero", "one"]));
        using var threeD = zeros(4, 3);
        Assert.Throws<ArgumentException>(() => VaeCharts.CodesByClass(threeD, labels, ["a", "b", "c"]));
    }
}
