using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>Latent grids and interpolation paths.</summary>
public class LatentPathsTests
{
    [Fact]
    public void Inverse_normal_grid_has_the_quantiles_of_the_cell_centres()
    {
        using var grid = LatentPaths.InverseNormalGrid(4);
        Assert.Equal(new long[] { 16, 2 }, grid.shape);
        var v = grid.data<float>().ToArray();
        // Φ⁻¹(1/8) = −1.15035, Φ⁻¹(3/8) = −0.318639; the grid is symmetric.
        double[] q = [-1.1503493803760079, -0.31863936396437515, 0.31863936396437515, 1.1503493803760079];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
            {
                Assert.Equal(q[c], v[2 * (r * 4 + c)], 5);                      // z₁ grows along a row
                Assert.Equal(q[3 - r], v[2 * (r * 4 + c) + 1], 5);              // z₂ falls down the rows
            }
    }

    [Fact]
    public void Linear_path_has_its_ends_and_even_steps()
    {
        using var a = tensor(new float[] { 0, 2 });
        using var b = tensor(new float[] { 4, -2 });
        using var path = LatentPaths.Linear(a, b, 5);
        Assert.Equal(new float[] { 0, 2, 1, 1, 2, 0, 3, -1, 4, -2 }, path.data<float>().ToArray());
    }

    [Fact]
    public void Spherical_path_keeps_the_norm_between_codes_of_equal_norm()
    {
        using var a = tensor(new float[] { 3, 0, 0 });
        using var b = tensor(new float[] { 0, 3, 0 });
        using var path = LatentPaths.Spherical(a, b, 7);
        using var norms = path.norm(1);
        Assert.All(norms.data<float>().ToArray(), n => Assert.Equal(3f, n, 4));
        Assert.Equal(new float[] { 3, 0, 0 }, path[0].data<float>().ToArray().Select(x => MathF.Round(x, 5)).ToArray());
        Assert.Equal(new float[] { 0, 3, 0 }, path[6].data<float>().ToArray().Select(x => MathF.Round(x, 5)).ToArray());
        // The middle is at 45°: (3/√2, 3/√2, 0); the straight path's middle (1.5, 1.5, 0) is shorter.
        Assert.Equal(3 / MathF.Sqrt(2), path[3][0].item<float>(), 4);
        using var straight = LatentPaths.Linear(a, b, 7);
        Assert.Equal(1.5f * MathF.Sqrt(2), straight[3].norm().item<float>(), 4);
    }

    [Fact]
    public void Bad_paths_are_refused()
    {
        using var a = zeros(3);
        using var b = zeros(4);
        Assert.Throws<ArgumentException>(() => LatentPaths.Linear(a, b, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentPaths.Linear(a, a, 1));
    }
}
