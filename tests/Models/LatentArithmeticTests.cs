using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>Attribute directions and walks along them (Radford et al. 2016, Fig. 7).</summary>
public class LatentArithmeticTests
{
    static readonly float[,] Codes = { { 0, 5 }, { 3, 1 }, { 1, 5 }, { 2, -3 } };   // attribute order: rows 0, 2, 3, 1

    [Theory]
    [InlineData(0.25, 3f, -4f)]      // top {row 1: (3, 1)} − bottom {row 0: (0, 5)}
    [InlineData(0.5, 2f, -6f)]       // mean{(2,−3),(3,1)} = (2.5, −1) − mean{(0,5),(1,5)} = (0.5, 5)
    [InlineData(0.1, 3f, -4f)]       // ⌊0.4⌋ = 0 → at least one code per group
    public void Direction_is_the_difference_of_the_group_means(double fraction, float x, float y)
    {
        using var codes = tensor(Codes);
        using var attribute = tensor(new float[] { 0.1f, 0.9f, 0.2f, 0.5f });
        using var direction = LatentArithmetic.AttributeDirection(codes, attribute, fraction);
        Assert.Equal(new long[] { 2 }, direction.shape);
        Assert.Equal(new[] { x, y }, direction.data<float>().ToArray());
    }

    [Fact]
    public void Walk_adds_each_amount_times_the_direction()
    {
        using var code = tensor(new float[] { 1, 1 });
        using var direction = tensor(new float[] { 1, -2 });
        using var walk = LatentArithmetic.Walk(code, direction, [-1, 0, 2.5]);
        Assert.Equal(new long[] { 3, 2 }, walk.shape);
        Assert.Equal(new float[] { 0, 3, 1, 1, 3.5f, -4 }, walk.data<float>().ToArray());
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        using var codes = tensor(Codes);
        using var attribute = tensor(new float[] { 1, 2, 3 });
        var e = Assert.Throws<ArgumentException>(() => LatentArithmetic.AttributeDirection(codes, attribute));
        Assert.Equal("codes must be (n, d) and the attribute (n); got (4, 2) and (3)", e.Message);
        using var four = tensor(new float[] { 1, 2, 3, 4 });
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentArithmetic.AttributeDirection(codes, four, 0.6));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentArithmetic.AttributeDirection(codes, four, 0));
        using var shortDirection = tensor(new float[] { 1 });
        e = Assert.Throws<ArgumentException>(() => LatentArithmetic.Walk(four, shortDirection, [1]));
        Assert.Equal("code and direction differ in length: 4 and 1", e.Message);
    }
}
