"""One training step of each benchmark model in PyTorch: the same losses, optimisers and update
order as the workbench (lib/Training/AdversarialTrainer.cs) and the bench's bare TorchSharp loop
(bench/Bare/BareLoops.cs). A GAN step is one discriminator update followed by one generator
update; a VAE step is one update of the negative ELBO.
"""

import torch
from torch.nn import functional as F

import models


class Sampler:
    """Batches drawn without replacement, epoch by epoch, from a dataset held as one tensor on the
    device (a fresh random permutation per epoch; an incomplete last batch is dropped)."""

    def __init__(self, images, batch, seed):
        self.images, self.batch = images, batch
        self.per_epoch = images.shape[0] // batch
        self.gen = torch.Generator().manual_seed(seed)
        self.order, self.position = None, self.per_epoch

    def next(self):
        if self.position >= self.per_epoch:
            self.order = torch.randperm(self.images.shape[0], generator=self.gen).to(self.images.device)
            self.position = 0
        index = self.order.narrow(0, self.position * self.batch, self.batch)
        self.position += 1
        return self.images.index_select(0, index)


class NonSaturatingGan:
    """Goodfellow et al. 2014's non-saturating loss on logits; Adam(2e-4, 0.5, 0.999) for both."""

    def __init__(self, g, d, sampler, batch, device):
        self.g, self.d, self.sampler, self.batch, self.device = g, d, sampler, batch, device
        self.opt_g = torch.optim.Adam(g.parameters(), 2e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(d.parameters(), 2e-4, betas=(0.5, 0.999))
        self.latent = g.project.in_features if hasattr(g, "project") else g.fc1.in_features

    def noise(self):
        return torch.randn(self.batch, self.latent, device=self.device)

    def d_loss(self, real, fake):
        real_logits, fake_logits = self.d(real), self.d(fake)
        return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
                + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))

    def g_loss(self, fake_logits):
        return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))

    def step(self):
        self.g.train(); self.d.train()
        # Update D: minimise L_D(D(x), D(G(z))) with G fixed
        real = self.sampler.next()                                                 # (B, 1, 28, 28)
        with torch.no_grad():
            fake = self.g(self.noise())                                            # (B, 1, 28, 28)
        loss_d = self.d_loss(real, fake)
        self.opt_d.zero_grad()
        loss_d.backward()
        self.opt_d.step()
        # Update G: minimise L_G(D(G(z))) with D fixed
        loss_g = self.g_loss(self.d(self.g(self.noise())))
        self.opt_g.zero_grad()
        loss_g.backward()
        self.opt_g.step()
        return loss_g


class WganGp(NonSaturatingGan):
    """Gulrajani et al. 2017, Algorithm 1: critic loss E[D(G(z))] − E[D(x)] + λ E[(‖∇D(x̂)‖₂ − 1)²],
    α drawn per sample, the norm over the flattened sample, λ = 10, Adam(1e-4, 0.5, 0.9)."""

    def __init__(self, g, d, sampler, batch, device, penalty=10.0):
        super().__init__(g, d, sampler, batch, device)
        self.opt_g = torch.optim.Adam(g.parameters(), 1e-4, betas=(0.5, 0.9))
        self.opt_d = torch.optim.Adam(d.parameters(), 1e-4, betas=(0.5, 0.9))
        self.penalty = penalty

    def d_loss(self, real, fake):
        alpha = torch.rand(real.shape[0], 1, 1, 1, device=real.device)             # (B, 1, 1, 1): one α per sample
        mixed = (alpha * real + (1 - alpha) * fake).requires_grad_(True)           # (B, 1, 28, 28)
        scores = self.d(mixed)                                                     # (B)
        grad, = torch.autograd.grad(scores.sum(), mixed, create_graph=True)        # (B, 1, 28, 28)
        gp = ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
        return self.d(fake).mean() - self.d(real).mean() + self.penalty * gp

    def g_loss(self, fake_logits):
        return -fake_logits.mean()


class Vae:
    """Kingma & Welling 2013, Eq. 10: negative ELBO = Bernoulli reconstruction NLL + analytic KL,
    per example; the input is binarised afresh at every use (Burda et al. 2015). Adam(1e-3)."""

    def __init__(self, vae, sampler, batch, device):
        self.vae, self.sampler, self.batch = vae, sampler, batch
        self.opt = torch.optim.Adam(vae.parameters(), 1e-3)

    def step(self):
        self.vae.train()
        x = self.sampler.next().flatten(1)                                         # (B, 784) in [0, 1]
        x = (torch.rand_like(x) < x).to(x.dtype)                                   # dynamic binarisation
        logits, mu, logvar = self.vae(x)
        reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / x.shape[0]
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / x.shape[0]
        loss = reconstruction + kl
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss


MODELS = ("mlp-gan", "dcgan-ns", "dcgan-wgan-gp", "mlp-vae")


def build(name, images, batch, device, seed):
    """The step object of a model; images (N, 1, 28, 28) on the device, scaled for that model."""
    torch.manual_seed(seed)
    sampler = Sampler(images, batch, seed)
    if name == "mlp-gan":
        return NonSaturatingGan(models.MlpGenerator().to(device), models.MlpDiscriminator().to(device), sampler, batch, device)
    if name == "dcgan-ns":
        return NonSaturatingGan(models.DcganGenerator().to(device), models.DcganDiscriminator().to(device), sampler, batch, device)
    if name == "dcgan-wgan-gp":
        return WganGp(models.DcganGenerator().to(device), models.DcganDiscriminator(batch_norm=False).to(device), sampler, batch, device)
    if name == "mlp-vae":
        return Vae(models.MlpVae().to(device), sampler, batch, device)
    raise ValueError(f"unknown model '{name}'; known: {', '.join(MODELS)}")


def pixel_scale(name):
    """'zero_one' for the VAE (Bernoulli likelihood) and the sigmoid MLP GAN, 'tanh' for the DCGANs."""
    return "zero_one" if name in ("mlp-gan", "mlp-vae") else "tanh"
