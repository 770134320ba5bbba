using GanWorkbench.Data;
using GanWorkbench.Plotting;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// Something that follows a run: a logger, a progress bar, a live notebook chart, an evaluator.
/// Override what you need; every method does nothing by default. The runner calls observers in
/// order, on the training thread, between steps (never inside a D or G step). From F#:
/// <c>{ new RunObserver() with member _.OnLog(m) = … }</c>.
/// </summary>
public abstract class RunObserver
{
    /// <summary>The run directory exists and training is about to start (or continue, when resuming).</summary>
    public virtual void OnStart(RunStart start) { }
    /// <summary>After every training step. No numbers here (reading them would synchronise the device).</summary>
    public virtual void OnStep(long step) { }
    /// <summary>After every logging window (<c>log_every</c> steps), with the window's averages.</summary>
    public virtual void OnLog(StepMetrics metrics, long totalSteps) { }
    /// <summary>After a sample grid was written.</summary>
    public virtual void OnSamples(long step, ImageGrid grid) { }
    /// <summary>At every evaluation (<c>eval_every</c> steps and at the end): compute metrics from the
    /// context and <see cref="EvaluationContext.Record"/> them.</summary>
    public virtual void OnEvaluate(EvaluationContext context) { }
    /// <summary>After every observer has evaluated: the evaluation's results (for loggers).</summary>
    public virtual void OnEvaluated(EvaluationResult result) { }
    /// <summary>After a complete checkpoint was written.</summary>
    public virtual void OnCheckpoint(long step, string path) { }
    /// <summary>The run ended (completed, diverged, failed).</summary>
    public virtual void OnEnd(RunStatus status) { }
}

/// <summary>What an observer learns when a run starts: where it is, what it trains, from which step,
/// and the modules being trained by role (<c>generator</c>, <c>discriminator</c>, <c>generator_ema</c>,
/// or <c>vae</c>), for observers that sample or inspect them between steps.</summary>
public sealed record RunStart(RunDirectory Run, ExperimentSpec Spec, long StartStep, long TotalSteps,
    IReadOnlyDictionary<string, nn.Module> Modules);

/// <summary>
/// What an evaluation sees: the step, the model to evaluate (the generator's moving average when EMA
/// is on; the VAE for VAE runs), a sampler, and a place to record results. Results become one
/// <c>metrics.jsonl</c> row (<c>eval/NAME</c> keys) and TensorBoard scalars. The runner puts models in
/// eval mode, disables gradients and preserves torch's random state around evaluations, so they do not
/// change the training run.
/// </summary>
public sealed class EvaluationContext
{
    readonly Dictionary<string, double> results = [];
    readonly Func<int, Tensor> sample;

    internal EvaluationContext(long step, ExperimentSpec spec, RunDirectory run, Device device, nn.Module model,
        AdversarialGame? game, SampleSpace samples, Func<int, Tensor> sample)
    {
        Step = step; Spec = spec; Run = run; Device = device; Model = model; Game = game; Samples = samples; this.sample = sample;
    }

    /// <summary>The training step evaluated.</summary>
    public long Step { get; }
    /// <summary>The run's resolved experiment.</summary>
    public ExperimentSpec Spec { get; }
    /// <summary>The run directory.</summary>
    public RunDirectory Run { get; }
    /// <summary>Where the model lives.</summary>
    public Device Device { get; }
    /// <summary>The generator to evaluate (EMA copy when on) or the <see cref="Models.Vae"/>.</summary>
    public nn.Module Model { get; }
    /// <summary>The GAN's game (null for VAEs): latent sampling and generation for custom evaluations.</summary>
    public AdversarialGame? Game { get; }
    /// <summary>Where samples live: [−1, 1] or [0, 1] images, or 2-D points (the toys).</summary>
    public SampleSpace Samples { get; }

    /// <summary>n fresh samples, (n, C, H, W) images or (n, 2) points, in <see cref="Samples"/> units; the
    /// caller owns the tensor. Conditional models produce the labels 0, 1, …, K−1 in turn (class-balanced).</summary>
    public Tensor Sample(int n) => sample(n);

    /// <summary>Samples mapped to [0, 1] whatever the model's scale (images only).</summary>
    public Tensor SampleZeroOne(int n)
    {
        var x = sample(n);
        if (Samples != SampleSpace.Tanh) return x;
        using (x) return x.add(1).div(2).clamp(0, 1);
    }

    /// <summary>Records a result (e.g. <c>fid</c>).</summary>
    public void Record(string name, double value) => results[name] = value;

    /// <summary>What has been recorded so far.</summary>
    public IReadOnlyDictionary<string, double> Results => results;
}
