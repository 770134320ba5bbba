using static TorchSharp.torch;

namespace GanWorkbench.Losses;

/// <summary>
/// The boundary-equilibrium loss (Berthelot, Schumm, Metz 2017, "BEGAN", Eq. 4). Scores are the
/// autoencoder discriminator's per-sample reconstruction errors <c>L(v) = mean |v − D(v)|</c>
/// (<see cref="Models.BeganDiscriminator"/>), so lower means "more real".
/// <para>D: <c>L_D = L(x) − k_t·L(G(z))</c> (Real = L(x), Fake = −k_t·L(G(z))).</para>
/// <para>G: <c>L_G = L(G(z))</c>.</para>
/// <para>Equilibrium control after each D step: <c>k_{t+1} = clip(k_t + λ_k(γ·L(x) − L(G(z))), 0, 1)</c>,
/// and the convergence measure <c>M = L(x) + |γ·L(x) − L(G(z))|</c> (§3.4). γ (the diversity ratio)
/// trades sample diversity for quality; the paper uses λ_k = 0.001 and k_0 = 0.</para>
/// k_t lives on the device, so the update needs no synchronisation; <see cref="K"/> reads it.
/// </summary>
public sealed class BeganLoss : GanLoss
{
    Tensor? k;
    double pendingK;

    /// <summary>γ, the diversity ratio E[L(G(z))] / E[L(x)] the controller aims for.</summary>
    public double Gamma { get; }
    /// <summary>λ_k, the proportional gain of the k_t controller.</summary>
    public double LambdaK { get; }

    /// <param name="gamma">Diversity ratio γ in (0, 1].</param>
    /// <param name="lambdaK">Gain λ_k (paper: 0.001).</param>
    /// <param name="initialK">k_0 (paper: 0).</param>
    public BeganLoss(double gamma = 0.5, double lambdaK = 0.001, double initialK = 0)
    {
        if (gamma is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "must be in (0, 1]");
        Gamma = gamma; LambdaK = lambdaK; pendingK = initialK;
    }

    /// <inheritdoc/>
    public override string Name => "began";

    /// <summary>k_t (reads the device value; for checkpoints and tests). Setting it takes effect at once.</summary>
    public double K
    {
        get => k is null ? pendingK : k.cpu().item<float>();
        set { pendingK = value; if (k is not null) { using var noGrad = no_grad(); k.fill_(value); } }
    }

    Tensor KOn(Device device)
    {
        // TorchSharp's Device has no value equality (each tensor.device is a new object): compare type and index.
        if (k is null || k.device_type != device.type || k.device_index != device.index)
        {
            k?.Dispose();
            k = full(Array.Empty<long>(), pendingK, dtype: ScalarType.Float32, device: device).DetachFromDisposeScope();
        }
        return k;
    }

    /// <inheritdoc/>
    public override DiscriminatorLoss Discriminator(Tensor realScores, Tensor fakeScores)
    {
        var real = realScores.mean();
        var fake = fakeScores.mean().mul(KOn(realScores.device)).neg();
        return new DiscriminatorLoss(real + fake, real, fake);
    }

    /// <inheritdoc/>
    public override Tensor Generator(Tensor fakeScores) => fakeScores.mean();

    /// <summary>One step of the k_t controller from a D step's scores; returns the convergence
    /// measure M (a scalar tensor).</summary>
    public Tensor UpdateEquilibrium(Tensor realScores, Tensor fakeScores)
    {
        using var noGrad = no_grad();
        var lossReal = realScores.detach().mean();
        var balance = lossReal.mul(Gamma).sub(fakeScores.detach().mean());                 // γL(x) − L(G(z))
        var kt = KOn(realScores.device);
        kt.add_(balance.mul(LambdaK)).clamp_(0, 1);
        return lossReal + balance.abs();
    }

    /// <summary>k_t as a scalar tensor (for logging without a device sync).</summary>
    public Tensor KTensor(Device device) => KOn(device);
}
