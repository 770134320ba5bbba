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

/// <summary>
/// BEGAN (Berthelot et al. 2017): the standard game with an autoencoder discriminator and the
/// <see cref="BeganLoss"/>, whose k_t controller is stepped after every D update; logs <c>k</c> and
/// the convergence measure <c>convergence</c> (M_global).
/// </summary>
public sealed class BeganGame : StandardGame
{
    readonly BeganLoss began;
    Tensor? lastReal, lastFake;

    /// <summary>Creates the game.</summary>
    public BeganGame(GeneratorModule g, AutoencoderDiscriminator d, BeganLoss loss) : base(g, d, loss) { began = loss; }

    /// <inheritdoc/>
    protected override void OnDiscriminatorScores(Tensor realScores, Tensor fakeScores)
    {
        lastReal = realScores.detach();
        lastFake = fakeScores.detach();
    }

    /// <inheritdoc/>
    public override void AfterDiscriminatorStep(MetricWindow log)
    {
        base.AfterDiscriminatorStep(log);
        if (lastReal is null || lastFake is null) return;
        log.Add("convergence", began.UpdateEquilibrium(lastReal, lastFake));
        log.Add("k", began.KTensor(lastReal.device));
        lastReal = lastFake = null;                                             // they die with the step's scope
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SaveState() => new Dictionary<string, double> { ["began_k"] = began.K };

    /// <inheritdoc/>
    public override void LoadState(IReadOnlyDictionary<string, double> state)
    {
        if (state.TryGetValue("began_k", out var k)) began.K = k;
    }
}
