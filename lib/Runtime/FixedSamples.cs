using TorchSharp;

namespace GanWorkbench.Runtime;

/// <summary>
/// The inputs of fixed sample grids (the same codes at every step of a run, and in every notebook that
/// draws "the run's grid") come from a CPU generator of their own, seeded from the run's seed, so they
/// neither depend on nor disturb torch's global generator.
/// </summary>
public static class FixedSamples
{
    /// <summary>A new CPU generator for the fixed samples of <paramref name="seed"/>.</summary>
    public static torch.Generator Generator(long seed) => new(unchecked((ulong)(seed * 31 + 7)));
}
