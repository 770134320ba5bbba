using GanWorkbench.Models;
using GanWorkbench.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// The trained networks of a finished run, read back from its last checkpoint (every run writes one at
/// its end): notebooks train through <see cref="Experiment.Run"/> — the CLI's code path — and then
/// sample, cluster or evaluate with the models. Each call builds a fresh module from the run's
/// resolved config (<see cref="ModelZoo"/>), loads the checkpoint's weights and buffers (batch-norm
/// statistics included), puts it in eval mode on the run's device (<c>GWB_DEVICE</c> overrides it, as for training) and hands it to the caller, who
/// disposes it.
/// </summary>
public sealed partial record RunResult
{
    /// <summary>The generator (<paramref name="average"/>: its moving average, for runs with <c>ema_decay</c>).</summary>
    public nn.Module LoadGenerator(bool average = false)
    {
        if (ModelZoo.IsVae(Spec.Model.Name)) throw new InputException($"{Directory.Path}: a VAE run has no generator; use LoadVae().");
        if (average && Spec.EmaDecay <= 0) throw new InputException($"{Directory.Path}: the run kept no moving average of G (ema_decay is 0).");
        return Load(ModelZoo.CreateGenerator(Spec), average ? "generator_ema.pt" : "generator.pt");
    }

    /// <summary>The discriminator (or critic).</summary>
    public nn.Module LoadDiscriminator()
    {
        if (ModelZoo.IsVae(Spec.Model.Name)) throw new InputException($"{Directory.Path}: a VAE run has no discriminator; use LoadVae().");
        return Load(ModelZoo.CreateDiscriminator(Spec), "discriminator.pt");
    }

    /// <summary>The VAE of a run with <c>model.name: vae</c>.</summary>
    public Vae LoadVae()
    {
        if (!ModelZoo.IsVae(Spec.Model.Name)) throw new InputException($"{Directory.Path}: model '{Spec.Model.Name}' is not a VAE; use LoadGenerator().");
        return Load(ModelZoo.CreateVae(Spec), "vae.pt");
    }

    T Load<T>(T module, string file) where T : nn.Module
    {
        try
        {
            var checkpoint = Checkpoints.Latest(Directory.Path)
                ?? throw new InputException($"{Directory.Path}: the run has no complete checkpoint to load models from (it wrote none, or it was interrupted before its first).");
            string path = Path.Combine(checkpoint.Path, file);
            if (!File.Exists(path)) throw new InputException($"{path}: missing from the run's last checkpoint.");
            module.to(Compute.ResolveDevice(Environment.GetEnvironmentVariable("GWB_DEVICE") is { Length: > 0 } env ? env : Spec.Device));
            module.load(path);
            module.eval();
            return module;
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }
}
