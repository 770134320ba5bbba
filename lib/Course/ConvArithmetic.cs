namespace GanWorkbench.Course;

/// <summary>
/// Output sizes of convolutions along one spatial axis (Dumoulin &amp; Visin 2016, "A guide to convolution arithmetic
/// for deep learning", Relationships 6 and 14; the formulas of PyTorch's <c>Conv2d</c> and <c>ConvTranspose2d</c>):
/// <list type="bullet">
/// <item>convolution: <c>o = ⌊(i + 2p − d(k − 1) − 1) / s⌋ + 1</c>;</item>
/// <item>transposed convolution: <c>o = (i − 1)s − 2p + d(k − 1) + output_padding + 1</c>, i.e. with d = 1,
/// <c>o = (i − 1)s − 2p + k + output_padding</c>.</item>
/// </list>
/// With k = 4, s = 2, p = 1 a convolution halves the size (28 → 14 → 7) and a transposed convolution doubles it
/// (7 → 14 → 28): DCGAN's layers. Notebook: 05-dcgan-gpu.
/// </summary>
public static class ConvArithmetic
{
    /// <summary>Output size of a convolution with input size <paramref name="input"/>.</summary>
    public static int Convolution(int input, int kernel, int stride = 1, int padding = 0, int dilation = 1)
    {
        Check(input, kernel, stride, padding, dilation);
        int span = input + 2 * padding - dilation * (kernel - 1) - 1;
        if (span < 0) throw new ArgumentException($"a kernel of {kernel} (dilation {dilation}) does not fit an input of {input} with padding {padding}");
        return span / stride + 1;
    }

    /// <summary>Output size of a transposed convolution with input size <paramref name="input"/>.</summary>
    public static int Transposed(int input, int kernel, int stride = 1, int padding = 0, int outputPadding = 0, int dilation = 1)
    {
        Check(input, kernel, stride, padding, dilation);
        if (outputPadding < 0 || outputPadding >= Math.Max(stride, dilation))
            throw new ArgumentOutOfRangeException(nameof(outputPadding), outputPadding, "output padding must be in [0, max(stride, dilation))");
        return (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
    }

    static void Check(int input, int kernel, int stride, int padding, int dilation)
    {
        if (input < 1) throw new ArgumentOutOfRangeException(nameof(input), input, "must be ≥ 1");
        if (kernel < 1) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "must be ≥ 1");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "must be ≥ 1");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "must be ≥ 0");
        if (dilation < 1) throw new ArgumentOutOfRangeException(nameof(dilation), dilation, "must be ≥ 1");
    }
}
