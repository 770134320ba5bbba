using GanWorkbench.Experiments;
using GanWorkbench.Models;

namespace GanWorkbench.Tests.Experiments;

/// <summary>A run's config.yaml from before model families had their own options (one flat model section,
/// a vae section, InfoGAN's weights under loss) is read into today's form, so old runs still resume.</summary>
public class LegacyConfigTests
{
    const string Common = "name: x\nseed: 1\ndata:\n  dataset: mnist\n  scale: zero_one\n  batch_size: 16\n  binarize: true\n";
    const string FlatModel = "  latent_dim: 50\n  g_width: 64\n  g_hidden: 0\n  d_width: 64\n  d_batch_norm: true\n  spectral_norm: false\n" +
                             "  conditioning: concat\n  label_embedding: 10\n  categories: 10\n  continuous_codes: 2\n  bottleneck: 64\n" +
                             "  began_generator: dcgan\n  began_discriminator: paper\n  labels_per_class: 10\n  feature_matching: true\n";
    const string Loss = "loss:\n  name: {loss}\n  real_target: 1\n  penalty: none\n  penalty_weight: 0\n  clip: 0\n  info_weight: 0.5\n  info_continuous_weight: 0.2\n";
    const string Vae = "budget:\n  steps: 4\nvae:\n  architecture: mlp\n  hidden:\n  - 200\n  - 200\n  activation: tanh\n  likelihood: bernoulli\n  objective: iwae\n  beta: 1\n  samples: 5\n  conditional: false\n";

    static ExperimentSpec Read(string model, string loss = "ns")
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("config.yaml"), Common + "model:\n  name: " + model + "\n" + FlatModel + Loss.Replace("{loss}", loss, StringComparison.Ordinal) + Vae);
        return ExperimentRunner.ReadConfig(temp.File("config.yaml"));
    }

    [Fact]
    public void The_vae_section_becomes_the_vae_familys_model_fields()
    {
        var vae = Assert.IsType<VaeOptions>(Read("vae").Model);
        Assert.Equal((50, VaeActivation.Tanh, VaeObjective.Iwae, 5), (vae.LatentDim, vae.Activation, vae.Objective, vae.Samples));
        Assert.Equal([200, 200], vae.Hidden);
    }

    [Fact]
    public void Infogan_takes_its_weights_from_loss_and_began_its_renamed_networks()
    {
        var info = Assert.IsType<InfoGanOptions>(Read("infogan").Model);
        Assert.Equal((0.5, 0.2, 10, 2), (info.InfoWeight, info.InfoContinuousWeight, info.Categories, info.ContinuousCodes));
        var began = Assert.IsType<BeganOptions>(Read("began", "began").Model);
        Assert.Equal((BeganDiscriminatorKind.Paper, BeganGeneratorKind.Dcgan, 64), (began.Discriminator, began.Generator, began.Bottleneck));
    }

    [Fact]
    public void Fields_other_families_read_are_dropped_as_they_were_ignored() =>
        Assert.Equal(new DcganOptions { LatentDim = 50 }, Assert.IsType<DcganOptions>(Read("dcgan").Model));
}
