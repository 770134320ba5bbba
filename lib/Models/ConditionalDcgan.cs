using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>How a conditional discriminator sees the label (<see cref="ConditionalDcganDiscriminator"/>).</summary>
public enum Conditioning
{
    /// <summary>An embedded label plane as an extra input channel (Mirza &amp; Osindero 2014).</summary>
    Concat,
    /// <summary>The projection discriminator (Miyato &amp; Koyama 2018).</summary>
    Projection,
}

/// <summary>
/// Conditional DCGAN generator G(z, y) (Mirza &amp; Osindero 2014, with a learned label embedding):
/// the label's embedding (B, e) is concatenated to z and fed to a <see cref="DcganGenerator"/>.
/// Notebook: 07-conditional-and-augmentation.
/// </summary>
public sealed class ConditionalDcganGenerator : ConditionalGeneratorModule
{
    readonly Embedding embed;
    readonly DcganGenerator body;

    /// <param name="latentDim">Length of z.</param>
    /// <param name="classes">Number of labels.</param>
    /// <param name="embedding">Length e of the label embedding.</param>
    /// <param name="width">DCGAN width.</param>
    public ConditionalDcganGenerator(int latentDim = 100, int classes = 10, int embedding = 10, int width = 64)
        : base(nameof(ConditionalDcganGenerator), latentDim, classes, [1, 28, 28])
    {
        embed = Embedding(classes, embedding);                                  // (B) → (B, e)
        body = new DcganGenerator(latentDim + embedding, width);                // (B, nz + e) → (B, 1, 28, 28)
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return body.forward(cat([z, embed.forward(labels)], 1)).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Conditional DCGAN discriminator D(x, y), in one of two forms:
/// <list type="bullet">
/// <item><see cref="Conditioning.Concat"/>: the label's embedding is mapped to a 28×28 plane and stacked onto the image as
/// an extra input channel (the input-concatenation of Mirza &amp; Osindero 2014, for convolutions);</item>
/// <item><see cref="Conditioning.Projection"/> (Miyato &amp; Koyama 2018, Eq. 3): <c>D(x, y) = ψ(φ(x)) + ⟨embed(y), φ(x)⟩</c>,
/// with φ the DCGAN body's features and ψ its linear head.</item>
/// </list>
/// </summary>
public sealed class ConditionalDcganDiscriminator : ConditionalDiscriminatorModule
{
    readonly Embedding embed;
    readonly Linear? label_map;
    readonly DcganDiscriminator body;
    readonly bool projection;

    /// <summary>Creates the discriminator.</summary>
    public ConditionalDcganDiscriminator(int classes = 10, int embedding = 10, int width = 64, Conditioning conditioning = Conditioning.Concat,
        bool batchNorm = true, bool spectralNorm = false) : base(nameof(ConditionalDcganDiscriminator))
    {
        projection = conditioning == Conditioning.Projection;
        if (projection)
        {
            body = new DcganDiscriminator(width, 1, batchNorm, spectralNorm);   // φ: (B, 1, 28, 28) → (B, 2w·49)
            embed = Embedding(classes, 2 * width * 7 * 7);                      // (B) → (B, 2w·49)
        }
        else
        {
            body = new DcganDiscriminator(width, 2, batchNorm, spectralNorm);   // image + label plane
            embed = Embedding(classes, embedding);                              // (B) → (B, e)
            label_map = Linear(embedding, 28 * 28);                             // (B, e) → (B, 784)
        }
        RegisterComponents();
        if (projection) using (no_grad()) nn.init.normal_(embed.weight!, 0, 0.02);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x, Tensor labels)
    {
        using var scope = NewDisposeScope();
        if (projection)
        {
            var features = body.Features(x);                                    // (B, F)
            var projected = (embed.forward(labels) * features).sum(1);         // (B) ⟨embed(y), φ(x)⟩
            return (body.Head(features) + projected).MoveToOuterDisposeScope();
        }
        var plane = label_map!.forward(embed.forward(labels)).view(-1, 1, 28, 28); // (B, 1, 28, 28)
        return body.forward(cat([x, plane], 1)).MoveToOuterDisposeScope();      // (B)
    }
}
