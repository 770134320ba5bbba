using GanWorkbench.Data;
using GanWorkbench.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// Burda et al. 2015, Table 1: the test negative log-likelihood of a VAE or IWAE, estimated with
/// <c>k</c> importance samples per digit (−log of the mean of k importance weights, Eq. 10; 5,000 in the
/// paper) on the first <c>test_count</c> test digits, each binarised once by a generator of its own
/// seed (<see cref="VaeLikelihood.ImportanceWeightedNll"/>). One value per seed, in nats.
/// </summary>
public sealed record ImportanceNllProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "iwae_nll";
    /// <summary>Importance samples per test digit.</summary>
    public int K { get; init; } = 5000;
    /// <summary>Test digits scored.</summary>
    public int TestCount { get; init; } = 10_000;
    /// <summary>Seed of the test set's one binarisation.</summary>
    public long BinarizeSeed { get; init; } = 123;

    /// <inheritdoc/>
    public override string Describe() =>
        $"−log p̂(x) with k = {K:N0} importance samples per digit on the first {TestCount:N0} test digits, binarised once (seed {BinarizeSeed}).";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (reproduction.Experiments.Count != 1) check.Fail("experiments", $"protocol '{Kind}' scores one VAE experiment; list exactly one.");
        check.Positive("protocol.k", K);
        check.Positive("protocol.test_count", TestCount);
    }

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        using var test = ImageDataset.Load("mnist", "test", context.Device, PixelScale.ZeroOne, context.DataRoot);
        using var bits = BinarizeOnce(test.Images.narrow(0, 0, Math.Min(TestCount, test.Count)));
        var perSeed = new List<SeedValue>();
        double error = 0, elbo = 0;
        foreach (var member in context.Members)
        {
            using var vae = member.Run().LoadVae();
            var model = LatentVariableModels.FromVae(vae);
            var nll = VaeLikelihood.ImportanceWeightedNll(model, bits, K);
            elbo -= VaeLikelihood.Elbo(model, bits).Mean / context.Members.Count;
            context.Log($"{member.Experiment} seed {member.Seed}: NLL {nll.Mean:F2} ± {nll.StandardError:F2} nats (k = {K})");
            perSeed.Add(new SeedValue(member.Seed, nll.Mean, member.Directory));
            error = nll.StandardError;
        }
        return new ProtocolResult(perSeed, new Dictionary<string, double> { ["test_neg_elbo"] = elbo }, error, "standard error over test digits");
    }

    Tensor BinarizeOnce(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var gen = new torch.Generator(unchecked((ulong)BinarizeSeed));
        var u = rand(images.shape, generator: gen).to(images.device);
        return u.lt(images).to(images.dtype).MoveToOuterDisposeScope();
    }
}
