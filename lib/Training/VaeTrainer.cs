using System.Diagnostics;
using GanWorkbench.Data;
using GanWorkbench.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// The VAE training step: one minibatch, the negative ELBO (reconstruction + β·KL, analytic KL) or the
/// negative k-sample importance-weighted bound, one optimiser step, all in one dispose scope. Logs
/// <c>loss</c> (nats per example), and for the ELBO its <c>reconstruction</c> and <c>kl</c> parts.
/// Notebooks: 09-vae-elbo, 10-gan-vs-vae.
/// </summary>
public sealed class VaeTrainer : IDisposable
{
    readonly Stopwatch clock = new();
    long samplesInWindow;

    /// <summary>The model.</summary>
    public Vae Model { get; }
    /// <summary>Its optimiser.</summary>
    public OptimizerHelper Optimizer { get; }
    /// <summary>Source of (binarised) training batches with labels.</summary>
    public Func<RealBatch> Batches { get; }
    /// <summary>The bound minimised.</summary>
    public VaeObjective Objective { get; }
    /// <summary>KL weight β (ELBO only).</summary>
    public double Beta { get; }
    /// <summary>Importance samples k (IWAE only).</summary>
    public int Samples { get; }
    /// <summary>The on-device accumulators of the current window.</summary>
    public MetricWindow Window { get; }
    /// <summary>Optimiser steps done.</summary>
    public long StepCount { get; private set; }
    /// <summary>Raised after every step.</summary>
    public event EventHandler<long>? Stepped;

    /// <summary>Creates a trainer; it owns neither model nor optimiser.</summary>
    public VaeTrainer(Vae model, OptimizerHelper optimizer, Func<RealBatch> batches, VaeObjective objective = VaeObjective.Elbo, double beta = 1, int samples = 1)
    {
        Model = model; Optimizer = optimizer; Batches = batches; Objective = objective; Beta = beta; Samples = samples;
        Window = new MetricWindow(model.parameters().First().device);
    }

    /// <summary>Sets the step counter (when resuming).</summary>
    public void Restore(long stepCount) => StepCount = stepCount;

    // ---- Update the VAE: minimise −ELBO (or −IWAE bound) on one minibatch -----------------------
    /// <summary>One optimiser step.</summary>
    public void Step()
    {
        clock.Start();
        Model.train();
        Window.Step = StepCount + 1;
        using (var scope = NewDisposeScope())
        {
            var batch = Batches();
            var labels = Model.Classes > 0 ? batch.Labels : null;
            Tensor loss;
            if (Objective == VaeObjective.Elbo)
            {
                var terms = Model.Elbo(batch.Samples, labels, Beta);
                loss = terms.Loss;
                Window.Add("reconstruction", terms.Reconstruction);
                Window.Add("kl", terms.Kl);
            }
            else
            {
                loss = Model.ImportanceBound(batch.Samples, labels, Samples).mean().neg();
            }
            Optimizer.zero_grad();
            loss.backward();
            Optimizer.step();
            Window.Watch("loss", loss);
            samplesInWindow += batch.Samples.shape[0];
        }
        StepCount++;
        clock.Stop();
        Stepped?.Invoke(this, StepCount);
    }

    /// <summary>Reads and resets the window.</summary>
    public StepMetrics Flush()
    {
        var (values, bad) = Window.ReadAndReset();
        double seconds = clock.Elapsed.TotalSeconds;
        var metrics = new StepMetrics(StepCount, values, seconds > 0 ? samplesInWindow / seconds : 0, seconds, bad);
        clock.Reset(); samplesInWindow = 0;
        return metrics;
    }

    /// <summary>
    /// The negative ELBO (β = 1, one reparameterised sample per example, analytic KL) averaged over a
    /// whole set, with its reconstruction and KL parts, in nats; in eval mode and without gradients.
    /// </summary>
    public static (double NegativeElbo, double Reconstruction, double Kl) Evaluate(Vae model, Tensor images, Tensor? labels, int batchSize = 1000)
    {
        using var noGrad = no_grad();
        bool wasTraining = model.training;
        model.eval();
        double loss = 0, reconstruction = 0, kl = 0;
        long n = images.shape[0];
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(batchSize, n - start);
            var terms = model.Elbo(images.narrow(0, start, count), model.Classes > 0 ? labels?.narrow(0, start, count) : null, 1);
            loss += terms.Loss.item<float>() * count;
            reconstruction += terms.Reconstruction.item<float>() * count;
            kl += terms.Kl.item<float>() * count;
        }
        if (wasTraining) model.train();
        return (loss / n, reconstruction / n, kl / n);
    }

    /// <summary>Frees the accumulators.</summary>
    public void Dispose() => Window.Dispose();
}
