using GanWorkbench.Data;
using GanWorkbench.Experiments;
using GanWorkbench.Losses;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>One model family of the zoo: what it is, whether it is a GAN or a VAE, and what data it expects.</summary>
/// <param name="Name">The <c>model.name</c> of experiments.yaml.</param>
/// <param name="Kind"><c>gan</c> or <c>vae</c>.</param>
/// <param name="Scale">The pixel scale its generator produces: <c>tanh</c>, <c>zero_one</c>, or <c>points</c> (toys).</param>
/// <param name="Description">One line.</param>
public sealed record ModelFamily(string Name, string Kind, string Scale, string Description);

/// <summary>
/// Builds models and games by name (the <c>model.name</c> of experiments.yaml). A family fixes the
/// generator/discriminator classes and the <see cref="AdversarialGame"/> that scores them; widths,
/// latent size and options come from <see cref="ModelSpec"/>.
/// </summary>
public static class ModelZoo
{
    static readonly ModelFamily[] Families =
    [
        new("dcgan", "gan", "tanh", "DCGAN for 28×28 (Radford et al. 2016), configurable widths, batch/spectral norm"),
        new("mlp", "gan", "zero_one", "the source material's MLP pair: G 100→128→256→784 sigmoid, D 784→256→128→1"),
        new("gan2014", "gan", "zero_one", "Goodfellow et al. 2014's MNIST MLPs: ReLU G, maxout + dropout D"),
        new("toy-mlp", "gan", "points", "gan_toy.py's 3×512 ReLU MLPs for 2-D toy distributions"),
        new("cdcgan", "gan", "tanh", "conditional DCGAN: label embedding in G, concat or projection D"),
        new("infogan", "gan", "tanh", "InfoGAN (Chen et al. 2016): categorical + continuous codes, Q head on D's body"),
        new("began", "gan", "tanh", "BEGAN (Berthelot et al. 2017): autoencoder D with k_t equilibrium control"),
        new("ssgan", "gan", "zero_one", "semi-supervised K+1-class D with feature matching (Salimans et al. 2016)"),
        new("vae", "vae", "zero_one", "variational autoencoder (Kingma & Welling 2013), MLP or conv, Bernoulli or Gaussian"),
    ];

    /// <summary>Known model names.</summary>
    public static IReadOnlyCollection<string> Names { get; } = Families.Select(f => f.Name).ToList();

    /// <summary>The family of a model name.</summary>
    public static ModelFamily Family(string name) =>
        Families.FirstOrDefault(f => f.Name == name)
        ?? throw new InputException($"unknown model '{name}'{YamlTree.DidYouMean(name, Names)}; known: {string.Join(", ", Names)}.");

    /// <summary>Whether a model name is a VAE.</summary>
    public static bool IsVae(string name) => Family(name).Kind == "vae";

    /// <summary>A new generator for an experiment (called twice when EMA is on: the model and its average).</summary>
    public static nn.Module CreateGenerator(ExperimentSpec spec)
    {
        var m = spec.Model;
        return m.Name switch
        {
            "dcgan" => new DcganGenerator(m.LatentDim, m.GWidth, hidden: m.GHidden),
            "mlp" => new MlpGenerator(m.LatentDim, m.GWidth),
            "gan2014" => new Goodfellow2014Generator(m.LatentDim, m.GWidth),
            "toy-mlp" => new ToyGenerator(m.LatentDim, m.GWidth),
            "cdcgan" => new ConditionalDcganGenerator(m.LatentDim, Classes(spec), m.LabelEmbedding, m.GWidth),
            "infogan" => new DcganGenerator(m.LatentDim + m.Categories + m.ContinuousCodes, m.GWidth, hidden: m.GHidden),
            "began" => m.BeganGenerator == "decoder" ? new BeganGenerator(m.LatentDim, m.GWidth) : new DcganGenerator(m.LatentDim, m.GWidth, hidden: m.GHidden),
            "ssgan" => new SemiSupervisedGenerator(m.LatentDim, m.GWidth),
            _ => throw new InputException($"model '{m.Name}' has no generator; known GANs: {string.Join(", ", Families.Where(f => f.Kind == "gan").Select(f => f.Name))}."),
        };
    }

    /// <summary>A new discriminator for an experiment.</summary>
    public static nn.Module CreateDiscriminator(ExperimentSpec spec)
    {
        var m = spec.Model;
        return m.Name switch
        {
            "dcgan" => new DcganDiscriminator(m.DWidth, 1, m.DBatchNorm, m.SpectralNorm),
            "mlp" => new MlpDiscriminator(m.DWidth, m.SpectralNorm),
            "gan2014" => new Goodfellow2014Discriminator(m.DWidth),
            "toy-mlp" => new ToyDiscriminator(m.DWidth, m.SpectralNorm),
            "cdcgan" => new ConditionalDcganDiscriminator(Classes(spec), m.LabelEmbedding, m.DWidth, m.Conditioning, m.DBatchNorm, m.SpectralNorm),
            "infogan" => new InfoGanDiscriminator(m.Categories, m.ContinuousCodes, m.DWidth, m.DBatchNorm),
            "began" => m.BeganDiscriminator == "shallow" ? new ShallowBeganDiscriminator(m.DWidth, m.Bottleneck) : new BeganDiscriminator(m.DWidth, m.Bottleneck),
            "ssgan" => new SemiSupervisedDiscriminator(Classes(spec), m.DWidth),
            _ => throw new InputException($"model '{m.Name}' has no discriminator."),
        };
    }

    /// <summary>A new VAE for an experiment with <c>model.name: vae</c>.</summary>
    public static Vae CreateVae(ExperimentSpec spec)
    {
        var v = spec.Vae;
        int classes = v.Conditional ? Classes(spec) : 0;
        return v.Architecture switch
        {
            "mlp" => VaeNetworks.Mlp(spec.Model.LatentDim, v.Hidden, v.Activation, v.Likelihood, classes),
            "conv" => VaeNetworks.Conv(spec.Model.LatentDim, v.Likelihood, classes),
            _ => throw new InputException($"vae.architecture: unknown value '{v.Architecture}'; expected mlp or conv."),
        };
    }

    /// <summary>
    /// The game that trains <paramref name="g"/> against <paramref name="d"/> (both built by this zoo
    /// for <paramref name="spec"/>) with the experiment's loss, penalty and clipping. The
    /// semi-supervised game draws its labelled subset from <paramref name="train"/>.
    /// </summary>
    public static AdversarialGame CreateGame(ExperimentSpec spec, nn.Module g, nn.Module d, ImageDataset? train = null)
    {
        var loss = LossZoo.Create(spec.Loss);
        var penalty = LossZoo.CreatePenalty(spec.Loss);
        var clipping = LossZoo.CreateClipping(spec.Loss);
        switch (spec.Model.Name)
        {
            case "cdcgan":
                return new ConditionalGame((ConditionalGeneratorModule)g, (ConditionalDiscriminatorModule)d, loss, penalty, clipping);
            case "infogan":
                return new InfoGanGame((GeneratorModule)g, (InfoGanDiscriminator)d, loss, spec.Loss.InfoWeight, spec.Loss.InfoContinuousWeight, penalty, clipping);
            case "began":
                return new BeganGame((GeneratorModule)g, (AutoencoderDiscriminator)d, loss as BeganLoss
                    ?? throw new InputException("model 'began' needs loss.name: began (its discriminator scores are reconstruction errors)."));
            case "ssgan":
                if (train is null) throw new InputException("model 'ssgan' needs an image dataset with labels.");
                var subset = train.BalancedSubset(spec.Model.LabelsPerClass, spec.Seed);
                int batch = Math.Min(spec.Data.BatchSize, subset.Count);
                var labelled = new ImageBatches(subset, batch, spec.Seed + 1, spec.Data.Binarize, ownsData: true);
                return new SemiSupervisedGame((GeneratorModule)g, (SemiSupervisedDiscriminator)d, loss, labelled, spec.Model.FeatureMatching, penalty);
            default:
                return new StandardGame((GeneratorModule)g, (DiscriminatorModule)d, loss, penalty, clipping);
        }
    }

    static int Classes(ExperimentSpec spec) =>
        DatasetCatalog.All.FirstOrDefault(d => d.Name == spec.Data.Dataset)?.ClassNames.Count ?? 10;
}
