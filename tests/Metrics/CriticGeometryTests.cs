using GanWorkbench.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Metrics;

public class CriticGeometryTests
{
    [Fact]
    public void A_linear_critic_has_the_norm_of_its_weights_everywhere()
    {
        var w = tensor(new float[] { 3, -4 });
        var points = tensor(new float[] { 0, 0, 1, 2, -5, 7 }, [3, 2]);
        var norms = CriticGradients.Norms(x => x.matmul(w) + 2, points);
        Assert.All(norms, n => Assert.Equal(5, n, 1e-6));
        var summary = CriticGradients.Summarize(norms);
        Assert.Equal(3, summary.Count);
        Assert.Equal(1, summary.ShareAboveOne);
    }

    [Fact]
    public void Norms_of_a_quadratic_critic_are_twice_the_distance_from_the_origin()
    {
        var points = tensor(new float[] { 1, 0, 0, 2, 3, 4 }, [3, 2]);
        var norms = CriticGradients.Norms(x => x.square().sum(1), points);
        Assert.Equal([2, 4, 10], norms.Select(v => Math.Round(v, 5)).ToArray());
        var s = CriticGradients.Summarize(norms);
        Assert.Equal((2.0, 4.0, 10.0, 16.0 / 3), (s.Min, s.Median, s.Max, s.Mean));
    }

    [Fact]
    public void Interpolates_lie_on_the_segments()
    {
        using var g = new Generator(5);
        var real = tensor(new float[] { 0, 0, 2, 2 }, [2, 2]);
        var fake = tensor(new float[] { 1, 0, 2, 4 }, [2, 2]);
        var mixed = CriticGradients.Interpolates(real, fake, g).data<float>().ToArray();
        Assert.Equal(0, mixed[1]);                                              // on the x axis between (0,0) and (1,0)
        Assert.InRange(mixed[0], 0, 1);
        Assert.Equal(2, mixed[2]);                                              // on x = 2 between (2,2) and (2,4)
        Assert.InRange(mixed[3], 2, 4);
    }

    [Fact]
    public void Empirical_W1_of_a_translated_set_is_the_translation_length()
    {
        torch.manual_seed(3);
        var a = randn(60, 2);
        var b = a + tensor(new float[] { 3, 4 });
        Assert.Equal(5, EmpiricalWasserstein.Distance(a, b), 1e-5);
    }

    [Fact]
    public void Empirical_W1_in_one_dimension_matches_sorted_points()
    {
        var a = tensor(new float[] { 0, 5, 1, 9 }, [4, 1]);
        var b = tensor(new float[] { 2, 2, 7, 3 }, [4, 1]);
        // sorted: 0,1,5,9 against 2,2,3,7: |0−2| + |1−2| + |5−3| + |9−7| = 7
        Assert.Equal(7 / 4.0, EmpiricalWasserstein.Distance(a, b), 1e-6);
    }
}
