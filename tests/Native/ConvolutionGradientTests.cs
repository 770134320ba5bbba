using GanWorkbench.Native;
using GanWorkbench.Runtime;

namespace GanWorkbench.Tests.Native;

/// <summary>
/// Under the oneDNN cap this process runs with, the convolutions that oneDNN's fast kernels got wrong on
/// some of the project's machines (see <see cref="OneDnnCheck"/>) match their float64 reference with one,
/// two and all threads — whether the cap came from a stored check (ALL) or from the safe default (SSE41).
/// </summary>
public class ConvolutionGradientTests
{
    [Fact]
    public void Convolutions_under_the_cap_in_use_match_the_float64_reference()
    {
        Compute.Create("cpu", 2, 1);
        // With no override in the environment, the cap is the stored check's (ALL) or the safe one.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GWB_ONEDNN_ISA")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA")))
            Assert.Equal(OneDnnCheck.DefaultIsa(), TorchLoader.OneDnnIsa);
        var verdict = OneDnnCheck.Measure();
        Assert.Equal(11, verdict.Cases.Count);
        Assert.All(verdict.Cases, c => Assert.True(c.Correct, $"{c.Case} under {TorchLoader.OneDnnIsa}: relative errors {c.OneThread:G3} / {c.TwoThreads:G3} / {c.AllThreads:G3}"));
        Assert.True(verdict.Correct);
    }
}
