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
    /// <summary>Data position.</summary>
    SamplerPosition Position { get; }
    /// <summary>Game/model state beyond tensors.</summary>
    IReadOnlyDictionary<string, double> ExtraState();
    /// <summary>The modules by role (generator, discriminator, generator_ema, vae); a checkpoint holds
    /// each as <c>ROLE.pt</c>.</summary>
    IReadOnlyDictionary<string, nn.Module> Modules { get; }
    /// <summary>The optimisers by file stem (optimizer_g, optimizer_d, optimizer); a checkpoint holds each as <c>STEM.pt</c>.</summary>
    IReadOnlyDictionary<string, TorchSharp.Modules.OptimizerHelper> Optimizers { get; }
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

/// <summary>A session's tensors in a checkpoint folder: every module as <c>ROLE.pt</c>, every optimiser's
/// state as <c>STEM.pt</c> (TorchSharp's format).</summary>
internal static class SessionTensors
{
    /// <summary>Writes the session's modules and optimisers into <paramref name="folder"/>.</summary>
    public static void Save(ITrainingSession session, string folder)
    {
        foreach (var (role, module) in session.Modules) module.save(Path.Combine(folder, role + ".pt"));
        foreach (var (stem, optimizer) in session.Optimizers) optimizer.save_state_dict(Path.Combine(folder, stem + ".pt"));
    }

    /// <summary>Reads them back from <paramref name="folder"/>.</summary>
    public static void Load(ITrainingSession session, string folder)
    {
        foreach (var (role, module) in session.Modules) module.load(Path.Combine(folder, role + ".pt"));
        foreach (var (stem, optimizer) in session.Optimizers) optimizer.load_state_dict(Path.Combine(folder, stem + ".pt"));
    }
}

/// <summary>Sampling in chunks, so that an evaluation of thousands of samples never holds more than one chunk's activations.</summary>
internal static class ChunkedSampling
{
    /// <summary>Runs <paramref name="produce"/>(start, count) in chunks of at most <paramref name="chunk"/> and concatenates.</summary>
    public static Tensor Concat(int n, int chunk, Func<int, int, Tensor> produce)
    {
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (int start = 0; start < n; start += chunk) parts.Add(produce(start, Math.Min(chunk, n - start)));
        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
