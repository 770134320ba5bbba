using GanWorkbench.Course;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Course;

public class ConvArithmeticTests
{
    [Theory]
    [InlineData(28, 4, 2, 1, 14)]
    [InlineData(14, 4, 2, 1, 7)]
    [InlineData(28, 5, 1, 0, 24)]
    [InlineData(7, 3, 2, 1, 4)]
    public void Convolution_sizes(int input, int kernel, int stride, int padding, int expected) =>
        Assert.Equal(expected, ConvArithmetic.Convolution(input, kernel, stride, padding));

    [Theory]
    [InlineData(7, 4, 2, 1, 0, 14)]
    [InlineData(14, 4, 2, 1, 0, 28)]
    [InlineData(7, 3, 2, 1, 1, 14)]
    [InlineData(1, 7, 1, 0, 0, 7)]
    public void Transposed_sizes(int input, int kernel, int stride, int padding, int outputPadding, int expected) =>
        Assert.Equal(expected, ConvArithmetic.Transposed(input, kernel, stride, padding, outputPadding));

    [Theory]
    [InlineData(7, 4, 2, 1, 0)]
    [InlineData(5, 3, 2, 0, 1)]
    [InlineData(9, 5, 3, 2, 2)]
    public void The_formulas_match_torch(int input, int kernel, int stride, int padding, int outputPadding)
    {
        using var conv = nn.ConvTranspose2d(1, 1, kernel, stride: stride, padding: padding, output_padding: outputPadding);
        using var x = zeros(1, 1, input, input);
        using var y = conv.forward(x);
        Assert.Equal(ConvArithmetic.Transposed(input, kernel, stride, padding, outputPadding), (int)y.shape[2]);
        using var down = nn.Conv2d(1, 1, kernel, stride: stride, padding: padding);
        using var z = down.forward(zeros(1, 1, 4 * input, 4 * input));
        Assert.Equal(ConvArithmetic.Convolution(4 * input, kernel, stride, padding), (int)z.shape[2]);
    }

    [Fact]
    public void Bad_sizes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ConvArithmetic.Convolution(2, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvArithmetic.Transposed(7, 4, 2, 1, outputPadding: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvArithmetic.Convolution(7, 3, stride: 0));
    }
}
