using GanWorkbench.Data;
using Plotly.NET;
using static TorchSharp.torch;

namespace GanWorkbench.Plotting;

/// <summary>
/// Pictures of a dataset: a grid with one row per class, labelled with the class name (a greyscale
/// heatmap, so the names sit on the axis and the picture stays sharp when zoomed).
/// Notebook: 01-setup-and-tour.
/// </summary>
public static class DatasetCharts
{
    /// <summary>The first <paramref name="perClass"/> images of every class of <paramref name="data"/>
    /// (after skipping <paramref name="skip"/> of each), one row per class, as stored: pixel value 0 black, 1 white.</summary>
    public static GenericChart ClassGrid(ImageDataset data, int perClass = 10, int skip = 0, string? title = null, int padding = 2)
    {
        if (perClass < 1) throw new ArgumentOutOfRangeException(nameof(perClass), perClass, "at least one image per class");
        int classes = data.ClassNames.Count, h = data.Height, w = data.Width;
        var labels = data.Labels.cpu().data<long>().ToArray();
        int rows = classes, height = rows * (h + padding) + padding, width = perClass * (w + padding) + padding;
        var z = new double[height][];
        for (int r = 0; r < height; r++) z[r] = new double[width];
        for (int c = 0; c < classes; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).Skip(skip).Take(perClass).ToArray();
            for (int j = 0; j < members.Length; j++)
            {
                float[] pixels;
                using (var scope = NewDisposeScope())
                    pixels = ToZeroOne(data.Images[members[j]], data.Scale).cpu().contiguous().data<float>().ToArray();   // (1, H, W) → H·W
                int top = padding + c * (h + padding), left = padding + j * (w + padding);
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        z[top + y][left + x] = Math.Round(pixels[y * w + x], 3);
            }
        }
        var trace = Figure.Trace("heatmap", new Dictionary<string, object?>
        {
            ["z"] = z, ["colorscale"] = "Greys", ["zmin"] = 0.0, ["zmax"] = 1.0, ["showscale"] = false, ["hoverinfo"] = "skip",
        });
        const int cell = 2;                                                     // screen pixels per image pixel
        var layout = new Dictionary<string, object>
        {
            ["title"] = Figure.Title(title ?? $"{DatasetCatalog.All.FirstOrDefault(d => d.Name == data.Name)?.Title ?? data.Name}: {perClass} training images per class"),
            ["xaxis"] = new Dictionary<string, object> { ["visible"] = false, ["constrain"] = "domain" },
            ["yaxis"] = new Dictionary<string, object>
            {
                ["autorange"] = "reversed", ["scaleanchor"] = "x", ["constrain"] = "domain", ["showgrid"] = false, ["zeroline"] = false,
                ["tickvals"] = Enumerable.Range(0, classes).Select(c => padding + c * (h + padding) + h / 2.0).ToArray(),
                ["ticktext"] = Enumerable.Range(0, classes).Select(c => $"{c}: {data.ClassNames[c]}").ToArray(),
            },
            ["width"] = width * cell + 150, ["height"] = height * cell + 80,
            ["margin"] = new Dictionary<string, object> { ["l"] = 130, ["r"] = 10, ["t"] = 50, ["b"] = 20 },
        };
        return Figure.Chart([trace], layout);
    }

    static Tensor ToZeroOne(Tensor image, PixelScale scale) => scale == PixelScale.ZeroOne ? image : image.add(1).div(2);
}
