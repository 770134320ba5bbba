using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>
/// Spectral normalisation (Miyato et al. 2018, Algorithm 1) of a Linear, Conv2d or ConvTranspose2d
/// layer: its forward uses W / σ(W), with σ(W) the largest singular value of the weight reshaped to
/// a matrix (out × rest), estimated by power iteration with a persistent vector <c>u</c> (one
/// iteration per training forward, as in the paper). TorchSharp has no parametrizations, so the
/// wrapper keeps the layer (its <c>weight</c> is the unnormalised parameter) and calls the functional
/// form of the layer with the normalised weight.
/// State-dict keys: <c>layer.weight</c>, <c>layer.bias</c>, and the buffers <c>u</c>, <c>v</c>.
/// </summary>
public sealed class SpectralNorm : Module<Tensor, Tensor>
{
    readonly Module<Tensor, Tensor> layer;
    readonly Tensor u;
    readonly Tensor v;

    /// <summary>Power iterations per training forward.</summary>
    public int PowerIterations { get; }

    /// <summary>Wraps <paramref name="layer"/>.</summary>
    public SpectralNorm(Module<Tensor, Tensor> layer, int powerIterations = 1) : base(nameof(SpectralNorm))
    {
        if (layer is not (TorchSharp.Modules.Linear or TorchSharp.Modules.Conv2d or TorchSharp.Modules.ConvTranspose2d))
            throw new ArgumentException($"spectral norm supports Linear, Conv2d and ConvTranspose2d, not {layer.GetType().Name}", nameof(layer));
        this.layer = layer;
        PowerIterations = powerIterations;
        var w = Matrix(Weight);                                                 // (out, rest)
        using (no_grad())
        {
            u = functional.normalize(randn(w.shape[0]), dim: 0);
            v = functional.normalize(randn(w.shape[1]), dim: 0);
        }
        RegisterComponents();
    }

    Parameter Weight => layer switch
    {
        Linear l => l.weight!,
        Conv2d c => c.weight!,
        ConvTranspose2d t => t.weight!,
        _ => throw new InvalidOperationException(),
    };

    Tensor? Bias => layer switch
    {
        Linear l => l.bias,
        Conv2d c => c.bias,
        ConvTranspose2d t => t.bias,
        _ => null,
    };

    // A transposed convolution's weight is (in, out, kH, kW): its output dimension is dim 1.
    Tensor Matrix(Tensor w) => layer is ConvTranspose2d ? w.transpose(0, 1).flatten(1) : w.flatten(1);

    /// <summary>The current estimate of σ(W) (no power iteration; for tests and inspection).</summary>
    public double Sigma()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return u.dot(Matrix(Weight).mv(v)).item<float>();
    }

    /// <summary>The normalised weight W / σ(W), updating <c>u</c>, <c>v</c> first when training.</summary>
    public Tensor NormalisedWeight()
    {
        using var scope = NewDisposeScope();
        var w = Matrix(Weight);                                                 // (out, rest)
        if (training)
        {
            using var noGrad = no_grad();
            for (int i = 0; i < PowerIterations; i++)
            {
                v.copy_(functional.normalize(w.t().mv(u), dim: 0));            // v ← Wᵀu / ‖Wᵀu‖
                u.copy_(functional.normalize(w.mv(v), dim: 0));                // u ← Wv / ‖Wv‖
            }
        }
        // Clones: the next forward updates u and v in place, while this one's graph still needs them.
        var sigma = u.clone().dot(w.mv(v.clone()));                             // uᵀWv, differentiable in W
        return Weight.div(sigma).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var w = NormalisedWeight();
        var y = layer switch
        {
            TorchSharp.Modules.Linear => functional.linear(x, w, Bias),
            Conv2d c => functional.conv2d(x, w, Bias, c.stride, c.padding, c.dilation, c.groups),
            ConvTranspose2d t => functional.conv_transpose2d(x, w, Bias, t.stride, t.padding, t.output_padding, t.dilation, t.groups),
            _ => throw new InvalidOperationException(),
        };
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>Wraps <paramref name="layer"/> when <paramref name="enabled"/>, else returns it as is.</summary>
    public static Module<Tensor, Tensor> Maybe(Module<Tensor, Tensor> layer, bool enabled) =>
        enabled ? new SpectralNorm(layer) : layer;
}
