using System.Text.Json;
using GanWorkbench.Data;
using GanWorkbench.Experiments;
using GanWorkbench.Metrics;
using GanWorkbench.Models;
using GanWorkbench.Plotting;

namespace GanWorkbench.Tests.Experiments;

/// <summary>Every experiment in experiments.yaml completes its --quick budget on real data (the
/// "zoo completes its quick budget in CI" check): finite losses in metrics.jsonl, a sample picture,
/// a checkpoint, and for VAEs, the semi-supervised GAN, InfoGAN and ClusterGAN their evaluation row.</summary>
public class ZooQuickRunTests
{
    public static TheoryData<string> Experiments()
    {
        var data = new TheoryData<string>();
        foreach (var name in ExperimentFile.Load().Names) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Experiment_completes_its_quick_budget(string name)
    {
        using var temp = new TempFolder();
        var spec = ExperimentFile.Load().Get(name, quick: true, ["device=cpu", "tensorboard=false"]);
        var result = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = temp.Path });

        Assert.True(result.Completed, $"{name}: {result.Status.State} {result.Status.Reason}");
        long steps = spec.Budget.Steps!.Value;
        Assert.Equal(steps, result.Status.Step);
        Assert.Equal(steps, result.History[^1].Step);
        foreach (var m in result.History)
            foreach (var (key, value) in m.Values)
                Assert.True(double.IsFinite(value), $"{name}: {key} = {value} at step {m.Step}");
        string[] losses = spec.Model.Name == "vae" ? ["loss"] : ["d_loss", "g_loss", "d_real", "d_fake"];
        foreach (var key in losses) Assert.Contains(key, result.History[^1].Values.Keys);

        var png = File.ReadAllBytes(result.Directory.SamplePath(steps));
        Assert.True(ImageGrid.PngSize(png).Width > 0);
        Assert.True(File.Exists(Path.Combine(result.Directory.Path, "checkpoints", $"step-{steps:D8}", "state.json")));
        if (spec.Model.Name == "vae")
            Assert.InRange(result.Evaluations.Single().Values["test_neg_elbo"], 50, 800);       // nats: untrained ≈ 543
        if (spec.Model.Name == "ssgan")
            Assert.InRange(result.Evaluations.Single().Values["test_error"], 0, 1);
        if (spec.Model.Name == "infogan")
        {
            // The recorded scores are the saved Q head's clustering of the whole test set.
            var d = (InfoGanDiscriminator)result.LoadDiscriminator();
            using var test = ImageDataset.Load("mnist", "test", TorchSharp.torch.CPU);
            var expected = ClusteringScores.Compute("code", InfoGanCodes.PredictCategories(d, test.Images), test.LabelArray());
            var recorded = result.Evaluations.Single().Values;
            Assert.Equal((expected.Accuracy, expected.Nmi, expected.Ari), (recorded["code_acc"], recorded["code_nmi"], recorded["code_ari"]));
        }
        if (spec.Model.Name == "clustergan")
        {
            // The recorded scores are the saved encoder's clustering of the whole test set.
            var g = (ClusterGanGenerator)result.LoadGenerator();
            using var test = ImageDataset.Load("mnist", "test", TorchSharp.torch.CPU);
            var expected = ClusteringScores.Compute("clusters", g.Encoder.Clusters(test.Images), test.LabelArray());
            var recorded = result.Evaluations.Single().Values;
            Assert.Equal((expected.Accuracy, expected.Nmi, expected.Ari), (recorded["cluster_acc"], recorded["cluster_nmi"], recorded["cluster_ari"]));
        }
        using var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.Directory.Path, "status.json")));
        Assert.Equal("completed", status.RootElement.GetProperty("state").GetString());
    }
}
