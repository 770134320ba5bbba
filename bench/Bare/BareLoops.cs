using System.Diagnostics;
using GanWorkbench.Bench.Loops;
using GanWorkbench.Bench.Measure;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.nn.functional;

namespace GanWorkbench.Bench.Bare;

/// <summary>Batches without replacement from a dataset tensor on the device: a fresh permutation
/// per epoch, gathered with index_select (what any careful TorchSharp user would write).</summary>
internal sealed class BareSampler : IDisposable
{
    readonly Tensor images;
    readonly int batch;
    readonly Generator generator;
    Tensor? order;
    int position;

    public BareSampler(Tensor images, int batch, long seed)
    {
        this.images = images; this.batch = batch;
        generator = new Generator((ulong)seed);
    }

    /// <summary>The next batch (B, …), owned by the caller's dispose scope.</summary>
    public Tensor Next()
    {
        long count = images.shape[0];
        if (order is null || (position + 1L) * batch > count)
        {
            order?.Dispose();
            using var cpu = randperm(count, generator: generator);
            order = cpu.to(images.device).DetachFromDisposeScope();
            position = 0;
        }
        return images.index_select(0, order!.narrow(0, (long)position++ * batch, batch));
    }

    public void Dispose() { order?.Dispose(); generator.Dispose(); }
}

/// <summary>
/// The bare GAN loop: one D update, then one G update, each in its own dispose scope; nothing else
/// (no metrics, no events). With <c>gradientPenalty</c> the objective is WGAN-GP (Gulrajani et al.
/// 2017, Algorithm 1, α per sample, norm over the flattened sample, λ = 10, Adam(1e-4, 0.5, 0.9));
/// otherwise the non-saturating loss (Goodfellow et al. 2014) with Adam(2e-4, 0.5, 0.999).
/// </summary>
internal sealed class BareGanLoop : ITrainingLoop
{
    readonly Module<Tensor, Tensor> g, d;
    readonly optim.Optimizer optG, optD;
    readonly BareSampler sampler;
    readonly int batch, latentDim;
    readonly bool gradientPenalty;
    readonly Device device;
    Tensor? lastLoss;

    public string Name => LoopNames.Bare;

    public BareGanLoop(Module<Tensor, Tensor> g, Module<Tensor, Tensor> d, Tensor images, int batch, int latentDim,
        bool gradientPenalty, long seed)
    {
        device = images.device;
        this.g = g.to(device); this.d = d.to(device);
        this.batch = batch; this.latentDim = latentDim; this.gradientPenalty = gradientPenalty;
        double lr = gradientPenalty ? 1e-4 : 2e-4, beta2 = gradientPenalty ? 0.9 : 0.999;
        optG = optim.Adam(g.parameters(), lr, 0.5, beta2);
        optD = optim.Adam(d.parameters(), lr, 0.5, beta2);
        sampler = new BareSampler(images, batch, seed);
    }

    public double Run(int steps)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step();
        lastLoss!.item<float>();            // one read per block: the device has finished
        Sgemm.Synchronize(device);
        return clock.Elapsed.TotalSeconds;
    }

    void Step()
    {
        g.train(); d.train();
        using (var scope = NewDisposeScope())
        {
            var real = sampler.Next();                                          // (B, 1, 28, 28)
            Tensor fake;
            using (no_grad()) fake = g.forward(randn(batch, latentDim, device: device));
            var loss = gradientPenalty ? CriticLoss(real, fake) : DiscriminatorLoss(real, fake);
            optD.zero_grad();
            loss.backward();
            optD.step();
        }
        using (var scope = NewDisposeScope())
        {
            var fakeScores = d.forward(g.forward(randn(batch, latentDim, device: device))); // (B)
            var loss = gradientPenalty ? -fakeScores.mean()
                : binary_cross_entropy_with_logits(fakeScores, ones_like(fakeScores));
            optG.zero_grad();
            loss.backward();
            optG.step();
            lastLoss?.Dispose();
            lastLoss = loss.detach().DetachFromDisposeScope();
        }
    }

    Tensor DiscriminatorLoss(Tensor real, Tensor fake)
    {
        var realLogits = d.forward(real);
        var fakeLogits = d.forward(fake);
        return binary_cross_entropy_with_logits(realLogits, ones_like(realLogits))
             + binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits));
    }

    Tensor CriticLoss(Tensor real, Tensor fake)
    {
        var alpha = rand(batch, 1, 1, 1, device: device);                       // (B, 1, 1, 1): one α per sample
        var mixed = (alpha * real + (1 - alpha) * fake).requires_grad_(true);   // (B, 1, 28, 28)
        var scores = d.forward(mixed);                                          // (B)
        var grad = torch.autograd.grad([scores.sum()], [mixed], retain_graph: true, create_graph: true)[0];
        var penalty = (grad.flatten(1).norm(1) - 1).pow(2).mean();              // norm over the flattened sample
        return d.forward(fake).mean() - d.forward(real).mean() + 10.0 * penalty;
    }

    public void Dispose()
    {
        lastLoss?.Dispose();
        optG.Dispose(); optD.Dispose(); sampler.Dispose();
        g.Dispose(); d.Dispose();
    }
}

/// <summary>The bare VAE loop: negative ELBO (Kingma &amp; Welling 2013, Eq. 10: Bernoulli
/// reconstruction NLL + analytic KL, per example) on dynamically binarised batches, Adam(1e-3).</summary>
internal sealed class BareVaeLoop : ITrainingLoop
{
    readonly BareMlpVae vae;
    readonly optim.Optimizer opt;
    readonly BareSampler sampler;
    readonly Device device;
    Tensor? lastLoss;

    public string Name => LoopNames.Bare;

    public BareVaeLoop(Tensor images, int batch, long seed)
    {
        device = images.device;
        vae = new BareMlpVae().to(device);
        opt = optim.Adam(vae.parameters(), 1e-3);
        sampler = new BareSampler(images, batch, seed);
    }

    public double Run(int steps)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step();
        lastLoss!.item<float>();
        Sgemm.Synchronize(device);
        return clock.Elapsed.TotalSeconds;
    }

    void Step()
    {
        vae.train();
        using var scope = NewDisposeScope();
        var x = sampler.Next().flatten(1);                                      // (B, 784) in [0, 1]
        x = rand_like(x).lt(x).to_type(x.dtype);                                // dynamic binarisation
        var (logits, mu, logVar) = vae.forward(x);
        long n = x.shape[0];
        var reconstruction = binary_cross_entropy_with_logits(logits, x, reduction: Reduction.Sum) / n;
        var kl = -0.5 * (1 + logVar - mu.pow(2) - logVar.exp()).sum() / n;
        var loss = reconstruction + kl;
        opt.zero_grad();
        loss.backward();
        opt.step();
        lastLoss?.Dispose();
        lastLoss = loss.detach().DetachFromDisposeScope();
    }

    public void Dispose() { lastLoss?.Dispose(); opt.Dispose(); sampler.Dispose(); vae.Dispose(); }
}
