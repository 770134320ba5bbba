using System.Text.Json;
using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>A run records the threads and oneDNN cap it trained with (compute.json); a resume uses those threads
/// where the machine has the cores, and otherwise warns that the rest of the run is no longer bit for bit.</summary>
public class ResumeThreadsTests
{
    static readonly RunCompute TwoThreads = new(2, "AVX2");

    [Fact]
    public void The_recorded_threads_win_over_GWB_THREADS_with_a_note()
    {
        var (threads, warnings) = RunCompute.ResumeThreads(TwoThreads, configured: 0, cores: 4, isa: "AVX2", env: "1");
        Assert.Equal(2, threads);
        Assert.Equal(["resuming on 2 threads, as the run began (not 1), so that it continues bit for bit."], warnings);
        Assert.Equal((2, 0), (RunCompute.ResumeThreads(TwoThreads, 0, cores: 2, "AVX2", env: null) is var same ? (same.Threads, same.Warnings.Count) : default));
    }

    [Fact]
    public void Too_few_cores_or_another_onednn_cap_is_warned_about()
    {
        var (threads, warnings) = RunCompute.ResumeThreads(TwoThreads, configured: 0, cores: 1, isa: "SSE41", env: null);
        Assert.Equal(1, threads);
        Assert.Equal(["the run began under the oneDNN cap AVX2 and resumes under SSE41: the rest of the run will not be bit for bit what an uninterrupted run computes. " +
                      "Resume with GWB_ONEDNN_ISA=AVX2 to keep it.",
                      "the run began on 2 threads, more than the 1 cores of this machine; it resumes on 1, so the rest of the run will not be bit for bit what an uninterrupted run computes."],
                     warnings);
        Assert.Equal((0, 0), RunCompute.ResumeThreads(null, 0, 1, "SSE41", null) is var old ? (old.Threads, old.Warnings.Count) : default);
        var fitted = RunCompute.ResumeThreads(null, configured: 4, cores: 1, "SSE41", null);
        Assert.Equal(1, fitted.Threads);
        Assert.Equal(["its config sets threads: 4, more than the 1 cores of this machine; it resumes on 1, so the rest of the run will not be bit for bit " +
                      "what an uninterrupted run computes."], fitted.Warnings);
    }

    [Fact]
    public void A_run_begun_on_one_thread_resumes_on_one_although_GWB_THREADS_asks_for_two()
    {
        string? saved = Environment.GetEnvironmentVariable("GWB_THREADS");
        int torchThreads = TorchSharp.torch.get_num_threads();
        using var temp = new TempFolder();
        try
        {
            Environment.SetEnvironmentVariable("GWB_THREADS", "1");
            var spec = ExperimentFile.Load().Get("quickstart", quick: true,
                ["device=cpu", "threads=0", "model.g_width=8", "model.d_width=8", "data.batch_size=8", "data.train_images=64", "budget={steps: 2}",
                 "log_every=1", "checkpoint_every=1", "sample_every=0", "eval_metrics=[]", "tensorboard=false"]);
            var done = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = temp.Path });
            using (var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(done.Directory.Path, "compute.json"))))
                Assert.Equal((1, GanWorkbench.Native.TorchLoader.OneDnnIsa),
                             (record.RootElement.GetProperty("threads").GetInt32(), record.RootElement.GetProperty("onednn_isa").GetString()));
            done.Directory.WriteStatus(done.Status with { State = RunState.Failed });
            Environment.SetEnvironmentVariable("GWB_THREADS", "2");
            TorchSharp.torch.set_num_threads(2);
            var warnings = new List<string>();
            var resumed = ExperimentRunner.Resume(done.Directory.Path, new RunOptions { OnWarning = warnings.Add });
            Assert.True(resumed.Completed);
            Assert.Equal(["resuming on 1 thread, as the run began (not 2), so that it continues bit for bit."], warnings);
            Assert.Equal(1, TorchSharp.torch.get_num_threads());
        }
        finally
        {
            Environment.SetEnvironmentVariable("GWB_THREADS", saved);
            TorchSharp.torch.set_num_threads(torchThreads);
        }
    }
}
