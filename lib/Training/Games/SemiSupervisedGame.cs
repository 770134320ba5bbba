using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanWorkbench.Training;

/// <summary>
/// Semi-supervised GAN (Salimans et al. 2016, §5): D is a K+1-class classifier
/// (<see cref="SemiSupervisedDiscriminator"/>). Its loss is the supervised cross-entropy on a labelled
/// batch (from a small balanced subset: 10 per class = 100 labels) plus the GAN loss on the real/fake
/// logit logsumexp(l) for the unlabelled batch and a generated one. G is trained by feature matching
/// (§3.1): <c>‖E_x f(x) − E_z f(G(z))‖²</c> on D's last hidden layer, with E_x f(x) from the latest
/// D step's unlabelled batch (as in the authors' code), or by the GAN loss when feature matching is off.
/// Logs <c>classifier_loss</c> and <c>train_accuracy</c> (on the labelled batches).
/// </summary>
public sealed class SemiSupervisedGame : AdversarialGame
{
    readonly IBatchSource labelled;
    Tensor? realFeatureMean;

    /// <summary>The generator.</summary>
    public GeneratorModule G { get; }
    /// <summary>The classifier-discriminator.</summary>
    public SemiSupervisedDiscriminator D { get; }
    /// <summary>Whether G is trained by feature matching.</summary>
    public bool FeatureMatching { get; }

    /// <summary>Creates the game; it takes ownership of <paramref name="labelledBatches"/>.</summary>
    public SemiSupervisedGame(GeneratorModule g, SemiSupervisedDiscriminator d, GanLoss loss, IBatchSource labelledBatches,
        bool featureMatching = true, DiscriminatorPenalty? penalty = null) : base(loss, penalty, null)
    {
        G = g; D = d; labelled = labelledBatches; FeatureMatching = featureMatching;
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

    // ---- D: supervised CE on labelled data + GAN loss on logsumexp(l) for unlabelled and generated ----
    /// <inheritdoc/>
    public override Tensor DiscriminatorLoss(RealBatch real, MetricWindow log)
    {
        var x = real.Samples;
        Tensor fake;
        using (no_grad()) fake = G.forward(G.SampleLatent(x.shape[0], x.device));
        var (realLogits, realFeatures) = D.Classify(x);                         // (B, K), (B, F)
        var (fakeLogits, _) = D.Classify(fake);
        var unsupervised = ScoreDiscriminator(realLogits.logsumexp(1, false), fakeLogits.logsumexp(1, false), D.forward, x, fake, log);

        realFeatureMean?.Dispose();
        realFeatureMean = realFeatures.detach().mean([0]).DetachFromDisposeScope(); // (F), lives until the next D step

        var batch = labelled.Next();
        var (classLogits, _) = D.Classify(batch.Samples);                       // (B_l, K)
        var supervised = cross_entropy(classLogits, batch.Labels!);
        log.Add("classifier_loss", supervised);
        log.Add("train_accuracy", classLogits.detach().argmax(1).eq(batch.Labels!).to(ScalarType.Float32).mean());
        return unsupervised + supervised;
    }

    // ---- G: feature matching ‖E f(x) − E f(G(z))‖², or the GAN loss --------------------------------
    /// <inheritdoc/>
    public override Tensor GeneratorLoss(long batchSize, Device device, MetricWindow log)
    {
        var (fakeLogits, fakeFeatures) = D.Classify(G.forward(G.SampleLatent(batchSize, device)));
        if (!FeatureMatching || realFeatureMean is null) return Loss.Generator(fakeLogits.logsumexp(1, false));
        return (realFeatureMean - fakeFeatures.mean([0])).square().mean();
    }

    /// <summary>Class predictions (B) of D for a batch, in eval mode by the caller's choice.</summary>
    public Tensor Predict(Tensor x)
    {
        using var scope = NewDisposeScope();
        return D.Classify(x).ClassLogits.argmax(1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> SaveState() => new Dictionary<string, double>
    {
        ["labelled_epoch"] = labelled.Position.Epoch,
        ["labelled_batch"] = labelled.Position.Batch,
    };

    /// <inheritdoc/>
    public override void LoadState(IReadOnlyDictionary<string, double> state)
    {
        if (state.TryGetValue("labelled_epoch", out var e) && state.TryGetValue("labelled_batch", out var b))
            labelled.Seek(new SamplerPosition((long)e, (int)b));
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        realFeatureMean?.Dispose();
        labelled.Dispose();
        base.Dispose();
    }
}
