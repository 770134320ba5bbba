using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>
/// The unconditional game: D(x) against D(G(z)) under any loss, penalty and clipping
/// (Goodfellow et al. 2014, Algorithm 1, and every loss of the zoo).
/// </summary>
public class StandardGame : AdversarialGame
{
    /// <summary>The generator.</summary>
    public GeneratorModule G { get; }
    /// <summary>The discriminator or critic.</summary>
    public DiscriminatorModule D { get; }

    /// <summary>Creates the game; the caller keeps ownership of the modules.</summary>
    public StandardGame(GeneratorModule g, DiscriminatorModule d, GanLoss loss, DiscriminatorPenalty? penalty = null,
        WeightClipping? clipping = null) : base(loss, penalty, clipping)
    {
        G = g; D = d;
    }

    /// <inheritdoc/>
    public override nn.Module Generator => G;
    /// <inheritdoc/>
    public override nn.Module Discriminator => D;

    /// <inheritdoc/>
    public override LatentBatch SampleLatent(long n, Device device) => new(G.SampleLatent(n, device), null);

    /// <inheritdoc/>
    public override LatentBatch FixedLatent(int n, long seed, Device device) => new(FixedPrior(G, n, seed, device), null);

    /// <inheritdoc/>
    public override Tensor Generate(nn.Module generator, LatentBatch latent) => ((GeneratorModule)generator).forward(latent.Z);

    // ---- D: minimise L_D(D(x), D(G(z))) + penalty, with G fixed ------------------------------
    /// <inheritdoc/>
    public override Tensor DiscriminatorLoss(RealBatch real, MetricWindow log)
    {
        var x = real.Samples;                                                   // (B, …)
        Tensor fake;
        using (no_grad()) fake = G.forward(G.SampleLatent(x.shape[0], x.device)); // (B, …), no graph into G
        var realScores = D.forward(x);                                          // (B)
        var fakeScores = D.forward(fake);                                       // (B)
        OnDiscriminatorScores(realScores, fakeScores);
        return ScoreDiscriminator(realScores, fakeScores, D.forward, x, fake, log);
    }

    // ---- G: minimise L_G(D(G(z))) ------------------------------------------------------------
    /// <inheritdoc/>
    public override Tensor GeneratorLoss(long batchSize, Device device, MetricWindow log)
    {
        var fakeScores = D.forward(G.forward(G.SampleLatent(batchSize, device))); // (B)
        return Loss.Generator(fakeScores);
    }

    /// <summary>A hook for games that need the D step's scores afterwards (BEGAN).</summary>
    protected virtual void OnDiscriminatorScores(Tensor realScores, Tensor fakeScores) { }
}
