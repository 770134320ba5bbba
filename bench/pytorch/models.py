"""The benchmark's models in PyTorch, layer for layer the same as the workbench's TorchSharp ones.

Each architecture mirrors a file of the library (named in its docstring) and the bare TorchSharp
models of the bench (bench/Bare/BareModels.cs): same layers, sizes, biases and activations, so the
two frameworks do the same arithmetic per step. Shapes are written as (B, C, H, W).
"""

import torch
from torch import nn


def dcgan_init(module):
    """DCGAN's initialisation (Radford et al. 2016, §4), as lib/Models/Dcgan.cs: conv and linear
    weights ~ N(0, 0.02), batch-norm scales ~ N(1, 0.02), biases 0."""
    with torch.no_grad():
        for m in module.modules():
            for name, p in m.named_parameters(recurse=False):
                if name == "weight":
                    p.normal_(1.0 if isinstance(m, nn.modules.batchnorm._BatchNorm) else 0.0, 0.02)
                else:
                    p.zero_()


class DcganGenerator(nn.Module):
    """lib/Models/Dcgan.cs DcganGenerator: z → fc → 7×7 → 14×14 → 28×28, batch norm, tanh."""

    def __init__(self, latent_dim=100, width=64, channels=1):
        super().__init__()
        self.width = width
        self.project = nn.Linear(latent_dim, 2 * width * 7 * 7, bias=False)      # (B, nz) → (B, 2w·49)
        self.project_bn = nn.BatchNorm1d(2 * width * 7 * 7)
        self.up1 = nn.ConvTranspose2d(2 * width, width, 4, 2, 1, bias=False)     # (B, 2w, 7, 7) → (B, w, 14, 14)
        self.up1_bn = nn.BatchNorm2d(width)
        self.up2 = nn.ConvTranspose2d(width, channels, 4, 2, 1)                  # → (B, C, 28, 28)
        dcgan_init(self)

    def forward(self, z):
        h = torch.relu(self.project_bn(self.project(z)))                          # (B, 2w·49)
        h = h.view(-1, 2 * self.width, 7, 7)                                       # (B, 2w, 7, 7)
        h = torch.relu(self.up1_bn(self.up1(h)))                                   # (B, w, 14, 14)
        return torch.tanh(self.up2(h))                                             # (B, C, 28, 28)


class DcganDiscriminator(nn.Module):
    """lib/Models/Dcgan.cs DcganDiscriminator: 28 → 14 → 7 strided convs, LeakyReLU 0.2, one logit.
    Without batch norm for gradient penalties (WGAN-GP critic)."""

    def __init__(self, width=64, channels=1, batch_norm=True):
        super().__init__()
        self.down1 = nn.Conv2d(channels, width, 4, 2, 1)                          # (B, C, 28, 28) → (B, w, 14, 14)
        self.down2 = nn.Conv2d(width, 2 * width, 4, 2, 1, bias=not batch_norm)    # → (B, 2w, 7, 7)
        self.down2_bn = nn.BatchNorm2d(2 * width) if batch_norm else None
        self.classify = nn.Linear(2 * width * 7 * 7, 1)                           # (B, 2w·49) → (B, 1)
        dcgan_init(self)

    def forward(self, x):
        h = nn.functional.leaky_relu(self.down1(x), 0.2)                          # (B, w, 14, 14)
        h = self.down2(h)                                                          # (B, 2w, 7, 7)
        if self.down2_bn is not None:
            h = self.down2_bn(h)
        h = nn.functional.leaky_relu(h, 0.2)
        return self.classify(h.flatten(1)).squeeze(1)                              # (B)


class MlpGenerator(nn.Module):
    """The source material's MLP generator 100 → 128 → 256 → 784 (LeakyReLU 0.2 hidden, sigmoid
    output in [0, 1]), as lib/Models/MlpGan.cs."""

    def __init__(self, latent_dim=100, hidden=(128, 256), pixels=784):
        super().__init__()
        self.fc1 = nn.Linear(latent_dim, hidden[0])                               # (B, nz) → (B, 128)
        self.fc2 = nn.Linear(hidden[0], hidden[1])                                # → (B, 256)
        self.output = nn.Linear(hidden[1], pixels)                                   # → (B, 784)

    def forward(self, z):
        h = nn.functional.leaky_relu(self.fc2(nn.functional.leaky_relu(self.fc1(z), 0.2)), 0.2)
        return torch.sigmoid(self.output(h)).view(-1, 1, 28, 28)                     # (B, 1, 28, 28)


class MlpDiscriminator(nn.Module):
    """The source material's MLP discriminator 784 → 256 → 128 → 1 (LeakyReLU 0.2 hidden)."""

    def __init__(self, hidden=(256, 128), pixels=784):
        super().__init__()
        self.fc1 = nn.Linear(pixels, hidden[0])                                   # (B, 784) → (B, 256)
        self.fc2 = nn.Linear(hidden[0], hidden[1])                                # → (B, 128)
        self.output = nn.Linear(hidden[1], 1)                                        # → (B, 1)

    def forward(self, x):
        h = nn.functional.leaky_relu(self.fc1(x.flatten(1)), 0.2)
        h = nn.functional.leaky_relu(self.fc2(h), 0.2)
        return self.output(h).squeeze(1)                                              # (B)


class MlpVae(nn.Module):
    """Kingma & Welling 2013's MNIST VAE 784-400-20 with a Bernoulli decoder (logits out), laid out
    as lib/Models/Vae.cs builds it: one encoder head producing μ ‖ log σ²."""

    def __init__(self, pixels=784, hidden=400, latent=20):
        super().__init__()
        self.latent = latent
        self.enc = nn.Linear(pixels, hidden)                                      # (B, 784) → (B, 400)
        self.encoder_head = nn.Linear(hidden, 2 * latent)                         # → (B, 40): μ ‖ log σ²
        self.dec = nn.Linear(latent, hidden)                                      # (B, 20) → (B, 400)
        self.dec_out = nn.Linear(hidden, pixels)                                  # → (B, 784) logits

    def forward(self, x):
        stats = self.encoder_head(torch.relu(self.enc(x)))                        # (B, 40)
        mu, logvar = stats[:, :self.latent], stats[:, self.latent:]
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)                   # reparameterisation
        return self.dec_out(torch.relu(self.dec(z))), mu, logvar
