using static TorchSharp.torch;

namespace GanWorkbench.Losses;

/// <summary>
/// WGAN's Lipschitz constraint as a post-step projection (Arjovsky et al. 2017, Algorithm 1, line 7):
/// after every critic update, clamp every critic parameter to [−c, c] (paper: c = 0.01).
/// </summary>
public sealed class WeightClipping
{
    /// <summary>c: parameters are clamped to [−c, c].</summary>
    public double Limit { get; }

    /// <param name="limit">c &gt; 0.</param>
    public WeightClipping(double limit = 0.01)
    {
        if (!(limit > 0)) throw new ArgumentOutOfRangeException(nameof(limit), limit, "must be positive");
        Limit = limit;
    }

    /// <summary>Clamps every parameter of <paramref name="critic"/> in place.</summary>
    public void Apply(nn.Module critic)
    {
        using var noGrad = no_grad();
        foreach (var p in critic.parameters()) p.clamp_(-Limit, Limit);
    }
}
