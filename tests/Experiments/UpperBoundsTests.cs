using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>
/// Sizes that would become a native allocation failure, an overflow or a flood of threads are refused with the
/// field's place and the fix, by <c>check</c> as by <c>run</c>, before any run directory exists; the machine's own
/// limits (cores, memory) are checked when a run starts. {0} stands for the file's path.
/// </summary>
public class UpperBoundsTests
{
    const string A = "experiments:\n  a:\n";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "latent-dim", A + "    model: { name: dcgan, latent_dim: 100000000 }\n",
          "{0}:3:39: model.latent_dim = 100000000 is more than the 65,536 gwb allows; set model.latent_dim ≤ 65536." },
        { "g-width", A + "    model: { name: dcgan, g_width: 1000000 }\n",
          "{0}:3:36: model.g_width = 1000000 is more than the 8,192 gwb allows; set model.g_width ≤ 8192." },
        { "sample-count", A + "    sample_count: 1000000000\n",
          "{0}:3:19: sample_count = 1000000000 is more than the 4,096 gwb allows; set sample_count ≤ 4096." },
        { "eval-samples", A + "    eval_samples: 1000000000\n",
          "{0}:3:19: eval_samples = 1000000000 is more than the 200,000 gwb allows; set eval_samples ≤ 200000." },
        { "threads", A + "    threads: 100000\n",
          "{0}:3:14: threads = 100000 is more than the 1,024 gwb allows (0 = all cores); set threads ≤ 1024." },
        { "steps", A + "    budget: { steps: 1000000000000000 }\n",
          "{0}:3:22: budget.steps = 1000000000000000 is more than the 1,000,000,000 gwb allows; set budget.steps ≤ 1000000000." },
        { "epochs", A + "    budget: { epochs: 1e300 }\n",
          "{0}:3:23: budget.epochs = 1E+300 is more than the 1,000,000 a run may train; set budget.epochs ≤ 1,000,000." },
        { "epochs-implied-steps", A + "    data: { batch_size: 1 }\n    budget: { epochs: 100000 }\n",
          "{0}:4:23: budget.epochs = 1E+05 means 6E+09 generator steps at data.batch_size 1, more than the 1,000,000,000 a run may train; set budget.epochs ≤ 16,666." },
        { "batch-larger-than-dataset", A + "    data: { batch_size: 70000 }\n",
          "{0}:3:25: data.batch_size = 70000 is larger than the training set (60,000 images of mnist), so not one batch can be drawn; set data.batch_size ≤ 60000." },
        { "batch-larger-than-train-images", A + "    data: { batch_size: 128, train_images: 100 }\n",
          "{0}:3:25: data.batch_size = 128 is larger than the training set (100 images of mnist, data.train_images), so not one batch can be drawn; set data.batch_size ≤ 100." },
        { "train-images", A + "    data: { train_images: 70000 }\n",
          "{0}:3:27: data.train_images = 70000 is more than the 60,000 training images of mnist; set data.train_images ≤ 60000 (or remove it to use them all)." },
        { "toy-batch", A + "    data: { dataset: 8gaussians, batch_size: 2000000000 }\n    model: { name: toy-mlp }\n",
          "{0}:3:46: data.batch_size = 2000000000 is more than the 1,048,576 gwb allows; set data.batch_size ≤ 1048576." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_oversized_field_is_refused_at_its_place_with_the_fix(string name, string yaml, string expected)
    {
        using var temp = new TempFolder();
        string path = temp.File($"{name}.yaml");
        File.WriteAllText(path, yaml);
        var e = Assert.Throws<InputException>(() => ExperimentFile.Load(path));
        Assert.Equal(expected.Replace("{0}", path), e.Message);
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("latent-dim")]
    [InlineData("steps")]
    [InlineData("epochs")]
    [InlineData("batch-larger-than-dataset")]
    public void The_cli_exits_with_2_and_creates_no_run_directory(string name)
    {
        var yaml = Cases.Select(c => ((string)c[0], (string)c[1], (string)c[2])).Single(c => c.Item1 == name);
        using var temp = new TempFolder();
        string path = temp.File($"{name}.yaml"), runs = temp.File("runs");
        File.WriteAllText(path, yaml.Item2);
        var (code, stdout, stderr) = Gwb.Run(runs, "run", "a", "--file", path);
        Assert.Equal((2, "", $"gwb: error: {yaml.Item3.Replace("{0}", path)}\n"), (code, stdout, stderr));
        Assert.False(Directory.Exists(runs), "no runs/ folder may appear");
    }

    [Fact]
    public void More_threads_than_cores_are_refused_before_the_run_directory_exists()
    {
        var spec = new ExperimentSpec { Name = "a", Threads = 3 };
        var e = Assert.Throws<InputException>(() => RunPreflight.Threads(spec, cores: 2, "experiment 'a'"));
        Assert.Equal("experiment 'a': threads = 3 is more than the 2 cores of this machine; set threads ≤ 2 (0 = all cores).", e.Message);
        RunPreflight.Threads(spec with { Threads = 2 }, cores: 2, "experiment 'a'");

        using var temp = new TempFolder();
        string path = temp.File("e.yaml"), runs = temp.File("runs");
        File.WriteAllText(path, A + "    threads: 1000\n    budget: { steps: 2 }\n");
        var (code, _, stderr) = Gwb.Run(runs, "run", "a", "--file", path);
        Assert.Equal((2, $"gwb: error: experiment 'a': threads = 1000 is more than the {Environment.ProcessorCount} cores of this machine; " +
                         $"set threads ≤ {Environment.ProcessorCount} (0 = all cores).\n"), (code, stderr));
        Assert.False(Directory.Exists(runs));
    }

    [Fact]
    public void The_memory_estimate_names_the_largest_field_and_is_checked_against_the_machine()
    {
        var spec = new ExperimentSpec { Name = "a", SampleCount = 4096, Model = new GanWorkbench.Models.DcganOptions { LatentDim = 65_536 } };
        var (bytes, field) = RunPreflight.Estimate(spec);
        // 4 bytes × (4096 × (65536 + 784) fixed codes + 64 × (65536 + 784) × 2 batch + 4 × 65536 × 64 input layer)
        Assert.Equal(4L * (4096L * 66_320 + 64L * 66_320 * 2 + 4L * 65_536 * 64), bytes);
        Assert.Equal("sample_count", field);
        var e = Assert.Throws<InputException>(() => RunPreflight.Memory(spec, available: 1L << 30, "experiment 'a'"));
        Assert.Equal("experiment 'a': the experiment needs at least 1.11 GB of memory (sample_count contributes most), " +
                     "more than the 1.0 GB this machine has; lower sample_count.", e.Message);
        RunPreflight.Memory(new ExperimentSpec(), available: 1L << 30, "experiment 'a'");
    }
}
