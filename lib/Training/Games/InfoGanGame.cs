using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanWorkbench.Training;

/// <summary>
/// InfoGAN (Chen et al. 2016, Eq. 5): <c>min_{G,Q} max_D V(D, G) − λ·L_I(G, Q)</c>. G's input is
/// (noise z ‖ one-hot categorical code c ~ Cat(K) ‖ continuous codes ~ U(−1, 1)); the Q head of
/// <see cref="InfoGanDiscriminator"/> predicts the codes from G's samples. L_I = H(c) − CE(c, Q(G(z, c)))
/// is the variational lower bound on the mutual information I(c; G(z, c)) for the categorical code
/// (logged as <c>mutual_info</c>, in nats; its maximum is ln K = 2.30 for K = 10); the continuous
/// codes add a unit-variance Gaussian log-likelihood with weight <c>info_continuous_weight</c>. Both
/// players minimise the information loss: D through its Q head and shared body, G through its samples.
/// The latent codes' labels are the categorical code, so evaluations can measure clustering accuracy.
/// </summary>
public sealed class InfoGanGame : AdversarialGame
{
    /// <summary>The generator; its latent size is noise + K + C.</summary>
    public GeneratorModule G { get; }
    /// <summary>D with the Q head.</summary>
    public InfoGanDiscriminator D { get; }
    /// <summary>Length of the noise part of G's input.</summary>
    public int NoiseDim { get; }
    /// <summary>λ of the categorical code.</summary>
    public double InfoWeight { get; }
    /// <summary>λ of the continuous codes.</summary>
    public double ContinuousWeight { get; }

    int K => D.Categories;
    int C => D.ContinuousCodes;

    /// <summary>Creates the game; G's latent size must be noise + K + C.</summary>
    public InfoGanGame(GeneratorModule g, InfoGanDiscriminator d, GanLoss loss, double infoWeight = 1, double continuousWeight = 0.1,
        DiscriminatorPenalty? penalty = null, WeightClipping? clipping = null) : base(loss, penalty, clipping)
    {
        G = g; D = d; InfoWeight = infoWeight; ContinuousWeight = continuousWeight;
        NoiseDim = g.LatentDim - d.Categories - d.ContinuousCodes;
        if (NoiseDim <= 0) throw new ArgumentException($"G's latent size {g.LatentDim} leaves no room for noise next to {K} + {C} codes");
    }

    /// <inheritdoc/>
    public override nn.Module Generator => G;
    /// <inheritdoc/>
    public override nn.Module Discriminator => D;

    LatentBatch Assemble(Tensor noise, Tensor category, Tensor continuous)
    {
        var oneHot = one_hot(category, K).to(noise.dtype);                     // (B, K)
        return new LatentBatch(cat([noise, oneHot, continuous], 1), category);  // (B, noise + K + C)
    }

    /// <inheritdoc/>
    public override LatentBatch SampleLatent(long n, Device device) =>
        Assemble(randn(n, NoiseDim, device: device), randint(0, K, [n], device: device), rand(n, C, device: device).mul(2).sub(1));

    /// <inheritdoc/>
    public override LatentBatch FixedLatent(int n, long seed, Device device) =>
        Assemble(FixedNormal(n, NoiseDim, seed, device), arange(n, device: device).remainder(K), zeros(n, C, device: device));

    /// <inheritdoc/>
    public override Tensor Generate(nn.Module generator, LatentBatch latent) => ((GeneratorModule)generator).forward(latent.Z);

    /// <summary>λ·CE(c, Q_cat) + λ_c·½‖c_cont − Q_mean‖², averaged over the batch; logs the bound on I(c; G(z, c)).</summary>
    Tensor InformationLoss(InfoGanOutput q, LatentBatch latent, MetricWindow? log)
    {
        var categorical = cross_entropy(q.CategoryLogits, latent.Labels!);
        var codes = latent.Z.narrow(1, NoiseDim + K, C);                        // (B, C)
        var continuous = (q.ContinuousMeans - codes).square().sum(1).mean().mul(0.5);
        if (log is not null) log.Add("mutual_info", categorical.detach().neg().add(Math.Log(K)));
        return categorical.mul(InfoWeight) + continuous.mul(ContinuousWeight);
    }

    // ---- D and Q: minimise L_D + penalty + λ·L_info on generated samples, G fixed ----------------
    /// <inheritdoc/>
    public override Tensor DiscriminatorLoss(RealBatch real, MetricWindow log)
    {
        var x = real.Samples;
        var latent = SampleLatent(x.shape[0], x.device);
        Tensor fake;
        using (no_grad()) fake = G.forward(latent.Z);                           // (B, 1, 28, 28)
        var realScores = D.forward(x);                                          // (B)
        var onFake = D.ForwardWithCodes(fake);
        var adversarial = ScoreDiscriminator(realScores, onFake.Logits, D.forward, x, fake, log);
        return adversarial + InformationLoss(onFake, latent, null);
    }

    // ---- G: minimise L_G + λ·L_info -------------------------------------------------------------
    /// <inheritdoc/>
    public override Tensor GeneratorLoss(long batchSize, Device device, MetricWindow log)
    {
        var latent = SampleLatent(batchSize, device);
        var onFake = D.ForwardWithCodes(G.forward(latent.Z));
        return Loss.Generator(onFake.Logits) + InformationLoss(onFake, latent, log);
    }
}
