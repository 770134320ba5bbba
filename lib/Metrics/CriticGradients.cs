using GanWorkbench.Losses;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>Quantiles of a critic's input-gradient norms at one set of points.</summary>
/// <param name="Count">Points measured.</param>
/// <param name="Min">Smallest ‖∇ₓf(x)‖.</param>
/// <param name="Median">Median.</param>
/// <param name="Max">Largest.</param>
/// <param name="Mean">Mean.</param>
/// <param name="ShareAboveOne">Fraction of points where the norm exceeds 1 (where f is locally steeper than 1-Lipschitz).</param>
public sealed record GradientNormSummary(int Count, double Min, double Median, double Max, double Mean, double ShareAboveOne);

/// <summary>
/// How steep a critic is: <c>‖∇ₓ f(x)‖₂</c> at every sample, the quantity a 1-Lipschitz constraint bounds by 1
/// (Arjovsky et al. 2017, §3) and the gradient penalty pulls towards 1 on interpolates between real and generated
/// samples (Gulrajani et al. 2017, §4, Proposition 1: the optimal critic has unit gradient norm on the lines that
/// the optimal coupling moves mass along). Measuring it tells weight clipping, the gradient penalty and spectral
/// normalisation apart. Notebook: 03b-wasserstein.
/// </summary>
public static class CriticGradients
{
    /// <summary>‖∇ₓ f(x)‖₂ for every row of <paramref name="points"/> (B, …), the gradient taken over the whole sample.</summary>
    public static double[] Norms(Func<Tensor, Tensor> critic, Tensor points)
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        var norms = DiscriminatorPenalty.InputGradients(critic, points).norm(1);   // (B)
        return norms.detach().to_type(ScalarType.Float64).cpu().data<double>().ToArray();
    }

    /// <summary>Points on the segments between paired real and generated samples, <c>εx + (1 − ε)x̃</c> with ε ~ U[0, 1]
    /// per pair (where WGAN-GP applies its penalty), drawn from <paramref name="generator"/>.</summary>
    public static Tensor Interpolates(Tensor real, Tensor fake, Generator generator)
    {
        var shape = Enumerable.Repeat(1L, (int)real.dim()).ToArray();
        shape[0] = real.shape[0];
        var eps = rand(shape, generator: generator, dtype: real.dtype).to(real.device);   // (B, 1, …)
        return eps * real.detach() + (1 - eps) * fake.detach();
    }

    /// <summary>The quantiles of <paramref name="norms"/>.</summary>
    public static GradientNormSummary Summarize(IReadOnlyList<double> norms)
    {
        if (norms.Count == 0) throw new ArgumentException("no norms to summarise", nameof(norms));
        var sorted = norms.Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
        return new GradientNormSummary(sorted.Length, sorted[0], median, sorted[^1], sorted.Average(), sorted.Count(v => v > 1) / (double)sorted.Length);
    }
}
