using System.Text.Json;
using GanWorkbench.Data;
using GanWorkbench.Plotting;
using GanWorkbench.Theory;
using Plotly.NET;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Plotting;

public class TheoryChartTests
{
    static JsonElement Json(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    [Fact]
    public void Lines_draw_one_trace_per_series_with_gaps_for_non_finite_values()
    {
        var chart = CurveCharts.Lines("t", "x", "y",
            [new CurveSeries("a", [new(1, 2), new(2, double.NaN), new(3, 4)]), CurveSeries.Of("b", [(1, 1), (2, 2)], "dash", "red")], logY: true);
        var figure = Json(chart);
        var data = figure.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, data[0].GetProperty("y")[1].ValueKind);
        Assert.Equal("dash", data[1].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("log", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Dirac_panels_put_each_variant_on_its_own_equal_aspect_axes()
    {
        var panels = new[] { DiracGanObjective.Gan(), DiracGanObjective.Wgan(1), DiracGanObjective.R1(0.3) }.Select(o =>
            new DiracPanel(o.Name, DiracGanDynamics.FieldGrid(o, 2, 9),
                [CurveSeries.Of("simultaneous", DiracGanDynamics.Simultaneous(o, 0.2, 50).Select(s => (s.Theta, s.Psi)))],
                o.Name.StartsWith("WGAN", StringComparison.Ordinal) ? 1 : null)).ToList();
        var figure = Json(TheoryCharts.DiracPanels("Dirac-GAN", panels, columns: 2));
        var data = figure.GetProperty("data");
        Assert.Equal(3 + 3 + 3 + 1, data.GetArrayLength());                     // arrows, path, equilibrium per panel; one clip line
        var layout = figure.GetProperty("layout");
        Assert.Equal(2, layout.GetProperty("grid").GetProperty("rows").GetInt32());
        Assert.Equal("x3", layout.GetProperty("yaxis3").GetProperty("scaleanchor").GetString());
        Assert.Equal(["GAN", "WGAN (clip 1)", "GAN + R1 (γ = 0.3)"],
            layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        // 9 × 9 arrows minus the zero vector at the equilibrium: 80 shafts + 160 head strokes, 3 entries each.
        Assert.Equal(80 * 3 * 3, data[0].GetProperty("x").GetArrayLength());
    }

    [Fact]
    public void Class_grid_has_one_labelled_row_per_class()
    {
        using var images = rand(30, 1, 28, 28);
        using var labels = arange(30).remainder(3);
        using var data = ImageDataset.FromTensors("toy", images.clone(), labels.clone(), PixelScale.ZeroOne, ["cat", "dog", "bird"]);
        var figure = Json(DatasetCharts.ClassGrid(data, perClass: 4));
        var z = figure.GetProperty("data")[0].GetProperty("z");
        Assert.Equal(3 * 30 + 2, z.GetArrayLength());
        Assert.Equal(4 * 30 + 2, z[0].GetArrayLength());
        Assert.Equal(images[0, 0, 0, 0].item<float>(), z[2][2].GetDouble(), 1e-3);   // class 0's first image, top-left pixel
        Assert.Equal(["0: cat", "1: dog", "2: bird"],
            figure.GetProperty("layout").GetProperty("yaxis").GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void Quadratic_paths_and_complex_plane_charts_build()
    {
        var problem = new QuadraticProblem(new double[,] { { 3, 1 }, { 1, 1 } }, [1, 0]);
        var ccd = problem.CyclicCoordinateDescent([-2, 2], 3).Select(s => (s.Point[0], s.Point[1]));
        var chart = TheoryCharts.QuadraticPaths("f", problem, [CurveSeries.Of("CCD", ccd)], -3, 3, -3, 3);
        Assert.Equal(3, GenericChart.countTrace(chart));                        // contour, path, minimiser
        var plane = TheoryCharts.ComplexPlane("λ", [("GAN", DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.Gan()))], unitCircle: true);
        var figure = Json(plane);
        Assert.Equal(-0.5, figure.GetProperty("data")[1].GetProperty("y")[0].GetDouble(), 1e-9);
    }
}
