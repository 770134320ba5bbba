using System.Text.Json;
using GanWorkbench.Experiments;
using GanWorkbench.Plotting;

namespace GanWorkbench.Tests.Experiments;

/// <summary>The vertical slice end to end on real MNIST: experiments.yaml → trainer → run directory.</summary>
public class QuickstartRunTests
{
    [Fact]
    public void Quick_quickstart_writes_a_complete_run_directory()
    {
        using var temp = new TempFolder();
        var spec = ExperimentFile.Load().Get("quickstart", quick: true, ["device=cpu", "sample_every=10"]);
        var result = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = temp.Path });

        Assert.True(result.Completed);
        string dir = result.Directory.Path;
        Assert.StartsWith(Path.Combine(temp.Path, "quickstart") + Path.DirectorySeparatorChar, dir);
        Assert.EndsWith("-s1", dir);
        Assert.Equal(["checkpoints", "compute.json", "config.yaml", "events", "metrics.jsonl", "samples", "status.json"],
            Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order());
        Assert.Equal(["config.yaml", "discriminator.pt", "generator.pt", "manifest.json", "optimizer_d.pt", "optimizer_g.pt", "state.json"],
            Directory.GetFiles(Path.Combine(dir, "checkpoints", "step-00000020")).Select(Path.GetFileName).Order());
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "events"), "events.out.tfevents.*"));

        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.jsonl"));
        Assert.Equal(spec.Budget.Steps!.Value / spec.LogEvery, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            foreach (var key in new[] { "d_loss", "g_loss", "d_real", "d_fake", "images_per_sec" })
                Assert.True(double.IsFinite(json.RootElement.GetProperty(key).GetDouble()), key);
        }

        var samples = Directory.GetFiles(Path.Combine(dir, "samples")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["step-000010.png", "step-000020.png"], samples);
        Assert.Equal((8 * 28 + 9 * 2, 8 * 28 + 9 * 2), ImageGrid.PngSize(File.ReadAllBytes(Path.Combine(dir, "samples", "step-000020.png"))));

        using var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "status.json")));
        Assert.Equal("completed", status.RootElement.GetProperty("state").GetString());
        Assert.Equal(20, status.RootElement.GetProperty("step").GetInt64());
    }

    [Fact]
    public void Same_seed_same_losses_on_cpu()
    {
        using var temp = new TempFolder();
        var spec = ExperimentFile.Load().Get("quickstart", quick: true, ["device=cpu"]);
        var first = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = temp.Path }).History;
        var second = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = temp.Path }).History;
        Assert.Equal(first.Select(m => (m.DLoss, m.GLoss)), second.Select(m => (m.DLoss, m.GLoss)));
    }

    [Fact]
    public void Bad_input_leaves_no_run_directory()
    {
        using var temp = new TempFolder();
        // The size of the training set is known before anything is written: the experiment is refused while it is resolved.
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Run(
            ExperimentFile.Load().Get("quickstart", quick: true, ["device=cpu", "data.batch_size=100000"]), new RunOptions { RunsRoot = temp.Path }));
        Assert.Equal("--set data.batch_size=100000: data.batch_size = 100000 is larger than the training set (60,000 images of mnist), so not one batch can be drawn; " +
                     "set data.batch_size ≤ 60000.", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }
}
