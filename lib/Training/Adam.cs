using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, Algorithm 1, with the bias corrections folded into the step as in
/// PyTorch: θ ← θ − (α / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)) — TorchSharp's <see cref="Adam"/>
/// with its update step rewritten, keeping its parameter groups, options and per-parameter state, so
/// checkpoints (<c>save_state_dict</c>/<c>load_state_dict</c>) and learning-rate changes work exactly
/// as before and the arithmetic is the same operation for operation. It keeps the name <c>Adam</c>
/// because TorchSharp writes the optimiser's type name into its state files and refuses a file of
/// another name: this way checkpoints written with TorchSharp's Adam resume with this one, and back.
/// <para>Why: TorchSharp 0.107's own step (1) leaves the memory of its temporaries to the garbage
/// collector — the resident set of a small MLP run grew by about 1 MiB per step until a collection
/// happened to run (3 GiB for the MLP VAE; BENCHMARKS.md) — and (2) passes <see cref="Scalar"/>s it
/// creates implicitly from doubles to native code without keeping them alive, so a collection landing
/// inside <c>addcdiv_</c> can free a scalar under it (the rare <c>Scalar::toFloat</c> crash of long
/// runs). Here every temporary tensor and every scalar is owned by a <c>using</c> and freed when the
/// parameter's update is done.</para>
/// <para>Only what the workbench uses: L2 weight decay as PyTorch's <c>weight_decay</c> (λθ added to the
/// gradient before the moments), no AMSGrad, no maximisation (the constructor accepts no such options).</para>
/// </summary>
public sealed class Adam : TorchSharp.Modules.Adam
{
    /// <summary>Adam over <paramref name="parameters"/> with learning rate <paramref name="lr"/>,
    /// moment decays (<paramref name="beta1"/>, <paramref name="beta2"/>), <paramref name="eps"/> and L2
    /// <paramref name="weightDecay"/> λ (the step uses g + λθ in place of g).</summary>
    public Adam(IEnumerable<Parameter> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(parameters, lr, beta1, beta2, eps, weight_decay: weightDecay, amsgrad: false, maximize: false)
    {
    }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, eps = options.eps!.Value;
        double lr = options.LearningRate!.Value, weightDecay = options.weight_decay ?? 0;
        using Scalar decay1 = beta1.ToScalar(), decay2 = beta2.ToScalar(), l2 = weightDecay.ToScalar();
        using Scalar keep1 = (1 - beta1).ToScalar(), keep2 = (1 - beta2).ToScalar(), epsilon = eps.ToScalar();
        foreach (var parameter in group.Parameters)
        {
            using var rawGrad = parameter.grad;
            if (rawGrad is null) continue;
            using var decayed = weightDecay == 0 ? null : rawGrad.add(parameter, alpha: l2);  // g + λθ
            var grad = decayed ?? rawGrad;
            var state = (State)_state[parameter.Handle];
            state.step += 1;
            double correction1 = 1 - Math.Pow(beta1, state.step);
            double correction2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(decay1).add_(grad, alpha: keep1);                        // m ← β₁m + (1 − β₁)g
            state.exp_avg_sq.mul_(decay2).addcmul_(grad, grad, value: keep2);           // v ← β₂v + (1 − β₂)g²
            using Scalar root2 = Math.Sqrt(correction2).ToScalar(), stepSize = (-lr / correction1).ToScalar();
            using var root = state.exp_avg_sq.sqrt();
            using var denominator = root.div(root2);
            denominator.add_(epsilon);                                                   // √v̂ + ε, v̂ = v / (1 − β₂ᵗ)
            parameter.addcdiv_(state.exp_avg, denominator, value: stepSize);             // θ ← θ − α m̂ / (√v̂ + ε)
        }
    }, closure);
}
