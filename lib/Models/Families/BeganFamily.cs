using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>BEGAN's generator (<c>model.generator</c>).</summary>
public enum BeganGeneratorKind
{
    /// <summary>The DCGAN generator (batch norm, ReLU, tanh output, z ~ N(0, I)).</summary>
    Dcgan,
    /// <summary>The paper's: a copy of the autoencoder's decoder (ELU convolutions, linear output, z ~ U(−1, 1)).</summary>
    Decoder,
}

/// <summary>BEGAN's autoencoder discriminator (<c>model.discriminator</c>).</summary>
public enum BeganDiscriminatorKind
{
    /// <summary><see cref="ShallowBeganDiscriminator"/>: one convolution each way around a batch-normalised bottleneck.</summary>
    Shallow,
    /// <summary><see cref="BeganDiscriminator"/>: the paper's deep ELU autoencoder.</summary>
    Paper,
}

/// <summary>The options of <c>model.name: began</c>.</summary>
public sealed record BeganOptions : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "began";
    /// <summary>The DCGAN generator's extra fully connected layer before the 7×7 projection; 0 for none.</summary>
    public int GHidden { get; init; }
    /// <summary>Size of the autoencoder's bottleneck h (paper: 64).</summary>
    public int Bottleneck { get; init; } = 64;
    /// <summary>The generator: <c>dcgan</c> or the paper's <c>decoder</c>.</summary>
    public BeganGeneratorKind Generator { get; init; } = BeganGeneratorKind.Dcgan;
    /// <summary>The autoencoder discriminator: <c>shallow</c> (<c>bottleneck</c> units between one convolution
    /// each way) or the paper's deep network (<c>d_width</c> filters, <c>bottleneck</c> = h).</summary>
    public BeganDiscriminatorKind Discriminator { get; init; } = BeganDiscriminatorKind.Shallow;
}

/// <summary>BEGAN (Berthelot et al. 2017): an autoencoder D that scores samples by reconstruction error,
/// trained with <see cref="BeganLoss"/> and its k_t equilibrium control in a <see cref="BeganGame"/>.</summary>
public sealed class BeganFamily : GanFamily<BeganOptions>
{
    /// <inheritdoc/>
    public override string Description => "BEGAN (Berthelot et al. 2017): autoencoder D with k_t equilibrium control";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.Tanh;
    /// <inheritdoc/>
    public override LossName? RequiredLoss => LossName.Began;

    /// <inheritdoc/>
    public override nn.Module Generator(BeganOptions options, int classes) => options.Generator switch
    {
        BeganGeneratorKind.Decoder => new BeganGenerator(options.LatentDim, options.GWidth),
        _ => new DcganGenerator(options.LatentDim, options.GWidth, hidden: options.GHidden),
    };

    /// <inheritdoc/>
    public override nn.Module Discriminator(BeganOptions options, int classes) => options.Discriminator switch
    {
        BeganDiscriminatorKind.Paper => new BeganDiscriminator(options.DWidth, options.Bottleneck),
        _ => new ShallowBeganDiscriminator(options.DWidth, options.Bottleneck),
    };

    /// <inheritdoc/>
    public override AdversarialGame Game(BeganOptions options, nn.Module g, nn.Module d, GameParts parts) =>
        new BeganGame((GeneratorModule)g, (AutoencoderDiscriminator)d, parts.Loss as BeganLoss
            ?? throw new ArgumentException("BEGAN's game needs a BeganLoss: its discriminator scores are reconstruction errors", nameof(parts)));

    /// <inheritdoc/>
    public override void Check(BeganOptions options, FieldCheck check)
    {
        check.NonNegative("model.g_hidden", options.GHidden, "0 = no hidden layer");
        check.Positive("model.bottleneck", options.Bottleneck);
    }
}
