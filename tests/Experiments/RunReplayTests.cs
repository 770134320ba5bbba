using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using GanWorkbench.Experiments;
using GanWorkbench.Plotting;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Experiments;

/// <summary>The process dies (an exception out of the run loop, as a kill would leave things) at one
/// moment of one step.</summary>
sealed class DieAt(string moment, long step) : RunObserver
{
    public override void OnStep(long at) { if (moment == "step" && at == step) throw new IOException("killed"); }
    public override void OnLog(GanWorkbench.Training.StepMetrics m, long total) { if (moment == "log" && m.Step == step) throw new IOException("killed"); }
    public override void OnSamples(long at, ImageGrid grid) { if (moment == "samples" && at == step) throw new IOException("killed"); }
    public override void OnEvaluate(EvaluationContext context)
    {
        using var x = context.Sample(16);
        context.Record("sample_mean", x.mean().item<float>());
        if (moment == "evaluation" && context.Step == step) throw new IOException("killed");
    }
    public override void OnCheckpoint(long at, string path) { if (moment == "checkpoint" && at == step) throw new IOException("killed"); }
}

/// <summary>
/// Whatever moment between steps a run dies at — after a step, after its metrics row, after its sample
/// grid, in its evaluation, right after its checkpoint — the resumed run directory equals the
/// uninterrupted run's file for file: config, status, metrics rows, sample grids, evaluations, the kept
/// checkpoints and every byte of their tensors, and every TensorBoard scalar in order. Only wall-clock times,
/// process ids, throughput and the event files' names (a tick count and the process id) are left out.
/// </summary>
public class RunReplayTests
{
    static ExperimentSpec Small() => ExperimentFile.Load().Get("quickstart", quick: true,
        ["device=cpu", "threads=1", "model={name: dcgan, latent_dim: 16, g_width: 8, d_width: 8}", "data.batch_size=8",
         "budget={steps: 8}", "log_every=2", "checkpoint_every=2", "sample_every=2", "eval_every=2"]);

    /// <summary>Every file of a run directory by relative path, with what may differ between runs removed.</summary>
    static SortedDictionary<string, string> Snapshot(string dir)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(dir, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(dir, path).Replace('\\', '/');
            if (name.StartsWith("events/", StringComparison.Ordinal)) continue;
            files[name] = name switch
            {
                "status.json" => Without(File.ReadAllText(path), "started_utc", "updated_utc", "pid", "host"),
                "metrics.jsonl" => string.Join("\n", File.ReadAllLines(path).Select(l => Without(l, "time", "images_per_sec"))),
                _ when name.EndsWith("/state.json", StringComparison.Ordinal) => Without(File.ReadAllText(path), "saved_utc"),
                _ when name.EndsWith("/manifest.json", StringComparison.Ordinal) => ManifestWithoutState(File.ReadAllText(path)),
                _ => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))),
            };
        }
        return files;
    }

    /// <summary>The TensorBoard scalars of a run, throughput left out (it is wall-clock).</summary>
    static List<(string Tag, long Step, float Value)> Scalars(string dir)
    {
        var scalars = TensorBoardEvents.Scalars(Path.Combine(dir, "events"));
        Assert.NotEmpty(scalars);
        return scalars.Where(s => s.Tag != "train/images_per_sec").ToList();
    }

    static string Without(string json, params string[] keys)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var k in keys) node.Remove(k);
        return node.ToJsonString();
    }

    static string ManifestWithoutState(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var files = node["files"]!.AsArray();
        foreach (var f in files.Where(f => f!["name"]!.GetValue<string>() == "state.json").ToList()) files.Remove(f);
        return node.ToJsonString();
    }

    [Theory]
    [InlineData("step", 5)]
    [InlineData("log", 6)]
    [InlineData("samples", 6)]
    [InlineData("evaluation", 6)]
    [InlineData("checkpoint", 6)]
    [InlineData("checkpoint", 8)]
    public void A_run_killed_at_any_moment_and_resumed_equals_the_uninterrupted_run(string moment, long step)
    {
        using var temp = new TempFolder();
        var probe = new DieAt("never", 0);
        var whole = ExperimentRunner.Run(Small(), new RunOptions { RunsRoot = temp.File("whole"), Observers = [probe] });
        Assert.True(whole.Completed);

        var die = new DieAt(moment, step);
        Assert.Throws<IOException>(() => ExperimentRunner.Run(Small(), new RunOptions { RunsRoot = temp.File("killed"), Observers = [die] }));
        string killed = Directory.GetDirectories(temp.File("killed"), "*-s1", SearchOption.AllDirectories).Single();
        if (moment == "checkpoint")                                            // a kill before the older checkpoints were deleted
            CopyFolder(Path.Combine(killed, "checkpoints", $"step-{step - 2:D8}"), Path.Combine(killed, "checkpoints", "step-00000001"));
        var resumed = ExperimentRunner.Resume(killed, new RunOptions { Observers = [probe] });
        Assert.True(resumed.Completed);

        var expected = Snapshot(whole.Directory.Path);
        var actual = Snapshot(killed);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, content) in expected) Assert.True(content == actual[name], $"{name} differs after a kill at {moment} {step}");
        Assert.Equal(Scalars(whole.Directory.Path), Scalars(killed));
        Assert.Contains("checkpoints/step-00000006/generator.pt", expected.Keys);
        Assert.Contains("samples/step-000006.png", expected.Keys);
        Assert.Equal(4, whole.Evaluations.Count);
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }
}
