using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>
/// BEGAN's decoder (Berthelot et al. 2017, Fig. 1, scaled to 28×28): h → FC → (n, 7, 7), then at each
/// scale two 3×3 convolutions with ELU and a nearest-neighbour upsampling 7→14→28, and a final 3×3
/// layer to one channel with no output nonlinearity, as in the paper. Used as the generator and inside
/// the discriminator. It has no tanh because the L1 error's constant-size gradient drives tanh's background
/// pixels into its flat tail and the autoencoder freezes on all-black reconstructions; outputs are unbounded
/// and pictures clamp them to [−1, 1].
/// <para>The final layer is a stride-1 transposed convolution — the same family of functions as a 3×3
/// convolution — because a convolution to one channel hits the oneDNN kernels whose input gradient
/// came out wrong with two threads on the project's machines (see <see cref="Native.TorchLoader.OneDnnIsa"/>
/// and tests/Models/ThreadConsistencyTests); this way it stays right even without the ISA cap.</para>
/// </summary>
public sealed class BeganDecoder : Module<Tensor, Tensor>
{
    readonly Linear project;
    readonly Sequential blocks;
    readonly int width;

    /// <summary>Creates a decoder from <paramref name="inputs"/> numbers to a (B, 1, 28, 28) image.</summary>
    public BeganDecoder(int inputs, int width) : base(nameof(BeganDecoder))
    {
        this.width = width;
        project = Linear(inputs, width * 7 * 7);                                // (B, h) → (B, n·49)
        blocks = Sequential(
            Conv2d(width, width, 3, padding: 1), ELU(), Conv2d(width, width, 3, padding: 1), ELU(),   // (B, n, 7, 7)
            Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest),                         // → 14×14
            Conv2d(width, width, 3, padding: 1), ELU(), Conv2d(width, width, 3, padding: 1), ELU(),
            Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest),                         // → 28×28
            Conv2d(width, width, 3, padding: 1), ELU(), Conv2d(width, width, 3, padding: 1), ELU(),
            ConvTranspose2d(width, 1, 3, padding: 1));                                              // → (B, 1, 28, 28), linear
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor h)
    {
        using var scope = NewDisposeScope();
        return blocks.forward(project.forward(h).view(-1, width, 7, 7)).MoveToOuterDisposeScope();
    }
}

/// <summary>BEGAN's generator as the paper builds it: the decoder applied to z ~ U(−1, 1)^N_z, the paper's prior
/// (it uses N_z = h = 64). Experiments get it with <c>model.generator: decoder</c>; their default is the
/// DCGAN generator, which did better on MNIST at the workbench's budgets (experiments.yaml, mnist-began).</summary>
public sealed class BeganGenerator : GeneratorModule
{
    readonly BeganDecoder decoder;

    /// <param name="latentDim">Length of z.</param>
    /// <param name="width">Filters n per convolution.</param>
    public BeganGenerator(int latentDim = 64, int width = 64) : base(nameof(BeganGenerator), latentDim, [1, 28, 28])
    {
        decoder = new BeganDecoder(latentDim, width);
        RegisterComponents();
    }

    /// <summary>z ~ U(−1, 1)^N_z, shape (n, N_z) (Berthelot et al. 2017, §4).</summary>
    protected override Tensor DrawLatent(long n, Device device, torch.Generator? generator) =>
        rand(n, LatentDim, generator: generator, device: device).mul_(2).sub_(1);

    /// <inheritdoc/>
    public override Tensor forward(Tensor z) => decoder.forward(z);
}

/// <summary>
/// A BEGAN discriminator: an autoencoder whose score for a sample is its reconstruction error
/// <c>L(v) = mean |v − D(v)|</c> (Berthelot et al. 2017, Eq. 1 with η = 1), shape (B): low for what D has
/// learned to reconstruct. <see cref="Losses.BeganLoss"/> works on these scores. Subclasses say how
/// <see cref="Reconstruct"/> is built. Notebook: 06-gan-zoo.
/// </summary>
public abstract class AutoencoderDiscriminator : DiscriminatorModule
{
    /// <summary>Base constructor.</summary>
    protected AutoencoderDiscriminator(string name) : base(name) { }

    /// <summary>D(v): the autoencoder's reconstruction, the shape of <paramref name="x"/>.</summary>
    public abstract Tensor Reconstruct(Tensor x);

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return (x - Reconstruct(x)).abs().flatten(1).mean([1]).MoveToOuterDisposeScope(); // (B) L(x)
    }
}

/// <summary>
/// BEGAN's discriminator as the paper builds it (Fig. 1, scaled to 28×28): a deep ELU encoder to a
/// bottleneck h, then a <see cref="BeganDecoder"/>. Experiments get it with
/// <c>model.discriminator: paper</c>.
/// </summary>
public sealed class BeganDiscriminator : AutoencoderDiscriminator
{
    readonly Sequential encoder;
    readonly Linear encode;
    readonly BeganDecoder decoder;

    /// <param name="width">Filters n of the first scale (the encoder uses n, 2n, 3n).</param>
    /// <param name="bottleneck">Size of h (paper: 64).</param>
    public BeganDiscriminator(int width = 64, int bottleneck = 64) : base(nameof(BeganDiscriminator))
    {
        encoder = Sequential(
            Conv2d(1, width, 3, padding: 1), ELU(),                                             // (B, 1, 28, 28) → (B, n, 28, 28)
            Conv2d(width, width, 3, padding: 1), ELU(), Conv2d(width, 2 * width, 3, stride: 2, padding: 1), ELU(),     // → (B, 2n, 14, 14)
            Conv2d(2 * width, 2 * width, 3, padding: 1), ELU(), Conv2d(2 * width, 3 * width, 3, stride: 2, padding: 1), ELU(), // → (B, 3n, 7, 7)
            Conv2d(3 * width, 3 * width, 3, padding: 1), ELU());
        encode = Linear(3 * width * 7 * 7, bottleneck);                         // (B, 3n·49) → (B, h)
        decoder = new BeganDecoder(bottleneck, width);                          // (B, h) → (B, 1, 28, 28)
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Reconstruct(Tensor x)
    {
        using var scope = NewDisposeScope();
        return decoder.forward(encode.forward(encoder.forward(x).flatten(1))).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// A shallow autoencoder discriminator for BEGAN on 28×28 images: one strided convolution, a fully
/// connected bottleneck of h units with batch norm on both sides of it, and one upsampling convolution
/// back — the shape common MNIST implementations of BEGAN use instead of the paper's deep CelebA network.
/// Batch norm matters here: D sees the real and the generated batch in separate forward passes, so each
/// is normalised by its own statistics. The output layer is linear, as in the paper, and is a stride-1
/// transposed convolution for the reason <see cref="BeganDecoder"/> gives.
/// Experiments get it with <c>model.discriminator: shallow</c>.
/// </summary>
public sealed class ShallowBeganDiscriminator : AutoencoderDiscriminator
{
    readonly Sequential encoder;
    readonly Sequential bottleneck;
    readonly Sequential decoder;
    readonly int width;

    /// <param name="width">Filters n of the one convolution each way.</param>
    /// <param name="hidden">Size of the bottleneck h.</param>
    public ShallowBeganDiscriminator(int width = 64, int hidden = 32) : base(nameof(ShallowBeganDiscriminator))
    {
        this.width = width;
        encoder = Sequential(Conv2d(1, width, 3, stride: 2, padding: 1), ReLU());                   // (B, 1, 28, 28) → (B, n, 14, 14)
        bottleneck = Sequential(
            Linear(width * 14 * 14, hidden), BatchNorm1d(hidden), ReLU(),                             // (B, n·196) → (B, h)
            Linear(hidden, width * 14 * 14), BatchNorm1d(width * 14 * 14), ReLU());                   // → (B, n·196)
        decoder = Sequential(
            Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest),                           // (B, n, 14, 14) → (B, n, 28, 28)
            ConvTranspose2d(width, 1, 3, padding: 1));                                                // → (B, 1, 28, 28), linear
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Reconstruct(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = bottleneck.forward(encoder.forward(x).flatten(1)).view(-1, width, 14, 14);
        return decoder.forward(h).MoveToOuterDisposeScope();
    }
}
