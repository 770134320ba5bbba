using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>
/// DCGAN generator for 28×28 images (Radford, Metz, Chintala 2016, adapted from 64×64 to MNIST's size):
/// a linear layer to a 7×7 feature map, then two stride-2 transposed convolutions 7→14→28, batch
/// norm and ReLU in between, tanh at the output (pixels in [−1, 1]). Optionally a fully connected
/// hidden layer first (InfoGAN's MNIST generator, Chen et al. 2016, Appendix C.1: FC 1024 → FC 7·7·128).
/// Notebook: 05-dcgan-gpu.
/// </summary>
public sealed class DcganGenerator : GeneratorModule
{
    readonly Linear? hidden;
    readonly BatchNorm1d? hidden_bn;
    readonly Linear project;
    readonly BatchNorm1d project_bn;
    readonly ConvTranspose2d up1;
    readonly BatchNorm2d up1_bn;
    readonly ConvTranspose2d up2;
    readonly int width;

    /// <param name="latentDim">Length of z (DCGAN: 100).</param>
    /// <param name="width">Channels at 14×14; the 7×7 map has twice as many (default 64 → 128).</param>
    /// <param name="channels">Image channels (1 for MNIST).</param>
    /// <param name="hidden">Units of a fully connected layer (BN, ReLU) before the projection; 0 for none.</param>
    public DcganGenerator(int latentDim = 100, int width = 64, int channels = 1, int hidden = 0)
        : base(nameof(DcganGenerator), latentDim, [channels, 28, 28])
    {
        if (hidden < 0) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "hidden units must be ≥ 0 (0 = no hidden layer)");
        this.width = width;
        if (hidden > 0)
        {
            this.hidden = Linear(latentDim, hidden, hasBias: false);            // (B, nz) → (B, h)
            hidden_bn = BatchNorm1d(hidden);
        }
        project = Linear(hidden > 0 ? hidden : latentDim, 2 * width * 7 * 7, hasBias: false); // (B, h or nz) → (B, 2w·7·7)
        project_bn = BatchNorm1d(2 * width * 7 * 7);
        up1 = ConvTranspose2d(2 * width, width, 4, stride: 2, padding: 1, bias: false); // (B, 2w, 7, 7) → (B, w, 14, 14)
        up1_bn = BatchNorm2d(width);
        up2 = ConvTranspose2d(width, channels, 4, stride: 2, padding: 1);       // (B, w, 14, 14) → (B, C, 28, 28)
        RegisterComponents();
        DcganInit.Apply(this);                                                  // after registration: it walks named_modules()
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        if (hidden is not null) z = functional.relu(hidden_bn!.forward(hidden.forward(z))); // (B, h)
        var h = functional.relu(project_bn.forward(project.forward(z)));       // (B, 2w·49)
        h = h.view(-1, 2 * width, 7, 7);                                        // (B, 2w, 7, 7)
        h = functional.relu(up1_bn.forward(up1.forward(h)));                    // (B, w, 14, 14)
        return tanh(up2.forward(h)).MoveToOuterDisposeScope();                  // (B, C, 28, 28)
    }
}

/// <summary>
/// DCGAN discriminator for 28×28 images: two stride-2 convolutions 28→14→7 with LeakyReLU(0.2)
/// (batch norm on the second, none on the input layer, as in Radford et al.), then a linear layer
/// to one logit per image. Spectral normalisation (Miyato et al. 2018) can wrap every layer.
/// </summary>
public sealed class DcganDiscriminator : DiscriminatorModule
{
    readonly Module<Tensor, Tensor> down1;
    readonly Module<Tensor, Tensor> down2;
    readonly BatchNorm2d? down2_bn;
    readonly Module<Tensor, Tensor> classify;

    /// <param name="width">Channels at 14×14; 7×7 has twice as many.</param>
    /// <param name="channels">Image channels.</param>
    /// <param name="batchNorm">Batch norm in the body (turn off for gradient penalties, which are
    /// defined per sample: Gulrajani et al. 2017, §4).</param>
    /// <param name="spectralNorm">Spectral normalisation on every layer.</param>
    public DcganDiscriminator(int width = 64, int channels = 1, bool batchNorm = true, bool spectralNorm = false)
        : base(nameof(DcganDiscriminator))
    {
        down1 = SpectralNorm.Maybe(Conv2d(channels, width, 4, stride: 2, padding: 1), spectralNorm);            // (B, C, 28, 28) → (B, w, 14, 14)
        down2 = SpectralNorm.Maybe(Conv2d(width, 2 * width, 4, stride: 2, padding: 1, bias: !batchNorm), spectralNorm); // → (B, 2w, 7, 7)
        down2_bn = batchNorm ? BatchNorm2d(2 * width) : null;
        classify = SpectralNorm.Maybe(Linear(2 * width * 7 * 7, 1), spectralNorm);                              // (B, 2w·49) → (B, 1)
        RegisterComponents();
        DcganInit.Apply(this);                                                  // after registration: it walks named_modules()
    }

    /// <summary>The body's features before the final linear layer, (B, 2w·7·7).</summary>
    public Tensor Features(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(down1.forward(x), 0.2);                   // (B, w, 14, 14)
        h = down2.forward(h);                                                   // (B, 2w, 7, 7)
        if (down2_bn is not null) h = down2_bn.forward(h);
        return functional.leaky_relu(h, 0.2).flatten(1).MoveToOuterDisposeScope(); // (B, 2w·49)
    }

    /// <summary>The linear head on <see cref="Features"/>: (B, F) → (B).</summary>
    public Tensor Head(Tensor features)
    {
        using var scope = NewDisposeScope();
        return classify.forward(features).squeeze(1).MoveToOuterDisposeScope(); // (B)
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Head(Features(x)).MoveToOuterDisposeScope();                     // (B)
    }
}

/// <summary>DCGAN's initialisation: conv weights ~ N(0, 0.02), batch-norm scale ~ N(1, 0.02), bias 0.</summary>
public static class DcganInit
{
    /// <summary>Applies the initialisation to every conv, linear and batch-norm layer of a module.</summary>
    public static void Apply(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            switch (m)
            {
                case TorchSharp.Modules.Conv2d or TorchSharp.Modules.ConvTranspose2d or TorchSharp.Modules.Linear:
                    foreach (var (name, p) in m.named_parameters(recurse: false))
                        if (name == "weight") nn.init.normal_(p, 0, 0.02); else nn.init.zeros_(p);
                    break;
                case TorchSharp.Modules.BatchNorm1d or TorchSharp.Modules.BatchNorm2d:
                    foreach (var (name, p) in m.named_parameters(recurse: false))
                        if (name == "weight") nn.init.normal_(p, 1, 0.02); else nn.init.zeros_(p);
                    break;
            }
        }
    }
}
