using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Plotting;

/// <summary>
/// A scatter picture of 2-D points as a PNG (for toy GANs): real points in light grey, generated
/// points in blue, mode centres as red crosses, on the square [−range, range]². Returned as an
/// <see cref="ImageGrid"/> of one tile so runs and notebooks treat it like any sample grid.
/// </summary>
public static class PointCloudImage
{
    /// <summary>Draws the picture. <paramref name="real"/> and <paramref name="generated"/> are (N, 2).</summary>
    public static ImageGrid Render(Tensor? real, Tensor generated, IReadOnlyList<(double X, double Y)>? centres = null,
        double range = 2.5, int size = 480)
    {
        float Px(double v) => (float)((v + range) / (2 * range) * size);
        float Py(double v) => (float)((range - v) / (2 * range) * size);
        using var bitmap = new SKBitmap(size, size);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var axis = new SKPaint { Color = new SKColor(220, 220, 220), StrokeWidth = 1 };
            canvas.DrawLine(0, Py(0), size, Py(0), axis);
            canvas.DrawLine(Px(0), 0, Px(0), size, axis);
            using var realPaint = new SKPaint { Color = new SKColor(170, 170, 170), IsAntialias = true };
            using var fakePaint = new SKPaint { Color = new SKColor(31, 119, 180, 200), IsAntialias = true };
            if (real is not null) foreach (var (x, y) in Points(real)) canvas.DrawCircle(Px(x), Py(y), 1.5f, realPaint);
            foreach (var (x, y) in Points(generated)) canvas.DrawCircle(Px(x), Py(y), 2f, fakePaint);
            using var cross = new SKPaint { Color = new SKColor(214, 39, 40), StrokeWidth = 2, IsAntialias = true };
            foreach (var (x, y) in centres ?? [])
            {
                canvas.DrawLine(Px(x) - 5, Py(y), Px(x) + 5, Py(y), cross);
                canvas.DrawLine(Px(x), Py(y) - 5, Px(x), Py(y) + 5, cross);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new ImageGrid(size, size, 1, 1, data.ToArray());
    }

    static (double X, double Y)[] Points(Tensor points)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = points.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        return Enumerable.Range(0, values.Length / 2).Select(i => ((double)values[2 * i], (double)values[2 * i + 1])).ToArray();
    }
}
