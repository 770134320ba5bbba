using GanWorkbench.Bench;
using GanWorkbench.Bench.Measure;

namespace GanWorkbench.Tests.Bench;

/// <summary>The analytic flop counts, against hand-computed layer sizes.</summary>
public class FlopsTests
{
    [Fact]
    public void Dcgan_layers_have_their_closed_form_multiply_accumulates()
    {
        // G: fc 100→128·49; ConvT 128→64, k4 over a 7×7 input; ConvT 64→1, k4 over 14×14.
        Assert.Equal([100L * 6272, 128L * 64 * 16 * 49, 64L * 1 * 16 * 196], Flops.DcganGenerator().Layers.Select(l => l.Macs));
        // D: Conv 1→64, k4 to a 14×14 output; Conv 64→128, k4 to 7×7; fc 6272→1.
        Assert.Equal([1L * 64 * 16 * 196, 64L * 128 * 16 * 49, 6272L], Flops.DcganDiscriminator().Layers.Select(l => l.Macs));
    }

    [Fact]
    public void Dcgan_ns_step_is_about_162_mflop_per_image()
    {
        long g = 627_200 + 6_422_528 + 200_704, gFirst = 627_200;
        long d = 200_704 + 6_422_528 + 6_272, dFirst = 200_704;
        long dStep = g + 2 * d + 2 * d + 2 * (d - dFirst);
        long gStep = g + d + d + g + (g - gFirst);
        Assert.Equal(2.0 * (dStep + gStep), BenchModels.DcganNs.FlopsPerSample);
        Assert.Equal(162.0, BenchModels.DcganNs.FlopsPerSample / 1e6, 0);   // PLATFORM.md: "≈160 MFLOP per image"
        Assert.Equal(64 * BenchModels.DcganNs.FlopsPerSample, BenchModels.DcganNs.FlopsPerStep(64));
    }

    [Fact]
    public void Gradient_penalty_adds_four_critic_forwards()
    {
        double d = Flops.DcganDiscriminator().Forward;
        Assert.Equal(2 * 4 * d, BenchModels.DcganWganGp.FlopsPerSample - BenchModels.DcganNs.FlopsPerSample);
    }

    [Theory]
    [InlineData("mlp-gan", 2.0 * ((246_272 + 4 * 233_600 + 2 * (233_600 - 200_704)) + (2 * 246_272 + 2 * 233_600 + 246_272 - 12_800)))]
    [InlineData("mlp-vae", 2.0 * (3 * 651_200 - 313_600))]
    public void Mlp_models_count_forward_weight_and_input_gradients(string model, double expected) =>
        Assert.Equal(expected, BenchModels.Get(model).FlopsPerSample);
}
