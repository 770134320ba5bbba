using GanWorkbench.Data;
using GanWorkbench.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Training;

/// <summary>Generator inputs: latent codes (B, d) and, for conditional generators, labels (B) int64.</summary>
public sealed record LatentBatch(Tensor Z, Tensor? Labels);

/// <summary>
/// How one model family scores a batch: the D objective on a real batch and a fresh generated one,
/// and the G objective on a fresh generated batch. The trainer owns the schedule (which of these is
/// stepped when); the game owns what is computed (mimicry's split). The standard game covers every
/// unconditional G/D pair and loss; the conditional, InfoGAN, BEGAN and semi-supervised games add
/// labels, the mutual-information term, the k_t controller, or the classifier. Each game logs what
/// it computes into the trainer's <see cref="MetricWindow"/>; the trainer logs <c>d_loss</c> and <c>g_loss</c>.
/// </summary>
public abstract class AdversarialGame : IDisposable
{
    /// <summary>Base constructor.</summary>
    protected AdversarialGame(GanLoss loss, DiscriminatorPenalty? penalty, WeightClipping? clipping)
    {
        Loss = loss; Penalty = penalty; Clipping = clipping;
    }

    /// <summary>The objective.</summary>
    public GanLoss Loss { get; }
    /// <summary>The penalty added to D's loss, or null.</summary>
    public DiscriminatorPenalty? Penalty { get; }
    /// <summary>The post-step weight clipping of D, or null.</summary>
    public WeightClipping? Clipping { get; }

    /// <summary>The generator (its parameters are G's optimiser's).</summary>
    public abstract nn.Module Generator { get; }
    /// <summary>The discriminator or critic.</summary>
    public abstract nn.Module Discriminator { get; }

    /// <summary>Fresh generator inputs from torch's global generator.</summary>
    public abstract LatentBatch SampleLatent(long n, Device device);

    /// <summary>A fixed batch of generator inputs for sample grids, from its own generator seeded by
    /// <paramref name="seed"/> (conditional games cycle through the labels).</summary>
    public abstract LatentBatch FixedLatent(int n, long seed, Device device);

    /// <summary>Inputs for the evaluation samples <paramref name="start"/> … start + count − 1, from torch's
    /// global generator; conditional games override it to cycle through the labels, so that evaluation
    /// samples are class-balanced.</summary>
    public virtual LatentBatch EvaluationLatent(long start, long count, Device device) => SampleLatent(count, device);

    /// <summary>Runs <paramref name="generator"/> (G or a copy of it, e.g. its moving average) on inputs.</summary>
    public abstract Tensor Generate(nn.Module generator, LatentBatch latent);

    /// <summary>D's loss (with any penalty) on <paramref name="real"/> and a fresh generated batch of
    /// the same size; G is not differentiated.</summary>
    public abstract Tensor DiscriminatorLoss(RealBatch real, MetricWindow log);

    /// <summary>G's loss on a fresh generated batch (gradients also reach D's parameters unless the
    /// trainer froze them).</summary>
    public abstract Tensor GeneratorLoss(long batchSize, Device device, MetricWindow log);

    /// <summary>Called after each D optimiser step: weight clipping (WGAN), k_t (BEGAN).</summary>
    public virtual void AfterDiscriminatorStep(MetricWindow log) => Clipping?.Apply(Discriminator);

    /// <summary>Whether the game needs labelled real batches.</summary>
    public virtual bool NeedsLabels => false;

    /// <summary>Scalars of the game's own state, for checkpoints (e.g. BEGAN's k_t).</summary>
    public virtual IReadOnlyDictionary<string, double> SaveState() => new Dictionary<string, double>();

    /// <summary>Restores <see cref="SaveState"/>'s output.</summary>
    public virtual void LoadState(IReadOnlyDictionary<string, double> state) { }

    /// <summary>
    /// The bookkeeping every game shares: the loss's D objective on the two score batches, its parts and
    /// D's outputs logged, and the penalty (with <paramref name="critic"/> = D as a function of its input) added.
    /// </summary>
    protected Tensor ScoreDiscriminator(Tensor realScores, Tensor fakeScores, Func<Tensor, Tensor> critic,
        Tensor real, Tensor fake, MetricWindow log)
    {
        var parts = Loss.Discriminator(realScores, fakeScores);
        log.Add("d_loss_real", parts.Real);
        log.Add("d_loss_fake", parts.Fake);
        log.Add("d_real", Loss.Output(realScores.detach()));
        log.Add("d_fake", Loss.Output(fakeScores.detach()));
        if (Penalty is null) return parts.Total;
        var penalty = Penalty.Compute(critic, real, fake);
        log.Add("penalty", penalty);
        return parts.Total + penalty;
    }

    /// <summary>n codes from <paramref name="g"/>'s own prior, drawn from <see cref="Runtime.FixedSamples.Generator"/>(<paramref name="seed"/>).</summary>
    protected static Tensor FixedPrior(Models.GeneratorModule g, int n, long seed, Device device)
    {
        using var gen = Runtime.FixedSamples.Generator(seed);
        return g.SampleLatent(n, device, gen);
    }

    /// <summary>Standard normal codes (n, d) from <see cref="Runtime.FixedSamples.Generator"/>(<paramref name="seed"/>).</summary>
    protected static Tensor FixedNormal(int n, int d, long seed, Device device)
    {
        using var gen = Runtime.FixedSamples.Generator(seed);
        using var cpu = randn(n, d, generator: gen);
        return cpu.to(device);
    }

    /// <summary>Frees what the game owns besides the modules (which the caller owns).</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
