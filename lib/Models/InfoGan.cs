using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>What InfoGAN's discriminator says about a batch: the real/fake logit (B), the Q head's
/// logits for the categorical code (B, K) and its means for the continuous codes (B, C).</summary>
public sealed record InfoGanOutput(Tensor Logits, Tensor CategoryLogits, Tensor ContinuousMeans);

/// <summary>
/// InfoGAN's discriminator for MNIST (Chen et al. 2016, Appendix C.1): conv 64 (4×4, stride 2,
/// LeakyReLU 0.2) → conv 128 (BN) → FC 1024 (BN) shared by the D head (one logit) and the Q head
/// (FC 128, BN, then K category logits and C continuous-code means). Q shares D's body, so the
/// mutual-information term costs almost nothing extra. The generator is a <see cref="DcganGenerator"/>
/// whose input is (noise ‖ one-hot code ‖ continuous codes), with the paper's FC 1024 hidden layer
/// (<c>model.g_hidden</c>) in <c>mnist-infogan</c>.
/// Notebook: 08-clustering.
/// </summary>
public sealed class InfoGanDiscriminator : DiscriminatorModule
{
    readonly Conv2d conv1;
    readonly Conv2d conv2;
    readonly BatchNorm2d? conv2_bn;
    readonly Linear fc;
    readonly BatchNorm1d? fc_bn;
    readonly Linear d_head;
    readonly Linear q_fc;
    readonly BatchNorm1d? q_bn;
    readonly Linear q_head;
    readonly int categories;

    /// <summary>Number of values of the categorical code.</summary>
    public int Categories => categories;
    /// <summary>Number of continuous codes.</summary>
    public int ContinuousCodes { get; }

    /// <param name="categories">K, values of the categorical code.</param>
    /// <param name="continuousCodes">C, continuous codes.</param>
    /// <param name="width">Channels of the first conv (paper: 64).</param>
    /// <param name="batchNorm">Batch norm in the body.</param>
    public InfoGanDiscriminator(int categories = 10, int continuousCodes = 2, int width = 64, bool batchNorm = true)
        : base(nameof(InfoGanDiscriminator))
    {
        this.categories = categories; ContinuousCodes = continuousCodes;
        conv1 = Conv2d(1, width, 4, stride: 2, padding: 1);                     // (B, 1, 28, 28) → (B, w, 14, 14)
        conv2 = Conv2d(width, 2 * width, 4, stride: 2, padding: 1, bias: !batchNorm); // → (B, 2w, 7, 7)
        conv2_bn = batchNorm ? BatchNorm2d(2 * width) : null;
        fc = Linear(2 * width * 7 * 7, 1024, hasBias: !batchNorm);             // (B, 2w·49) → (B, 1024)
        fc_bn = batchNorm ? BatchNorm1d(1024) : null;
        d_head = Linear(1024, 1);                                               // → (B, 1)
        q_fc = Linear(1024, 128, hasBias: !batchNorm);                          // → (B, 128)
        q_bn = batchNorm ? BatchNorm1d(128) : null;
        q_head = Linear(128, categories + continuousCodes);                     // → (B, K + C)
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>The shared body's output (B, 1024) that both heads read: a learned feature space,
    /// trained without labels (clustering in it is an unsupervised baseline).</summary>
    public Tensor Features(Tensor x) => Body(x);

    Tensor Body(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(conv1.forward(x), 0.2);                  // (B, w, 14, 14)
        h = conv2.forward(h);
        if (conv2_bn is not null) h = conv2_bn.forward(h);
        h = fc.forward(functional.leaky_relu(h, 0.2).flatten(1));             // (B, 1024)
        if (fc_bn is not null) h = fc_bn.forward(h);
        return functional.leaky_relu(h, 0.2).MoveToOuterDisposeScope();
    }

    /// <summary>The D logit and the Q head's outputs from one pass through the shared body.</summary>
    public InfoGanOutput ForwardWithCodes(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = Body(x);                                                        // (B, 1024)
        var logits = d_head.forward(h).squeeze(1);                              // (B)
        var q = q_fc.forward(h);
        if (q_bn is not null) q = q_bn.forward(q);
        q = q_head.forward(functional.leaky_relu(q, 0.2));                      // (B, K + C)
        return new InfoGanOutput(logits.MoveToOuterDisposeScope(),
            q.narrow(1, 0, categories).MoveToOuterDisposeScope(),              // (B, K)
            q.narrow(1, categories, ContinuousCodes).MoveToOuterDisposeScope()); // (B, C)
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return d_head.forward(Body(x)).squeeze(1).MoveToOuterDisposeScope();   // (B)
    }
}
