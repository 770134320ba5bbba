using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Bench.Bare;

// The baseline models: plain TorchSharp, no workbench code. Layer for layer the same as the
// library's models and the PyTorch peer (bench/pytorch/models.py), with the same initialisation
// (values matter for speed too: denormals are slow on CPUs), so all three do the same arithmetic
// per step. Kept deliberately minimal: no checks.

/// <summary>DCGAN's initialisation (Radford et al. 2016, §4): conv and linear weights ~ N(0, 0.02),
/// batch-norm scales ~ N(1, 0.02), biases 0.</summary>
internal static class BareDcganInit
{
    public static void Apply(Module module)
    {
        using var noGrad = no_grad();
        foreach (var (_, m) in module.named_modules())
            foreach (var (name, p) in m.named_parameters(recurse: false))
            {
                bool norm = m is TorchSharp.Modules.BatchNorm1d or TorchSharp.Modules.BatchNorm2d;
                if (name == "weight") p.normal_(norm ? 1 : 0, 0.02); else p.zero_();
            }
    }
}

/// <summary>DCGAN generator for 28×28 (as lib/Models/Dcgan.cs): fc → 7×7 → 14×14 → 28×28.</summary>
internal sealed class BareDcganGenerator : Module<Tensor, Tensor>
{
    readonly Linear project;
    readonly BatchNorm1d project_bn;
    readonly ConvTranspose2d up1;
    readonly BatchNorm2d up1_bn;
    readonly ConvTranspose2d up2;
    readonly int width;

    public BareDcganGenerator(int latentDim = 100, int width = 64) : base(nameof(BareDcganGenerator))
    {
        this.width = width;
        project = Linear(latentDim, 2 * width * 49, hasBias: false);            // (B, nz) → (B, 2w·49)
        project_bn = BatchNorm1d(2 * width * 49);
        up1 = ConvTranspose2d(2 * width, width, 4, stride: 2, padding: 1, bias: false); // → (B, w, 14, 14)
        up1_bn = BatchNorm2d(width);
        up2 = ConvTranspose2d(width, 1, 4, stride: 2, padding: 1);              // → (B, 1, 28, 28)
        RegisterComponents();
        BareDcganInit.Apply(this);
    }

    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = functional.relu(project_bn.forward(project.forward(z))).view(-1, 2 * width, 7, 7); // (B, 2w, 7, 7)
        h = functional.relu(up1_bn.forward(up1.forward(h)));                   // (B, w, 14, 14)
        return tanh(up2.forward(h)).MoveToOuterDisposeScope();                  // (B, 1, 28, 28)
    }
}

/// <summary>DCGAN discriminator for 28×28: 28 → 14 → 7 strided convs, LeakyReLU 0.2, one logit;
/// without batch norm for gradient penalties.</summary>
internal sealed class BareDcganDiscriminator : Module<Tensor, Tensor>
{
    readonly Conv2d down1;
    readonly Conv2d down2;
    readonly BatchNorm2d? down2_bn;
    readonly Linear classify;

    public BareDcganDiscriminator(int width = 64, bool batchNorm = true) : base(nameof(BareDcganDiscriminator))
    {
        down1 = Conv2d(1, width, 4, stride: 2, padding: 1);                    // (B, 1, 28, 28) → (B, w, 14, 14)
        down2 = Conv2d(width, 2 * width, 4, stride: 2, padding: 1, bias: !batchNorm); // → (B, 2w, 7, 7)
        down2_bn = batchNorm ? BatchNorm2d(2 * width) : null;
        classify = Linear(2 * width * 49, 1);                                   // (B, 2w·49) → (B, 1)
        RegisterComponents();
        BareDcganInit.Apply(this);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(down1.forward(x), 0.2);                   // (B, w, 14, 14)
        h = down2.forward(h);                                                   // (B, 2w, 7, 7)
        if (down2_bn is not null) h = down2_bn.forward(h);
        h = functional.leaky_relu(h, 0.2);
        return classify.forward(h.flatten(1)).squeeze(1).MoveToOuterDisposeScope(); // (B)
    }
}

/// <summary>The source material's MLP generator 100 → 128 → 256 → 784, LeakyReLU 0.2 hidden, sigmoid
/// output in [0, 1] (as lib/Models/MlpGan.cs).</summary>
internal sealed class BareMlpGenerator : Module<Tensor, Tensor>
{
    readonly Linear fc1, fc2, output;

    public BareMlpGenerator(int latentDim = 100) : base(nameof(BareMlpGenerator))
    {
        fc1 = Linear(latentDim, 128);                                           // (B, nz) → (B, 128)
        fc2 = Linear(128, 256);                                                 // → (B, 256)
        output = Linear(256, 784);                                                // → (B, 784)
        RegisterComponents();
    }

    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(fc2.forward(functional.leaky_relu(fc1.forward(z), 0.2)), 0.2);
        return sigmoid(output.forward(h)).view(-1, 1, 28, 28).MoveToOuterDisposeScope(); // (B, 1, 28, 28)
    }
}

/// <summary>The source material's MLP discriminator 784 → 256 → 128 → 1, LeakyReLU 0.2.</summary>
internal sealed class BareMlpDiscriminator : Module<Tensor, Tensor>
{
    readonly Linear fc1, fc2, output;

    public BareMlpDiscriminator() : base(nameof(BareMlpDiscriminator))
    {
        fc1 = Linear(784, 256);                                                 // (B, 784) → (B, 256)
        fc2 = Linear(256, 128);                                                 // → (B, 128)
        output = Linear(128, 1);                                                  // → (B, 1)
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(fc1.forward(x.flatten(1)), 0.2);
        h = functional.leaky_relu(fc2.forward(h), 0.2);
        return output.forward(h).squeeze(1).MoveToOuterDisposeScope();           // (B)
    }
}

/// <summary>Kingma &amp; Welling's MNIST VAE 784-400-20, Bernoulli decoder (logits out), laid out as
/// lib/Models/Vae.cs builds it: one encoder head producing μ ‖ log σ².</summary>
internal sealed class BareMlpVae : Module<Tensor, (Tensor Logits, Tensor Mu, Tensor LogVar)>
{
    readonly Linear enc, encoder_head, dec, dec_out;

    public BareMlpVae() : base(nameof(BareMlpVae))
    {
        enc = Linear(784, 400);                                                 // (B, 784) → (B, 400)
        encoder_head = Linear(400, 40);                                         // → (B, 40): μ ‖ log σ²
        dec = Linear(20, 400);                                                  // (B, 20) → (B, 400)
        dec_out = Linear(400, 784);                                             // → (B, 784) logits
        RegisterComponents();
    }

    public override (Tensor Logits, Tensor Mu, Tensor LogVar) forward(Tensor x)
    {
        var stats = encoder_head.forward(functional.relu(enc.forward(x)));      // (B, 40)
        var mu = stats.narrow(1, 0, 20);
        var logVar = stats.narrow(1, 20, 20);
        var z = mu + exp(0.5 * logVar) * randn_like(mu);                        // reparameterisation
        return (dec_out.forward(functional.relu(dec.forward(z))), mu, logVar);
    }
}
