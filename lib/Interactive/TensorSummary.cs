using System.Globalization;
using static TorchSharp.torch;

namespace GanWorkbench.Interactive;

/// <summary>
/// A one-line description of a tensor for notebooks — shape, dtype, device, gradient flag and, for
/// real or integer tensors, min / max / mean / std (values themselves when there are at most
/// <see cref="MaxListedValues"/>). A notebook never prints a 60,000-row tensor element by element.
/// </summary>
public static class TensorSummary
{
    /// <summary>Tensors with at most this many elements list their values.</summary>
    public const int MaxListedValues = 8;

    /// <summary>E.g. <c>Tensor (64, 1, 28, 28) Float32 cpu · min -1 · max 0.9987 · mean 0.01234 · std 0.5771</c>.</summary>
    public static string Describe(Tensor tensor)
    {
        if (tensor.IsInvalid) return "Tensor (disposed)";
        string head = $"Tensor ({string.Join(", ", tensor.shape)}) {tensor.dtype} {tensor.device}" + (tensor.requires_grad ? " requires_grad" : "");
        long count = tensor.numel();
        if (count == 0 || tensor.is_complex()) return head;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var values = tensor.detach().to(ScalarType.Float64).cpu();
        if (count <= MaxListedValues)
            return head + " · [" + string.Join(", ", values.flatten().data<double>().ToArray().Select(Number)) + "]";
        var stats = stack([values.min(), values.max(), values.mean(), values.std()]).data<double>().ToArray();
        return head + $" · min {Number(stats[0])} · max {Number(stats[1])} · mean {Number(stats[2])} · std {Number(stats[3])}";
    }

    /// <summary>Four significant digits, invariant culture.</summary>
    internal static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
