using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanWorkbench.Models;

/// <summary>What ClusterGAN's encoder reads from images: the noise part ẑ_n (B, noise) and the logits
/// of the one-hot part ẑ_c (B, K).</summary>
public sealed record ClusterGanCodes(Tensor Noise, Tensor CategoryLogits);

/// <summary>
/// ClusterGAN's encoder E (Mukherjee et al. 2019, §3 and Table 5 for MNIST): conv 64 (4×4, stride 2) →
/// conv 128 (4×4, stride 2) → FC 1024, LeakyReLU 0.2 throughout, then one linear layer to noise + K outputs,
/// split into ẑ_n and the K logits of ẑ_c. Clustering an image is argmax of its logits.
/// </summary>
public sealed class ClusterGanEncoder : Module<Tensor, ClusterGanCodes>
{
    readonly Conv2d conv1;
    readonly Conv2d conv2;
    readonly Linear fc;
    readonly Linear head;

    /// <summary>Length of ẑ_n.</summary>
    public int NoiseDim { get; }
    /// <summary>K, the number of clusters.</summary>
    public int Categories { get; }

    /// <param name="noiseDim">Length of the Gaussian part of the latent code (MNIST: 30).</param>
    /// <param name="categories">K (MNIST: 10).</param>
    /// <param name="width">Channels of the first conv (paper: 64).</param>
    public ClusterGanEncoder(int noiseDim, int categories, int width = 64) : base(nameof(ClusterGanEncoder))
    {
        NoiseDim = noiseDim; Categories = categories;
        conv1 = Conv2d(1, width, 4, stride: 2, padding: 1);                     // (B, 1, 28, 28) → (B, w, 14, 14)
        conv2 = Conv2d(width, 2 * width, 4, stride: 2, padding: 1);             // → (B, 2w, 7, 7)
        fc = Linear(2 * width * 7 * 7, 1024);                                   // → (B, 1024)
        head = Linear(1024, noiseDim + categories);                             // → (B, noise + K)
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <inheritdoc/>
    public override ClusterGanCodes forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.leaky_relu(conv1.forward(x), 0.2);
        h = functional.leaky_relu(conv2.forward(h), 0.2).flatten(1);
        h = head.forward(functional.leaky_relu(fc.forward(h), 0.2));            // (B, noise + K)
        return new ClusterGanCodes(h.narrow(1, 0, NoiseDim).MoveToOuterDisposeScope(), h.narrow(1, NoiseDim, Categories).MoveToOuterDisposeScope());
    }

    /// <summary>The cluster of every image (N, 1, 28, 28): argmax of ẑ_c's logits, in eval mode, in batches.</summary>
    public IReadOnlyList<int> Clusters(Tensor images, int batchSize = 1000)
    {
        var result = new List<int>((int)images.shape[0]);
        EvalBatches.ForEach(this, images, batchSize, x =>
        {
            using var argmax = forward(x).CategoryLogits.argmax(1).cpu();
            result.AddRange(argmax.data<long>().ToArray().Select(c => (int)c));
        });
        return result;
    }
}

/// <summary>
/// ClusterGAN's generator side (Mukherjee et al. 2019): a <see cref="DcganGenerator"/> (FC 1024 → 7×7×128 →
/// 14×14×64 → 28×28, the paper's MNIST generator) fed z = (z_n ‖ z_c) with z_n ~ N(0, σ²I) and z_c one-hot
/// of a uniformly drawn cluster, together with the encoder E that inverts it. G and E are trained by one
/// optimiser on one loss (the paper's joint update of θ_G and θ_E), so both live in this module and are
/// saved, averaged and restored together.
/// </summary>
public sealed class ClusterGanGenerator : GeneratorModule
{
    readonly DcganGenerator generator;
    readonly ClusterGanEncoder encoder;

    /// <summary>Length of z_n.</summary>
    public int NoiseDim { get; }
    /// <summary>K.</summary>
    public int Categories { get; }
    /// <summary>σ of z_n (paper: 0.1).</summary>
    public double NoiseStd { get; }
    /// <summary>The encoder E.</summary>
    public ClusterGanEncoder Encoder => encoder;

    /// <param name="noiseDim">Length of z_n (MNIST: 30).</param>
    /// <param name="categories">K (MNIST: 10).</param>
    /// <param name="noiseStd">σ of z_n.</param>
    /// <param name="gWidth">G's channels at 14×14.</param>
    /// <param name="gHidden">G's fully connected layer before the projection (paper: 1,024).</param>
    /// <param name="encoderWidth">E's channels at 14×14.</param>
    public ClusterGanGenerator(int noiseDim, int categories, double noiseStd = 0.1, int gWidth = 64, int gHidden = 1024, int encoderWidth = 64)
        : base(nameof(ClusterGanGenerator), noiseDim + categories, [1, 28, 28])
    {
        NoiseDim = noiseDim; Categories = categories; NoiseStd = noiseStd;
        generator = new DcganGenerator(noiseDim + categories, gWidth, hidden: gHidden);
        encoder = new ClusterGanEncoder(noiseDim, categories, encoderWidth);
        RegisterComponents();
    }

    /// <summary>(z_n ‖ one-hot(c)) from z_n (B, noise) and clusters (B) int64.</summary>
    public Tensor Latent(Tensor noise, Tensor clusters)
    {
        using var scope = NewDisposeScope();
        return cat([noise, functional.one_hot(clusters, Categories).to(noise.dtype)], 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override Tensor DrawLatent(long n, Device device, torch.Generator? generator)
    {
        using var scope = NewDisposeScope();
        var noise = randn(n, NoiseDim, generator: generator, device: device).mul(NoiseStd);
        var clusters = randint(0, Categories, [n], generator: generator, device: device);
        return Latent(noise, clusters).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z) => generator.forward(z);
}
