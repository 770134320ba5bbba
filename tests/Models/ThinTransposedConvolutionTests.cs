using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>The product form of a thin transposed convolution is the layer's own function:
/// same outputs and same gradients for the input, the weight and the bias.</summary>
public class ThinTransposedConvolutionTests
{
    [Theory]
    [InlineData(16, 1, 4, 2, 1, 7)]   // DCGAN's image layer at a small width: 7×7 → 14×14
    [InlineData(8, 3, 4, 2, 1, 5)]    // RGB
    [InlineData(6, 2, 3, 1, 1, 6)]    // stride 1, odd kernel: same size out
    [InlineData(5, 1, 5, 3, 2, 4)]    // stride 3, padding 2
    public void Outputs_and_gradients_equal_the_layers_own(int cin, int cout, int k, int stride, int padding, int size)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var layer = nn.ConvTranspose2d(cin, cout, k, stride: stride, padding: padding);
        var x = randn(2, cin, size, size).requires_grad_(true);
        var upstream = randn(layer.forward(x).shape);                          // a generic d(loss)/d(output)

        (Tensor Y, Tensor Dx, Tensor Dw, Tensor Db) Run(Func<Tensor, Tensor> f)
        {
            layer.zero_grad(); x.grad?.zero_();
            var y = f(x);
            (y * upstream).sum().backward();
            return (y.detach().clone(), x.grad!.clone(), layer.weight!.grad!.clone(), layer.bias!.grad!.clone());
        }
        var reference = Run(layer.forward);
        var product = Run(input => ThinTransposedConvolution.Forward(layer, input, stride, padding));

        Assert.Equal(reference.Y.shape, product.Y.shape);
        foreach (var (a, b) in new[] { (reference.Y, product.Y), (reference.Dx, product.Dx), (reference.Dw, product.Dw), (reference.Db, product.Db) })
        {
            double scale = Math.Max(1.0, a.abs().max().item<float>());
            Assert.True((a - b).abs().max().item<float>() <= 1e-5 * scale, $"largest difference {(a - b).abs().max().item<float>()} at scale {scale}");
        }
    }

    [Fact]
    public void Wider_layers_use_the_layers_own_forward_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var layer = nn.ConvTranspose2d(6, ThinTransposedConvolution.MaxOutputChannels + 1, 4, stride: 2, padding: 1);
        var x = randn(2, 6, 5, 5);
        Assert.Equal(0L, layer.forward(x).ne(ThinTransposedConvolution.Forward(layer, x, 2, 1)).sum().item<long>());
    }

    [Fact]
    public void The_dcgan_generator_draws_the_same_images_as_its_layers_would()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var g = new DcganGenerator(latentDim: 12, width: 8);
        g.eval();
        var z = randn(3, 12);
        var layers = g.named_children().ToDictionary(c => c.name, c => c.module);
        Tensor Apply(string name, Tensor t) => ((nn.Module<Tensor, Tensor>)layers[name]).forward(t);
        using (no_grad())
        {
            var h = nn.functional.relu(Apply("project_bn", Apply("project", z))).view(-1, 16, 7, 7);
            h = nn.functional.relu(Apply("up1_bn", Apply("up1", h)));
            var expected = tanh(Apply("up2", h));                               // (3, 1, 28, 28) through ConvTranspose2d itself
            var images = g.forward(z);
            Assert.Equal(new long[] { 3, 1, 28, 28 }, images.shape);
            Assert.True((images - expected).abs().max().item<float>() <= 1e-5f);
        }
    }
}
