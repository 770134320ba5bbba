using System.Diagnostics;
using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// The adversarial training step. One call of <see cref="Step"/> is one generator update and the
/// discriminator updates the <see cref="UpdateSchedule"/> puts before it (alternating), or one
/// update of both from the same parameters (simultaneous). What is computed belongs to the
/// <see cref="AdversarialGame"/>; everything optional (EMA, logging, samples, checkpoints,
/// evaluation) hangs off <see cref="Stepped"/> and <see cref="Logged"/>, not off flags in here.
/// One dispose scope per D step and per G step: only accumulated scalars outlive them.
/// Notebook: 03-coordinate-descent (schedules), 01-setup-and-tour (the loop in use).
/// </summary>
public sealed class AdversarialTrainer : IDisposable
{
    readonly Stopwatch clock = new();
    long samplesInWindow;

    /// <summary>What is computed: models, loss, penalty.</summary>
    public AdversarialGame Game { get; }
    /// <summary>Alternating (k D steps) or simultaneous.</summary>
    public UpdateSchedule Schedule { get; }
    /// <summary>The generator's optimiser.</summary>
    public OptimizerHelper OptimizerG { get; }
    /// <summary>The discriminator's optimiser.</summary>
    public OptimizerHelper OptimizerD { get; }
    /// <summary>Source of real batches on the device.</summary>
    public Func<RealBatch> RealBatches { get; }
    /// <summary>Batch size of generated batches in G steps.</summary>
    public int BatchSize { get; }
    /// <summary>The device training runs on.</summary>
    public Device Device { get; }
    /// <summary>The on-device accumulators of the current logging window.</summary>
    public MetricWindow Window { get; }
    /// <summary>Generator updates done so far (a step = k D updates + 1 G update).</summary>
    public long StepCount { get; private set; }
    /// <summary>D updates done so far.</summary>
    public long DiscriminatorSteps { get; private set; }
    /// <summary>Raised after every step with the new <see cref="StepCount"/> (EMA hangs off this).</summary>
    public event EventHandler<long>? Stepped;
    /// <summary>Raised with a window's averages by <see cref="Flush"/>.</summary>
    public event EventHandler<StepMetrics>? Logged;

    /// <summary>Creates a trainer; it owns neither the game, the modules nor the optimisers.</summary>
    public AdversarialTrainer(AdversarialGame game, UpdateSchedule schedule, OptimizerHelper optimizerG, OptimizerHelper optimizerD,
        Func<RealBatch> realBatches, int batchSize)
    {
        if (schedule.DiscriminatorSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(schedule), schedule.DiscriminatorSteps, "at least one D step per G step");
        Game = game; Schedule = schedule; OptimizerG = optimizerG; OptimizerD = optimizerD;
        RealBatches = realBatches; BatchSize = batchSize;
        Device = game.Generator.parameters().First().device;
        Window = new MetricWindow(Device);
    }

    /// <summary>The standard game on an unconditional pair: the shortest way to train a GAN
    /// (from C#, F# or a notebook). <paramref name="realBatches"/> returns (B, …) tensors.</summary>
    public static AdversarialTrainer Create(GeneratorModule g, DiscriminatorModule d, GanLoss loss, UpdateSchedule schedule,
        OptimizerHelper optimizerG, OptimizerHelper optimizerD, Func<Tensor> realBatches, int batchSize, DiscriminatorPenalty? penalty = null) =>
        new(new StandardGame(g, d, loss, penalty), schedule, optimizerG, optimizerD, () => new RealBatch(realBatches(), null), batchSize);

    /// <summary>Sets the step counter (when resuming from a checkpoint).</summary>
    public void Restore(long stepCount) => StepCount = stepCount;

    /// <summary>One generator update and its discriminator updates.</summary>
    public void Step()
    {
        clock.Start();
        Game.Generator.train(); Game.Discriminator.train();
        Window.Step = StepCount + 1;
        if (Schedule.Kind == UpdateKind.Alternating)
        {
            for (int k = 0; k < Schedule.DiscriminatorSteps; k++) DiscriminatorStep();
            GeneratorStep();
        }
        else
        {
            SimultaneousStep();
        }
        StepCount++;
        clock.Stop();
        Stepped?.Invoke(this, StepCount);
    }

    /// <summary>One discriminator update alone, G held fixed (not a training step: <see cref="StepCount"/>
    /// stays). Repeated, it runs Algorithm 1's inner loop to convergence, where D approaches
    /// D* = p_data / (p_data + p_g) (Goodfellow et al. 2014, Prop. 1). Notebook: 02-minimax-game.</summary>
    public void StepDiscriminator()
    {
        clock.Start();
        Game.Generator.train(); Game.Discriminator.train();
        Window.Step = StepCount;
        DiscriminatorStep();
        clock.Stop();
    }

    // ---- Update D: minimise L_D(D(x), D(G(z))) (+ penalty) with G fixed ----------------------
    void DiscriminatorStep()
    {
        using var scope = NewDisposeScope();
        var loss = Game.DiscriminatorLoss(RealBatches(), Window);
        OptimizerD.zero_grad();
        loss.backward();
        OptimizerD.step();
        Game.AfterDiscriminatorStep(Window);                                    // weight clipping (WGAN), k_t (BEGAN)
        Window.Watch("d_loss", loss);
        DiscriminatorSteps++;
        samplesInWindow += BatchSize;
    }

    // ---- Update G: minimise L_G(D(G(z))) with D fixed ----------------------------------------
    void GeneratorStep()
    {
        using var scope = NewDisposeScope();
        using var frozen = new FrozenParameters(Game.Discriminator);           // no wasted gradients for D
        var loss = Game.GeneratorLoss(BatchSize, Device, Window);
        OptimizerG.zero_grad();
        loss.backward();
        OptimizerG.step();
        Window.Watch("g_loss", loss);
        samplesInWindow += BatchSize;
    }

    // ---- Simultaneous: both gradients at the same (G, D), then both players step ------------
    void SimultaneousStep()
    {
        using var scope = NewDisposeScope();
        var dLoss = Game.DiscriminatorLoss(RealBatches(), Window);
        var gLoss = Game.GeneratorLoss(BatchSize, Device, Window);
        OptimizerG.zero_grad();
        gLoss.backward();                      // G's gradient at (G, D); also fills D's grads …
        OptimizerD.zero_grad();                // … which are cleared before D's own gradient,
        dLoss.backward();                      // also taken at (G, D): no one has stepped yet
        OptimizerD.step();
        OptimizerG.step();
        Game.AfterDiscriminatorStep(Window);
        Window.Watch("d_loss", dLoss);
        Window.Watch("g_loss", gLoss);
        DiscriminatorSteps++;
        samplesInWindow += 2L * BatchSize;
    }

    /// <summary>Reads the metrics accumulated since the last flush (one device sync), raises
    /// <see cref="Logged"/>, and returns them.</summary>
    public StepMetrics Flush()
    {
        var (values, bad) = Window.ReadAndReset();
        double seconds = clock.Elapsed.TotalSeconds;
        var metrics = new StepMetrics(StepCount, values, seconds > 0 ? samplesInWindow / seconds : 0, seconds, bad);
        clock.Reset(); samplesInWindow = 0;
        Logged?.Invoke(this, metrics);
        return metrics;
    }

    /// <summary>Frees the device-side accumulators.</summary>
    public void Dispose() => Window.Dispose();
}

/// <summary>Turns off <c>requires_grad</c> on a module's parameters for a scope ("with D fixed"),
/// restoring each parameter's previous setting on dispose.</summary>
public sealed class FrozenParameters : IDisposable
{
    readonly List<(Parameter Parameter, bool Was)> saved;

    /// <summary>Freezes every parameter of <paramref name="module"/>.</summary>
    public FrozenParameters(nn.Module module)
    {
        saved = module.parameters().Select(p => (p, p.requires_grad)).ToList();
        foreach (var (p, _) in saved) p.requires_grad = false;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (p, was) in saved) p.requires_grad = was;
    }
}
