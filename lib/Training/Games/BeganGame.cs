using GanWorkbench.Losses;
using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

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
