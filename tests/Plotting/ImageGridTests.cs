using GanWorkbench.Plotting;
using SkiaSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Plotting;

public class ImageGridTests
{
    [Theory]
    [InlineData(64, 8, 2, 8, 8, 8 * 28 + 9 * 2, 8 * 28 + 9 * 2)]
    [InlineData(10, 4, 2, 3, 4, 4 * 28 + 5 * 2, 3 * 28 + 4 * 2)]   // last row partly empty
    [InlineData(3, 8, 0, 1, 3, 3 * 28, 28)]                         // fewer images than columns
    public void Grid_dimensions_follow_make_grid(int count, int columns, int padding, int rows, int cols, int width, int height)
    {
        using var images = rand(count, 1, 28, 28).mul(2).sub(1);
        var grid = ImageGrid.FromBatch(images, columns, padding);
        Assert.Equal((rows, cols), (grid.Rows, grid.Columns));
        Assert.Equal((width, height), (grid.Width, grid.Height));
        Assert.Equal((width, height), ImageGrid.PngSize(grid.Png));
    }

    [Fact]
    public void Pixel_values_are_mapped_and_placed()
    {
        // Two 2×2 images: all −1 (black) and all +1 (white), padding 1 of value 128.
        using var images = cat([full(1, 1, 2, 2, -1f), full(1, 1, 2, 2, 1f)], 0);
        var grid = ImageGrid.FromBatch(images, columns: 2, padding: 1, padValue: 128);
        using var bitmap = SKBitmap.Decode(grid.Png);
        Assert.Equal((7, 4), (bitmap.Width, bitmap.Height));
        Assert.Equal(128, bitmap.GetPixel(0, 0).Red);
        Assert.Equal(0, bitmap.GetPixel(1, 1).Red);
        Assert.Equal(255, bitmap.GetPixel(4, 2).Green);
        Assert.Equal(128, bitmap.GetPixel(3, 1).Blue);
    }

    [Fact]
    public void Save_writes_the_png()
    {
        using var temp = new TempFolder();
        using var images = zeros(4, 1, 28, 28);
        var grid = ImageGrid.FromBatch(images, 2);
        grid.Save(temp.File("sub/grid.png"));
        Assert.Equal(grid.Png, File.ReadAllBytes(temp.File("sub/grid.png")));
    }

    [Fact]
    public void Wrong_shapes_are_rejected()
    {
        using var flat = zeros(4, 784);
        Assert.Throws<ArgumentException>(() => ImageGrid.FromBatch(flat));
    }
}
