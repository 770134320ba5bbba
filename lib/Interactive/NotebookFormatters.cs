using GanWorkbench.Plotting;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using static TorchSharp.torch;

namespace GanWorkbench.Interactive;

/// <summary>
/// How the workbench's values look in a notebook. Every notebook's first cell calls
/// <see cref="Register"/>; it goes through <c>Microsoft.DotNet.Interactive.Formatting</c>, the
/// formatter registry that both the .NET Interactive kernel (VS Code) and <c>gwb nb run</c> use, so the
/// outputs are the same in both.
/// <list type="bullet">
/// <item>Plotly charts → <c>text/html</c> that works offline (each chart carries plotly.js, <see cref="PlotlyHtml"/>)</item>
/// <item><see cref="ImageGrid"/> → <c>image/png</c> (+ <c>text/plain</c>)</item>
/// <item><see cref="MetricTable"/> → <c>text/html</c> + <c>text/plain</c></item>
/// <item>tensors → a one-line <c>text/plain</c> summary (<see cref="TensorSummary"/>)</item>
/// <item><see cref="TrainingProgress"/> → <c>text/html</c> + <c>text/plain</c>, updated in place through a display handle</item>
/// </list>
/// </summary>
public static class NotebookFormatters
{
    /// <summary>MIME type of HTML outputs.</summary>
    public const string Html = "text/html";
    /// <summary>MIME type of plain-text outputs.</summary>
    public const string PlainText = "text/plain";
    /// <summary>MIME type of PNG outputs (base64 in the notebook file).</summary>
    public const string Png = "image/png";

    /// <summary>Registers the formatters (idempotent) and turns compiler warnings off in the kernel that runs the
    /// notebook (<see cref="KernelWarnings"/>), so later cells print no CS1701/CS8632 noise to stderr.
    /// Also loads TorchSharp's native backend (<see cref="Native.TorchLoader.EnsureLoaded"/>): in a .NET Interactive
    /// kernel the natives sit in the NuGet cache, where TorchSharp's DllImports find them only after its loader
    /// has run, so a notebook whose first torch call built a module failed with "Unable to load shared library
    /// 'LibTorchSharp'".</summary>
    public static void Register()
    {
        Native.TorchLoader.EnsureLoaded();
        KernelWarnings.Silence();

        Formatter.Register<GenericChart>((chart, writer) => writer.Write(PlotlyHtml.Fragment(chart)), Html);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write($"Plotly chart ({GenericChart.countTrace(chart)} trace(s))"), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), Html);

        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(Convert.ToBase64String(grid.Png)), Png);
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write($"ImageGrid {grid.Rows}×{grid.Columns} ({grid.Width}×{grid.Height} px PNG)"), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(ImageGrid), Png, PlainText);

        Formatter.Register<MetricTable>((table, writer) => writer.Write(table.ToHtml()), Html);
        Formatter.Register<MetricTable>((table, writer) => writer.Write(table.ToPlainText()), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(MetricTable), Html, PlainText);

        Formatter.Register<Tensor>((tensor, writer) => writer.Write(TensorSummary.Describe(tensor)), PlainText);
        Formatter.Register<Tensor>((tensor, writer) => writer.Write("<pre>" + System.Net.WebUtility.HtmlEncode(TensorSummary.Describe(tensor)) + "</pre>"), Html);
        Formatter.SetPreferredMimeTypesFor(typeof(Tensor), PlainText);

        Formatter.Register<TrainingProgress>((progress, writer) => writer.Write(progress.ToHtml()), Html);
        Formatter.Register<TrainingProgress>((progress, writer) => writer.Write(progress.ToPlainText()), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(TrainingProgress), Html, PlainText);
    }
}
