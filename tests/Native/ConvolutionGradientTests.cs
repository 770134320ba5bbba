using GanWorkbench.Native;
using GanWorkbench.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Native;

/// <summary>
/// The input gradient of a convolution is the same with one and two threads, for the channel counts
/// that oneDNN's AVX-512 kernels got wrong on the project's machines (see <see cref="TorchLoader.OneDnnIsa"/>).
/// </summary>
public class ConvolutionGradientTests
{
    [Theory]
    [InlineData(1, 8, 4, 2)]
    [InlineData(32, 1, 3, 1)]
    [InlineData(32, 17, 3, 1)]
    [InlineData(1, 100, 4, 2)]
    [InlineData(32, 2, 3, 1)]
    public void Convolution_input_gradients_do_not_depend_on_the_thread_count(int input, int output, int kernel, int stride)
    {
        Compute.Create("cpu", 2, 1);
        Assert.Equal("SSE41", TorchLoader.OneDnnIsa);
        int saved = get_num_threads();
        try
        {
            manual_seed(1);
            using var conv = nn.Conv2d(input, output, kernel, stride: stride, padding: 1);
            using var x0 = randn(16, input, 28, 28);
            float[] Gradient(int threads)
            {
                set_num_threads(threads);
                using var scope = NewDisposeScope();
                var x = x0.detach().requires_grad_(true);
                conv.forward(x).square().sum().backward();
                return x.grad!.data<float>().ToArray();
            }
            var one = Gradient(1);
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var two = Gradient(2);
                double scale = one.Max(Math.Abs);
                Assert.All(one.Zip(two), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-4 * scale, $"{p.First} vs {p.Second}"));
            }
        }
        finally
        {
            set_num_threads(saved);
        }
    }
}
