using GanWorkbench.Data;
using GanWorkbench.Plotting;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// What the run loop drives: a GAN or a VAE being trained, with everything a checkpoint needs.
/// The loop (<see cref="ExperimentRunner"/>) owns logging, samples, evaluation, checkpoints and the
/// divergence guard; a session owns models, optimisers, data and the training step.
/// </summary>
internal interface ITrainingSession : IDisposable
{
    /// <summary>Steps done.</summary>
    long StepCount { get; }
    /// <summary>Steps in the budget.</summary>
    long TotalSteps { get; }
    /// <summary>The device.</summary>
    Device Device { get; }
    /// <summary>One training step.</summary>
    void Step();
    /// <summary>The logging window's averages.</summary>
    StepMetrics Flush();
    /// <summary>Raised after every step.</summary>
    event EventHandler<long>? Stepped;
    /// <summary>The picture of the current samples (fixed inputs).</summary>
    ImageGrid SampleGrid();
    /// <summary>A fresh evaluation context (models in eval mode until disposed).</summary>
    EvaluationContext NewEvaluation(long step, RunDirectory run);
    /// <summary>The session's own evaluations (VAE test ELBO, semi-supervised test error).</summary>
    void Evaluate(EvaluationContext context);
    /// <summary>Writes modules and optimisers into a folder.</summary>
    void SaveTensors(string folder);
    /// <summary>Reads them back.</summary>
    void LoadTensors(string folder);
    /// <summary>Data position.</summary>
    SamplerPosition Position { get; }
    /// <summary>Game/model state beyond tensors.</summary>
    IReadOnlyDictionary<string, double> ExtraState();
    /// <summary>The modules by role (generator, discriminator, generator_ema, vae).</summary>
    IReadOnlyDictionary<string, nn.Module> Modules { get; }
    /// <summary>Restores a checkpoint's position, extra state and step counter.</summary>
    void Restore(CheckpointState state);
}

/// <summary>Switches modules to eval mode and back (for sampling and evaluation).</summary>
internal sealed class EvalMode : IDisposable
{
    readonly List<(nn.Module Module, bool WasTraining)> modules;

    public EvalMode(params nn.Module[] list)
    {
        modules = list.Select(m => (m, m.training)).ToList();
        foreach (var (m, _) in modules) m.eval();
    }

    public void Dispose()
    {
        foreach (var (m, was) in modules) if (was) m.train();
    }
}

/// <summary>Small helpers shared by the sessions.</summary>
internal static class SessionParts
{
    /// <summary>Runs <paramref name="produce"/> in batches of at most <paramref name="chunk"/> and concatenates.</summary>
    public static Tensor Batched(int n, int chunk, Func<int, int, Tensor> produce)
    {
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (int start = 0; start < n; start += chunk) parts.Add(produce(start, Math.Min(chunk, n - start)));
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Saves an optimiser's state.</summary>
    public static void Save(TorchSharp.Modules.OptimizerHelper optimizer, string path) => optimizer.save_state_dict(path);
}
