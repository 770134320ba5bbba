namespace GanWorkbench.Bench.Measure;

/// <summary>A matrix-product-type layer (linear, convolution, transposed convolution) and its
/// multiply-accumulates per sample in the forward pass.</summary>
/// <param name="Name">The layer's field name in the model.</param>
/// <param name="Macs">Multiply-accumulates for one sample.</param>
public sealed record MacLayer(string Name, long Macs);

/// <summary>A network as its matrix-product layers in forward order; the first one sees the input.</summary>
/// <param name="Layers">The layers, input first.</param>
public sealed record MacNetwork(IReadOnlyList<MacLayer> Layers)
{
    /// <summary>Forward multiply-accumulates per sample.</summary>
    public long Forward => Layers.Sum(l => l.Macs);
    /// <summary>The input layer's share (its input gradient is never needed when the input is data).</summary>
    public long First => Layers[0].Macs;

    /// <summary>Linear layer: in × out.</summary>
    public static MacLayer Linear(string name, long inFeatures, long outFeatures) => new(name, inFeatures * outFeatures);
    /// <summary>Convolution: Cin × Cout × k² per output pixel.</summary>
    public static MacLayer Conv(string name, long cin, long cout, long k, long outH, long outW) => new(name, cin * cout * k * k * outH * outW);
    /// <summary>Transposed convolution: Cin × Cout × k² per input pixel (each input pixel scatters a k×k patch).</summary>
    public static MacLayer ConvTranspose(string name, long cin, long cout, long k, long inH, long inW) => new(name, cin * cout * k * k * inH * inW);
}

/// <summary>
/// Analytic floating-point operations of one training step, per sample, counting only matrix-product
/// layers (2 flops per multiply-accumulate; biases, batch norm, activations and the optimiser are
/// left out, as in the usual model-FLOPs-utilisation convention). Rules, for a layer of forward cost
/// M: its weight gradient costs M and its input gradient costs M; only gradients the update needs are
/// counted (no input gradient for a layer whose input is data or detached; no D weight gradients in
/// the G step, although autograd computes them). A gradient penalty adds one forward on the mixed
/// samples, the input-gradient pass (M per layer) and its double backward (2M per layer) = 4 forwards;
/// autograd additionally propagates zeros back through that forward (LeakyReLU's second derivative),
/// which is not counted. The counts are therefore a lower bound of the work done.
/// </summary>
public static class Flops
{
    /// <summary>DCGAN generator for 28×28 (lib/Models/Dcgan.cs).</summary>
    public static MacNetwork DcganGenerator(int latentDim = 100, int width = 64) => new([
        MacNetwork.Linear("project", latentDim, 2L * width * 49),
        MacNetwork.ConvTranspose("up1", 2 * width, width, 4, 7, 7),
        MacNetwork.ConvTranspose("up2", width, 1, 4, 14, 14)]);

    /// <summary>DCGAN discriminator for 28×28 (lib/Models/Dcgan.cs).</summary>
    public static MacNetwork DcganDiscriminator(int width = 64) => new([
        MacNetwork.Conv("down1", 1, width, 4, 14, 14),
        MacNetwork.Conv("down2", width, 2 * width, 4, 7, 7),
        MacNetwork.Linear("classify", 2L * width * 49, 1)]);

    /// <summary>MLP generator 100 → 128 → 256 → 784.</summary>
    public static MacNetwork MlpGenerator(int latentDim = 100) => new([
        MacNetwork.Linear("fc1", latentDim, 128), MacNetwork.Linear("fc2", 128, 256), MacNetwork.Linear("output", 256, 784)]);

    /// <summary>MLP discriminator 784 → 256 → 128 → 1.</summary>
    public static MacNetwork MlpDiscriminator() => new([
        MacNetwork.Linear("fc1", 784, 256), MacNetwork.Linear("fc2", 256, 128), MacNetwork.Linear("output", 128, 1)]);

    /// <summary>VAE 784-400-20 (encoder, one head for μ ‖ log σ², decoder 20-400-784; lib/Models/Vae.cs).</summary>
    public static MacNetwork MlpVae() => new([
        MacNetwork.Linear("enc", 784, 400), MacNetwork.Linear("encoder_head", 400, 40),
        MacNetwork.Linear("dec", 20, 400), MacNetwork.Linear("dec_out", 400, 784)]);

    /// <summary>Flops per sample of one D step then one G step (with or without a gradient penalty).</summary>
    public static double GanStep(MacNetwork g, MacNetwork d, bool gradientPenalty)
    {
        // D step: G(z) without grad; D on real and on fake; D weight grads for both; input grads
        // inside D (not at its first layer: the inputs are data / detached).
        long dStep = g.Forward + 2 * d.Forward + 2 * d.Forward + 2 * (d.Forward - d.First);
        if (gradientPenalty) dStep += 4 * d.Forward;
        // G step: G(z), D(G(z)); input grads through all of D (to reach G), G weight grads, input
        // grads inside G except its first layer (z needs none).
        long gStep = g.Forward + d.Forward + d.Forward + g.Forward + (g.Forward - g.First);
        return 2.0 * (dStep + gStep);
    }

    /// <summary>Flops per sample of one VAE update: forward, weight grads, input grads except the first layer.</summary>
    public static double VaeStep(MacNetwork vae) => 2.0 * (vae.Forward + vae.Forward + (vae.Forward - vae.First));
}
