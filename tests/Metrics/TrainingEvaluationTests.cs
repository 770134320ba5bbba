using System.Text.Json;
using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Metrics;

/// <summary>Evaluation during training: <c>eval_metrics</c> in experiments.yaml → metrics.jsonl rows.</summary>
public class TrainingEvaluationTests
{
    static readonly string[] ImageKeys = ["fid", "mnist_score", "mnist_score_std", "precision", "recall", "classes_covered", "class_kl"];

    [Fact]
    public void Image_metrics_are_evaluated_at_step_zero_every_eval_every_and_do_not_change_training()
    {
        using var temp = new TempFolder();
        string[] common = ["device=cpu", "sample_every=0", "tensorboard=false", "budget={steps: 4}", "log_every=2", "data.batch_size=16"];
        var plain = ExperimentFile.Load().Get("quickstart", quick: true, common);
        var evaluated = ExperimentFile.Load().Get("quickstart", quick: true,
            [.. common, "eval_every=2", "eval_samples=100", "eval_metrics=[fid, mnist_score, precision_recall, class_coverage]"]);

        var withEval = ExperimentRunner.Run(evaluated, new RunOptions { RunsRoot = temp.Path });
        var without = ExperimentRunner.Run(plain, new RunOptions { RunsRoot = temp.Path });

        Assert.Equal([0L, 2, 4], withEval.Evaluations.Select(e => e.Step));
        foreach (var e in withEval.Evaluations)
        {
            Assert.Equal(ImageKeys.Order(), e.Values.Keys.Order());
            Assert.All(e.Values.Values, v => Assert.True(double.IsFinite(v)));
            Assert.InRange(e.Values["mnist_score"], 1, 10);
            Assert.InRange(e.Values["classes_covered"], 1, 10);
            Assert.InRange(e.Values["precision"], 0, 1);
        }
        Assert.True(withEval.Evaluations[0].Values["fid"] > 100, "an untrained generator is far from MNIST");
        Assert.Empty(without.Evaluations);
        // Evaluations sample under a preserved random state: training is bit-identical with and without them.
        Assert.Equal(without.History.Select(m => (m.Step, m.Values["d_loss"], m.Values["g_loss"])),
                     withEval.History.Select(m => (m.Step, m.Values["d_loss"], m.Values["g_loss"])));

        var rows = File.ReadAllLines(withEval.Directory.File("metrics.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.TryGetProperty("eval/fid", out _)).ToList();
        Assert.Equal([0L, 2, 4], rows.Select(r => r.GetProperty("step").GetInt64()));
    }

    [Fact]
    public void Toy_mixtures_report_modes_covered_and_high_quality_samples()
    {
        using var temp = new TempFolder();
        var spec = ExperimentFile.Load().Get("toy-8gaussians", quick: true,
            ["device=cpu", "sample_every=0", "tensorboard=false", "eval_metrics=[modes]", "eval_samples=256"]);
        var result = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = temp.Path });
        Assert.Equal([0L, 4], result.Evaluations.Select(e => e.Step));
        foreach (var e in result.Evaluations)
        {
            Assert.Equal(["high_quality", "modes_covered"], e.Values.Keys.Order());
            Assert.InRange(e.Values["modes_covered"], 0, 8);
            Assert.InRange(e.Values["high_quality"], 0, 1);
        }
    }

    [Fact]
    public void Eval_at_start_off_skips_only_the_step_zero_baseline()
    {
        using var temp = new TempFolder();
        var spec = ExperimentFile.Load().Get("toy-8gaussians", quick: true,
            ["device=cpu", "sample_every=0", "tensorboard=false", "eval_metrics=[modes]", "eval_samples=256", "eval_at_start=false"]);
        var result = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = temp.Path });
        Assert.Equal([4L], result.Evaluations.Select(e => e.Step));
    }

    [Theory]
    [InlineData("quickstart", "eval_metrics=[fdi]",
        "--set eval_metrics=[fdi]: eval_metrics: unknown metric 'fdi' (did you mean 'fid'?) for data.dataset 'mnist'; expected some of fid, mnist_score, precision_recall, class_coverage.")]
    [InlineData("quickstart", "eval_samples=5", "--set eval_samples=5: eval_samples must be at least 20, got 5.")]
    [InlineData("toy-8gaussians", "eval_metrics=[fid]",
        "--set eval_metrics=[fid]: eval_metrics: unknown metric 'fid' for data.dataset '8gaussians'; expected some of modes.")]
    [InlineData("toy-swissroll", "eval_metrics=[modes]",
        "--set eval_metrics=[modes]: eval_metrics: data.dataset 'swissroll' has no metrics to evaluate (it has no modes); remove 'modes'.")]
    public void Bad_evaluation_settings_are_located_input_errors(string experiment, string setting, string message)
    {
        var e = Assert.Throws<InputException>(() => ExperimentFile.Load().Get(experiment, quick: true, [setting]));
        Assert.Equal(message, e.Message);
    }
}
