using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// Averages of one logging window, as plain numbers. <c>DReal</c> and <c>DFake</c> are the mean
/// discriminator outputs σ(logit) on real and generated batches — D(x) and D(G(z)) in the paper's
/// notation (for critics, whose scores are not probabilities, read them as σ of the score).
/// </summary>
public sealed record StepMetrics(long Step, double DLoss, double DLossReal, double DLossFake, double GLoss,
    double DReal, double DFake, double ImagesPerSecond, double Seconds);

/// <summary>
/// Accumulates per-step scalars on the device (no synchronisation per step) and reads them back
/// once per logging window. Index layout: D loss, D real, D fake, G loss, D(x), D(G(z)).
/// </summary>
internal sealed class MetricWindow : IDisposable
{
    const int Fields = 6;
    Tensor sums;
    Tensor dCount;
    int gSteps;

    public Device Device { get; }

    public MetricWindow(Device device)
    {
        Device = device;
        sums = zeros(Fields, dtype: ScalarType.Float64, device: device);
        dCount = zeros(1, dtype: ScalarType.Float64, device: device);
    }

    /// <summary>Adds one D step's detached scalars.</summary>
    public void AddDiscriminator(Tensor dLoss, Tensor dReal, Tensor dFake, Tensor realLogits, Tensor fakeLogits)
    {
        using var scope = NewDisposeScope();
        var row = stack([dLoss.detach(), dReal.detach(), dFake.detach(), zeros_like(dLoss),
                         sigmoid(realLogits.detach()).mean(), sigmoid(fakeLogits.detach()).mean()]).to(ScalarType.Float64);
        sums.add_(row);
        dCount.add_(1);
    }

    /// <summary>Adds one G step's detached loss.</summary>
    public void AddGenerator(Tensor gLoss)
    {
        using var scope = NewDisposeScope();
        sums[3].add_(gLoss.detach().to(ScalarType.Float64));
        gSteps++;
    }

    /// <summary>Reads the window's averages (one device→host copy) and resets it.</summary>
    public double[] ReadAndReset()
    {
        var s = sums.cpu().data<double>().ToArray();
        double d = Math.Max(1, dCount.cpu().item<double>());
        var avg = new[] { s[0] / d, s[1] / d, s[2] / d, s[3] / Math.Max(1, gSteps), s[4] / d, s[5] / d };
        sums.zero_(); dCount.zero_(); gSteps = 0;
        return avg;
    }

    public void Dispose() { sums.Dispose(); dCount.Dispose(); }
}
