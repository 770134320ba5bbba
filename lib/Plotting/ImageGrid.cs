using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Plotting;

/// <summary>A grid of images encoded as PNG (what torchvision's make_grid + save_image produce).
/// Notebooks display it as <c>image/png</c>.</summary>
public sealed record ImageGrid(int Width, int Height, int Rows, int Columns, byte[] Png)
{
    /// <summary>Writes the PNG atomically (temporary file + rename).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllBytes(path, Png);
    }

    /// <summary>
    /// Tiles a batch (B, C, H, W) with C = 1 or 3 into a grid of <paramref name="columns"/> columns
    /// and <paramref name="padding"/> pixels between tiles (padding colour: <paramref name="padValue"/>).
    /// Values are mapped from [<paramref name="low"/>, <paramref name="high"/>] to 0..255 and clamped.
    /// </summary>
    public static ImageGrid FromBatch(Tensor images, int columns = 8, int padding = 2, double low = -1, double high = 1, byte padValue = 0)
    {
        if (images.dim() != 4 || (images.shape[1] != 1 && images.shape[1] != 3))
            throw new ArgumentException($"expected images (B, 1|3, H, W), got ({string.Join(", ", images.shape)})", nameof(images));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "at least one column");
        int b = (int)images.shape[0], c = (int)images.shape[1], h = (int)images.shape[2], w = (int)images.shape[3];
        int cols = Math.Min(columns, Math.Max(b, 1)), rows = (b + cols - 1) / cols;
        int width = cols * w + (cols + 1) * padding, height = rows * h + (rows + 1) * padding;

        byte[] pixels;
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var scaled = images.detach().to(ScalarType.Float32).cpu().sub(low).div(high - low).mul(255).round().clamp(0, 255).to(ScalarType.Byte);
            pixels = scaled.data<byte>().ToArray();                            // B·C·H·W, row-major
        }

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = new byte[width * height * 4];
        for (int i = 0; i < rgba.Length; i += 4) { rgba[i] = rgba[i + 1] = rgba[i + 2] = padValue; rgba[i + 3] = 255; }
        for (int n = 0; n < b; n++)
        {
            int top = padding + (n / cols) * (h + padding), left = padding + (n % cols) * (w + padding);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    int o = ((top + y) * width + left + x) * 4;
                    for (int ch = 0; ch < 3; ch++)
                        rgba[o + ch] = pixels[((n * c + (c == 1 ? 0 : ch)) * h + y) * w + x];
                }
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new ImageGrid(width, height, rows, cols, data.ToArray());
    }

    /// <summary>Reads width and height from a PNG's IHDR chunk (tests, reports).</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        if (png.Length < 24 || png[0] != 0x89 || png[1] != (byte)'P' || png[2] != (byte)'N' || png[3] != (byte)'G')
            throw new InvalidDataException("not a PNG file");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)),
                System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
