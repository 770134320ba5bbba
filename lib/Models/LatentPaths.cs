using MathNet.Numerics.Distributions;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>
/// Points and paths in a latent space, for pictures of what a decoder or generator has learned:
/// <list type="bullet">
/// <item><see cref="InverseNormalGrid"/>: Kingma &amp; Welling 2013, Fig. 4 — linearly spaced coordinates on
/// the unit square mapped through the inverse CDF of the standard normal, so that equal steps cover
/// equal prior probability;</item>
/// <item><see cref="Linear"/> and <see cref="Spherical"/>: interpolation between two codes. Under a
/// high-dimensional N(0, I) prior almost all mass sits near the sphere of radius √d, and the midpoint
/// of a straight line is shorter than that (‖(z₀ + z₁)/2‖ ≈ √(d/2)); the spherical path (slerp, White
/// 2016, "Sampling Generative Networks") keeps the norm.</item>
/// </list>
/// Notebooks: 09-vae-elbo, 10-gan-vs-vae.
/// </summary>
public static class LatentPaths
{
    /// <summary>
    /// An n × n grid of 2-D codes (n², 2), float32: u_i = (i + ½)/n in (0, 1), z = Φ⁻¹(u). Row r of the
    /// grid (index r·n + c) has z₂ = Φ⁻¹(1 − u_r) — decreasing down the rows, like a y axis — and column c
    /// has z₁ = Φ⁻¹(u_c).
    /// </summary>
    public static Tensor InverseNormalGrid(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "at least one point per side");
        var q = Enumerable.Range(0, n).Select(i => Normal.InvCDF(0, 1, (i + 0.5) / n)).ToArray();
        var points = new float[n * n * 2];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                points[2 * (r * n + c)] = (float)q[c];
                points[2 * (r * n + c) + 1] = (float)q[n - 1 - r];
            }
        return tensor(points, [n * n, 2]);
    }

    /// <summary>The straight path z₀ + t(z₁ − z₀) at t = 0, 1/(steps − 1), …, 1: (steps, d) for codes (d) or (1, d).</summary>
    public static Tensor Linear(Tensor from, Tensor to, int steps)
    {
        var (a, b) = Check(from, to, steps);
        using var scope = NewDisposeScope();
        var t = linspace(0, 1, steps, dtype: a.dtype, device: a.device).unsqueeze(1);          // (steps, 1)
        return (a.unsqueeze(0) * (1 - t) + b.unsqueeze(0) * t).MoveToOuterDisposeScope();
    }

    /// <summary>Spherical interpolation sin((1−t)Ω)/sin Ω · z₀ + sin(tΩ)/sin Ω · z₁ with cos Ω = z₀·z₁/(‖z₀‖‖z₁‖):
    /// (steps, d). Falls back to the straight path when the codes are (anti)parallel.</summary>
    public static Tensor Spherical(Tensor from, Tensor to, int steps)
    {
        var (a, b) = Check(from, to, steps);
        using var scope = NewDisposeScope();
        double cos = (a.dot(b) / (a.norm() * b.norm())).item<float>();
        double omega = Math.Acos(Math.Clamp(cos, -1, 1));
        if (Math.Sin(omega) < 1e-6) return Linear(a, b, steps).MoveToOuterDisposeScope();
        var t = linspace(0, 1, steps, dtype: ScalarType.Float64).to(a.device);
        var wa = ((1 - t) * omega).sin().div(Math.Sin(omega)).to(a.dtype).unsqueeze(1);        // (steps, 1)
        var wb = (t * omega).sin().div(Math.Sin(omega)).to(a.dtype).unsqueeze(1);
        return (wa * a.unsqueeze(0) + wb * b.unsqueeze(0)).MoveToOuterDisposeScope();
    }

    static (Tensor, Tensor) Check(Tensor from, Tensor to, int steps)
    {
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps, "at least two steps (the two ends)");
        var a = from.flatten();
        var b = to.flatten();
        if (a.shape[0] != b.shape[0]) throw new ArgumentException($"codes differ in length: {a.shape[0]} and {b.shape[0]}");
        return (a, b);
    }
}
