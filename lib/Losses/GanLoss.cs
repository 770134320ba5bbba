using static TorchSharp.torch;

namespace GanWorkbench.Losses;

/// <summary>The discriminator's loss and its parts on real and on generated samples
/// (<c>Total = Real + Fake</c> for every loss that splits that way).</summary>
public sealed record DiscriminatorLoss(Tensor Total, Tensor Real, Tensor Fake);

/// <summary>All four numbers of one loss evaluated on one pair of logit batches
/// (compare_gan's shared signature), for tests and logging.</summary>
public sealed record LossTerms(Tensor Discriminator, Tensor DiscriminatorReal, Tensor DiscriminatorFake, Tensor Generator);

/// <summary>
/// A GAN objective as a pair of functions on discriminator scores (logits), shape (B).
/// The discriminator (or critic) minimises <see cref="Discriminator"/>; the generator minimises
/// <see cref="Generator"/>. Each subclass cites its paper and equation.
/// </summary>
public abstract class GanLoss
{
    /// <summary>The name used in experiments.yaml (e.g. <c>ns</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The discriminator's loss on scores of a real and a generated batch.</summary>
    public abstract DiscriminatorLoss Discriminator(Tensor realLogits, Tensor fakeLogits);

    /// <summary>The generator's loss on the discriminator's scores of generated samples.</summary>
    public abstract Tensor Generator(Tensor fakeLogits);

    /// <summary>Both losses on one pair of score batches.</summary>
    public LossTerms Compute(Tensor realLogits, Tensor fakeLogits)
    {
        var d = Discriminator(realLogits, fakeLogits);
        return new LossTerms(d.Total, d.Real, d.Fake, Generator(fakeLogits));
    }
}
