using static TorchSharp.torch;

namespace GanWorkbench.Losses;

/// <summary>The discriminator's loss and its parts on real and on generated samples
/// (<c>Total = Real + Fake</c> for every loss in the zoo).</summary>
public sealed record DiscriminatorLoss(Tensor Total, Tensor Real, Tensor Fake);

/// <summary>All four numbers of one loss evaluated on one pair of score batches
/// (compare_gan's shared signature), for tests and logging.</summary>
public sealed record LossTerms(Tensor Discriminator, Tensor DiscriminatorReal, Tensor DiscriminatorFake, Tensor Generator);

/// <summary>
/// A GAN objective as a pair of functions on discriminator scores (logits or critic values), shape (B).
/// The discriminator (or critic) minimises <see cref="Discriminator"/>; the generator minimises
/// <see cref="Generator"/>. Each subclass cites its paper and equation. Penalties on D's gradients
/// are separate types (<see cref="DiscriminatorPenalty"/>) added to the D loss by the training game;
/// weight clipping is a constraint applied after the D step (<see cref="WeightClipping"/>).
/// Notebook: 06-gan-zoo.
/// </summary>
public abstract class GanLoss
{
    /// <summary>The name used in experiments.yaml (e.g. <c>ns</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The discriminator's loss on scores of a real and a generated batch.</summary>
    public abstract DiscriminatorLoss Discriminator(Tensor realScores, Tensor fakeScores);

    /// <summary>The generator's loss on the discriminator's scores of generated samples.</summary>
    public abstract Tensor Generator(Tensor fakeScores);

    /// <summary>What the logs call D(x) and D(G(z)): the discriminator's output in this loss's own
    /// units, averaged over the batch. σ(logit), a probability, for the cross-entropy losses; the
    /// raw score for critics (WGAN, hinge, LSGAN); the reconstruction error for BEGAN.</summary>
    public virtual Tensor Output(Tensor scores) => scores.mean();

    /// <summary>Both losses on one pair of score batches.</summary>
    public LossTerms Compute(Tensor realScores, Tensor fakeScores)
    {
        var d = Discriminator(realScores, fakeScores);
        return new LossTerms(d.Total, d.Real, d.Fake, Generator(fakeScores));
    }
}
