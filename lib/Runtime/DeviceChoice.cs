using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GanWorkbench.Runtime;

/// <summary>What kind of device a run asks for.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when torch sees a GPU, else the CPU.</summary>
    Auto,
    /// <summary>The CPU.</summary>
    Cpu,
    /// <summary>A CUDA GPU (the first, or <see cref="DeviceChoice.Index"/>).</summary>
    Cuda,
}

/// <summary>
/// A requested device, as experiments and <c>GWB_DEVICE</c> write it: <c>auto</c>, <c>cpu</c>, <c>cuda</c> or
/// <c>cuda:N</c>. <see cref="Compute.ResolveDevice(DeviceChoice)"/> turns it into a torch device.
/// </summary>
/// <param name="Kind">The kind of device.</param>
/// <param name="Index">The GPU's index for <c>cuda:N</c>, else null.</param>
public readonly record struct DeviceChoice(DeviceKind Kind, int? Index = null) : IParsable<DeviceChoice>
{
    /// <summary>CUDA when available, else the CPU.</summary>
    public static DeviceChoice Auto => new(DeviceKind.Auto);
    /// <summary>The CPU.</summary>
    public static DeviceChoice Cpu => new(DeviceKind.Cpu);

    /// <summary>The spellings a device may have.</summary>
    public const string Forms = "auto, cpu, cuda or cuda:N";

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        DeviceKind.Auto => "auto",
        DeviceKind.Cpu => "cpu",
        _ => Index is int i ? $"cuda:{i}" : "cuda",
    };

    /// <summary>A device written as text (so <c>spec.Device == "auto"</c> reads as it should).</summary>
    public static implicit operator DeviceChoice(string text) => Parse(text);

    /// <summary>The same as the implicit conversion, for languages without one.</summary>
    public static DeviceChoice FromString(string text) => Parse(text);

    /// <summary>Parses <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case and surrounding spaces ignored).</summary>
    public static DeviceChoice Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var d) ? d : throw new FormatException($"'{s}' is not a device: use {Forms}.");

    /// <inheritdoc/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out DeviceChoice result)
    {
        result = Auto;
        string text = (s ?? "").Trim().ToLowerInvariant();
        switch (text)
        {
            case "auto": return true;
            case "cpu": result = Cpu; return true;
            case "cuda": result = new(DeviceKind.Cuda); return true;
        }
        if (text.StartsWith("cuda:", StringComparison.Ordinal) &&
            int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            result = new(DeviceKind.Cuda, index);
            return true;
        }
        return false;
    }
}
