using GanWorkbench.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Data;

public class ClassicalAugmentationTests
{
    static Tensor OnePixel(int row, int column, double background = 0)
    {
        var image = full(1, 1, 8, 8, background, dtype: ScalarType.Float32);
        image[0, 0, row, column] = tensor(1f);
        return image;
    }

    static (int Row, int Column) Brightest(Tensor image)
    {
        long index = image.flatten().argmax().item<long>();
        return ((int)(index / image.shape[3]), (int)(index % image.shape[3]));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(-1, 0)]
    [InlineData(0, -3)]
    public void Shift_moves_pixels_exactly_and_fills_with_the_background(int dx, int dy)
    {
        var moved = ClassicalAugmentation.Shift(OnePixel(4, 4, -1), dx, dy, background: -1);
        Assert.Equal((4 + dy, 4 + dx), Brightest(moved));
        Assert.Equal(1, moved.max().item<float>());
        Assert.Equal(-1, moved.min().item<float>());
        Assert.Equal(63, moved.eq(-1).sum().item<long>());
    }

    [Fact]
    public void Rotation_by_zero_is_the_identity_and_by_ninety_degrees_turns_the_image()
    {
        var image = rand(2, 1, 8, 8);
        Assert.True(ClassicalAugmentation.Rotate(image, 0, 0).allclose(image, atol: 1e-5));
        // 90° counter-clockwise on screen: the pixel right of the centre moves above it.
        var turned = ClassicalAugmentation.Rotate(image, 90, 0);
        Assert.True(turned.allclose(image.rot90(1, (2, 3)), atol: 1e-5));
    }

    [Fact]
    public void Elastic_with_zero_strength_is_the_identity_and_otherwise_keeps_range_and_ink()
    {
        using var g = new Generator(1);
        var image = zeros(3, 1, 28, 28);
        image[.., .., 8..20, 12..16] = tensor(1f);                               // a thick vertical bar
        Assert.True(ClassicalAugmentation.Elastic(image, 0, 3, g, 0).allclose(image, atol: 1e-6));
        var warped = ClassicalAugmentation.Elastic(image, 8, 3, g, 0);
        Assert.False(warped.allclose(image, atol: 1e-3));
        Assert.InRange(warped.min().item<float>(), -1e-6f, 1f);
        Assert.InRange(warped.max().item<float>(), 0f, 1f + 1e-6f);
        double inkBefore = image.sum().item<float>(), inkAfter = warped.sum().item<float>();
        Assert.InRange(inkAfter / inkBefore, 0.8, 1.2);
    }

    [Fact]
    public void Expand_makes_labelled_copies_that_depend_only_on_the_seed()
    {
        var images = rand(5, 1, 28, 28) * 2 - 1;
        var labels = tensor(new long[] { 0, 1, 2, 3, 4 });
        using var subset = ImageDataset.FromTensors("toy", images, labels, PixelScale.Tanh);
        using var a = ClassicalAugmentation.Expand(subset, copies: 3, seed: 7);
        using var b = ClassicalAugmentation.Expand(subset, copies: 3, seed: 7);
        using var c = ClassicalAugmentation.Expand(subset, copies: 3, seed: 8);
        Assert.Equal([15L, 1, 28, 28], a.Images.shape);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4 }, a.Labels.data<long>().ToArray());
        Assert.Equal(0f, (a.Images - b.Images).abs().max().item<float>());
        Assert.True((a.Images - c.Images).abs().max().item<float>() > 0.1f);
        Assert.InRange(a.Images.min().item<float>(), -1 - 1e-5f, 1f);
        Assert.InRange(a.Images.max().item<float>(), -1f, 1 + 1e-5f);
        Assert.Throws<InputException>(() => ClassicalAugmentation.Expand(subset, 0, 1));
    }
}
