using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// An exponential moving average of the generator's weights (Yazıcı et al. 2019, "The unusual
/// effectiveness of averaging in GAN training"; Karras et al. 2018): after every G step,
/// <c>θ_avg ← β·θ_avg + (1 − β)·θ</c>; buffers such as batch-norm statistics are copied. The average
/// lives in a second instance of the generator's class, which sampling and evaluation then use.
/// Hang <see cref="Update"/> off <see cref="AdversarialTrainer.Stepped"/>.
/// </summary>
public sealed class GeneratorAverage
{
    readonly List<(Tensor Average, Tensor Source)> parameters;
    readonly List<(Tensor Average, Tensor Source)> buffers;

    /// <summary>The generator being averaged.</summary>
    public nn.Module Source { get; }
    /// <summary>The averaged copy (same class, same device).</summary>
    public nn.Module Average { get; }
    /// <summary>β.</summary>
    public double Decay { get; }

    /// <summary>Starts the average at the source's current weights.</summary>
    public GeneratorAverage(nn.Module source, nn.Module average, double decay)
    {
        if (decay is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(decay), decay, "must be in (0, 1)");
        Source = source; Average = average; Decay = decay;
        var sourceParams = source.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        parameters = average.named_parameters().Select(p => ((Tensor)p.parameter, sourceParams[p.name])).ToList();
        var sourceBuffers = source.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        buffers = average.named_buffers().Select(b => (b.buffer, sourceBuffers[b.name])).ToList();
        foreach (var (p, _) in parameters) p.requires_grad_(false);
        using var noGrad = no_grad();
        foreach (var (avg, src) in parameters.Concat(buffers)) avg.copy_(src);
    }

    /// <summary>One averaging step.</summary>
    public void Update()
    {
        using var noGrad = no_grad();
        foreach (var (avg, src) in parameters) avg.mul_(Decay).add_(src, alpha: 1 - Decay);
        foreach (var (avg, src) in buffers) avg.copy_(src);
    }
}
