using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>
/// Vector arithmetic in a generator's latent space (Radford et al. 2016, "Unsupervised Representation
/// Learning with Deep Convolutional GANs", §6.3 and Fig. 7): single codes are noisy, so a concept is
/// the <em>mean</em> of the codes of several samples that show it, and the difference of two such means
/// is a direction that adds the concept to any other code. Here the concept is any measured attribute
/// of the samples (for MNIST, e.g. the amount of ink): the direction goes from the codes whose samples
/// have the least of it to those that have the most. Notebook: 05-dcgan-gpu.
/// </summary>
public static class LatentArithmetic
{
    /// <summary>
    /// mean(codes of the top <paramref name="fraction"/> by attribute) − mean(codes of the bottom
    /// <paramref name="fraction"/>): a (d) vector. <paramref name="codes"/> is (n, d), <paramref name="attribute"/>
    /// (n); each group has ⌊fraction·n⌋ codes (at least one; tied attribute values may fall in either group).
    /// </summary>
    public static Tensor AttributeDirection(Tensor codes, Tensor attribute, double fraction = 0.25)
    {
        if (!(fraction > 0 && fraction <= 0.5)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a fraction in (0, 0.5]: the two groups must not overlap");
        if (codes.dim() != 2 || attribute.dim() != 1 || attribute.shape[0] != codes.shape[0])
            throw new ArgumentException($"codes must be (n, d) and the attribute (n); got ({string.Join(", ", codes.shape)}) and ({string.Join(", ", attribute.shape)})");
        using var scope = NewDisposeScope();
        long n = codes.shape[0];
        long group = Math.Max(1, (long)Math.Floor(fraction * n));
        var order = attribute.to(codes.device).argsort(0);                       // (n), ascending
        var low = codes.index_select(0, order.narrow(0, 0, group)).mean([0]);     // (d)
        var high = codes.index_select(0, order.narrow(0, n - group, group)).mean([0]); // (d)
        return (high - low).MoveToOuterDisposeScope();
    }

    /// <summary>The code moved along a direction by each amount: row i is code + amounts[i]·direction, (amounts, d).</summary>
    public static Tensor Walk(Tensor code, Tensor direction, IReadOnlyList<double> amounts)
    {
        var z = code.flatten();
        var v = direction.flatten();
        if (z.shape[0] != v.shape[0]) throw new ArgumentException($"code and direction differ in length: {z.shape[0]} and {v.shape[0]}");
        if (amounts.Count == 0) throw new ArgumentException("at least one amount", nameof(amounts));
        using var scope = NewDisposeScope();
        var a = tensor(amounts.ToArray(), dtype: z.dtype, device: z.device).unsqueeze(1); // (k, 1)
        return (z.unsqueeze(0) + a * v.unsqueeze(0)).MoveToOuterDisposeScope();         // (k, d)
    }
}
