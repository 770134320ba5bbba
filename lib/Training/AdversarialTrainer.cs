using System.Diagnostics;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// The adversarial training step. One call of <see cref="Step"/> is one generator update and the
/// discriminator updates the <see cref="UpdateSchedule"/> puts before it. Everything optional
/// (logging, samples, checkpoints) hangs off <see cref="Logged"/>, not off flags in here.
/// Notebook: 03-coordinate-descent (schedules), 01-setup-and-tour (the loop in use).
/// </summary>
public sealed class AdversarialTrainer : IDisposable
{
    readonly MetricWindow window;
    readonly Stopwatch clock = new();
    long imagesInWindow;

    /// <summary>The generator.</summary>
    public GeneratorModule G { get; }
    /// <summary>The discriminator / critic.</summary>
    public DiscriminatorModule D { get; }
    /// <summary>The objective.</summary>
    public GanLoss Loss { get; }
    /// <summary>Alternating (k D steps) or simultaneous.</summary>
    public UpdateSchedule Schedule { get; }
    /// <summary>The generator's optimiser.</summary>
    public optim.Optimizer OptimizerG { get; }
    /// <summary>The discriminator's optimiser.</summary>
    public optim.Optimizer OptimizerD { get; }
    /// <summary>Source of real batches (B, C, H, W) on the device.</summary>
    public Func<Tensor> RealBatches { get; }
    /// <summary>Batch size of generated batches.</summary>
    public int BatchSize { get; }
    /// <summary>Generator updates done so far.</summary>
    public long StepCount { get; private set; }
    /// <summary>Raised with a window's averages by <see cref="Flush"/>.</summary>
    public event Action<StepMetrics>? Logged;

    /// <summary>Creates a trainer; it owns neither the modules nor the optimisers.</summary>
    public AdversarialTrainer(GeneratorModule g, DiscriminatorModule d, GanLoss loss, UpdateSchedule schedule,
        optim.Optimizer optimizerG, optim.Optimizer optimizerD, Func<Tensor> realBatches, int batchSize)
    {
        if (schedule.DiscriminatorSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(schedule), schedule.DiscriminatorSteps, "at least one D step per G step");
        G = g; D = d; Loss = loss; Schedule = schedule; OptimizerG = optimizerG; OptimizerD = optimizerD;
        RealBatches = realBatches; BatchSize = batchSize;
        window = new MetricWindow(g.parameters().First().device);
    }

    /// <summary>One generator update and its discriminator updates.</summary>
    public void Step()
    {
        clock.Start();
        G.train(); D.train();
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
        imagesInWindow += (long)BatchSize * (Schedule.DiscriminatorSteps + 1);
        clock.Stop();
    }

    // ---- Update D: minimise L_D(D(x), D(G(z))) with G fixed --------------------------------
    void DiscriminatorStep()
    {
        using var scope = NewDisposeScope();
        var real = RealBatches();                                               // (B, C, H, W)
        Tensor fake;
        using (no_grad()) fake = G.forward(G.SampleLatent(BatchSize, real.device)); // (B, C, H, W), no graph into G
        var realLogits = D.forward(real);                                       // (B)
        var fakeLogits = D.forward(fake);                                       // (B)
        var loss = Loss.Discriminator(realLogits, fakeLogits);
        OptimizerD.zero_grad();
        loss.Total.backward();
        OptimizerD.step();
        window.AddDiscriminator(loss.Total, loss.Real, loss.Fake, realLogits, fakeLogits);
    }

    // ---- Update G: minimise L_G(D(G(z))) with D fixed ---------------------------------------
    void GeneratorStep()
    {
        using var scope = NewDisposeScope();
        var fakeLogits = D.forward(G.forward(G.SampleLatent(BatchSize, window.Device)));  // (B)
        var loss = Loss.Generator(fakeLogits);
        OptimizerG.zero_grad();
        loss.backward();                       // also fills D's grads; D's next zero_grad clears them
        OptimizerG.step();
        window.AddGenerator(loss);
    }

    // ---- Simultaneous: both gradients at the same (G, D), then both step --------------------
    void SimultaneousStep()
    {
        using var scope = NewDisposeScope();
        var real = RealBatches();                                               // (B, C, H, W)
        var fake = G.forward(G.SampleLatent(BatchSize, real.device));           // (B, C, H, W)
        var realLogits = D.forward(real);
        var fakeLogitsForD = D.forward(fake.detach());                          // no graph into G
        var dLoss = Loss.Discriminator(realLogits, fakeLogitsForD);
        var gLoss = Loss.Generator(D.forward(fake));
        OptimizerG.zero_grad();
        gLoss.backward();                      // G's gradient at (G, D); also touches D's grads …
        OptimizerD.zero_grad();                // … which are cleared here, before D's own gradient
        dLoss.Total.backward();                // D's gradient at the same (G, D): no one has stepped yet
        OptimizerD.step();
        OptimizerG.step();
        window.AddDiscriminator(dLoss.Total, dLoss.Real, dLoss.Fake, realLogits, fakeLogitsForD);
        window.AddGenerator(gLoss);
    }

    /// <summary>Reads the metrics accumulated since the last flush (one device sync), raises
    /// <see cref="Logged"/>, and returns them.</summary>
    public StepMetrics Flush()
    {
        var avg = window.ReadAndReset();
        double seconds = clock.Elapsed.TotalSeconds;
        var metrics = new StepMetrics(StepCount, avg[0], avg[1], avg[2], avg[3], avg[4], avg[5],
            seconds > 0 ? imagesInWindow / seconds : 0, seconds);
        clock.Reset(); imagesInWindow = 0;
        Logged?.Invoke(metrics);
        return metrics;
    }

    /// <summary>Frees the device-side accumulators.</summary>
    public void Dispose() => window.Dispose();
}
