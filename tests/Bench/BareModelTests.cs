using GanWorkbench.Bench.Bare;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Bench;

/// <summary>The bench's bare baseline models are the library's models layer for layer: same state-dict
/// keys and shapes, so both loops do the same arithmetic per step.</summary>
public class BareModelTests
{
    static List<(string Key, long[] Shape)> Shapes(nn.Module module) =>
        module.state_dict().Select(kv => (kv.Key, kv.Value.shape)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

    static void AssertSameShapes(nn.Module library, nn.Module bare)
    {
        var expected = Shapes(library);
        var actual = Shapes(bare);
        Assert.Equal(expected.Select(p => p.Key), actual.Select(p => p.Key));
        Assert.Equal(expected.Select(p => string.Join('×', p.Shape)), actual.Select(p => string.Join('×', p.Shape)));
    }

    [Fact]
    public void Dcgan_generator_matches_the_library()
    {
        using var library = new DcganGenerator();
        using var bare = new BareDcganGenerator();
        AssertSameShapes(library, bare);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dcgan_discriminator_matches_the_library(bool batchNorm)
    {
        using var library = new DcganDiscriminator(batchNorm: batchNorm);
        using var bare = new BareDcganDiscriminator(batchNorm: batchNorm);
        AssertSameShapes(library, bare);
    }

    [Fact]
    public void Bare_dcgan_uses_dcgan_initialisation()
    {
        using var g = new BareDcganGenerator();
        var p = g.state_dict();
        Assert.Equal(0.02, p["up1.weight"].std().item<float>(), 3);            // 131,072 draws of N(0, 0.02)
        Assert.Equal(1.0, p["project_bn.weight"].mean().item<float>(), 2);     // N(1, 0.02)
        Assert.Equal(0.0, p["up2.bias"].abs().sum().item<float>());
    }

    [Fact]
    public void Bare_models_produce_the_library_shapes()
    {
        using var scope = NewDisposeScope();
        using var g = new BareDcganGenerator();
        using var d = new BareDcganDiscriminator();
        var images = g.forward(randn(3, 100));
        Assert.Equal([3L, 1, 28, 28], images.shape);
        Assert.Equal([3L], d.forward(images).shape);
    }
}
