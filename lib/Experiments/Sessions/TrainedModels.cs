using GanWorkbench.Data;
using GanWorkbench.Models;
using GanWorkbench.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Experiments;

/// <summary>
/// The trained networks of a finished run, read back from its last checkpoint (every run writes one at
/// its end): notebooks train through <see cref="Experiment.Run"/> — the CLI's code path — and then
/// sample, cluster or evaluate with the models. Each call builds a fresh module from the run's
/// resolved config (its model family), loads the checkpoint's weights and buffers (batch-norm
/// statistics included), puts it in eval mode on the run's device (<c>GWB_DEVICE</c> overrides it, as for training) and hands it to the caller, who
/// disposes it.
/// </summary>
public sealed partial record RunResult
{
    /// <summary>The generator (<paramref name="average"/>: its moving average, for runs with <c>ema_decay</c>).</summary>
    public nn.Module LoadGenerator(bool average = false)
    {
        if (average && Spec.EmaDecay <= 0) throw new InputException($"{Directory.Path}: the run kept no moving average of G (ema_decay is 0).");
        return Load(Gan("generator").CreateGenerator(Spec.Model, Classes), average ? "generator_ema.pt" : "generator.pt");
    }

    /// <summary>The discriminator (or critic).</summary>
    public nn.Module LoadDiscriminator() => Load(Gan("discriminator").CreateDiscriminator(Spec.Model, Classes), "discriminator.pt");

    /// <summary>The VAE of a run with <c>model.name: vae</c>.</summary>
    public Vae LoadVae() => ModelFamilies.Of(Spec.Model) is VaeFamily vae && Spec.Model is VaeOptions options
        ? Load(vae.Create(options, Classes), "vae.pt")
        : throw new InputException($"{Directory.Path}: model '{Spec.Model.Name}' is not a VAE; use LoadGenerator().");

    int Classes => DatasetCatalog.ClassCount(Spec.Data.Dataset);

    GanFamily Gan(string what) => ModelFamilies.Of(Spec.Model) as GanFamily
        ?? throw new InputException($"{Directory.Path}: a VAE run has no {what}; use LoadVae().");

    T Load<T>(T module, string file) where T : nn.Module
    {
        try
        {
            var checkpoint = Checkpoints.Latest(Directory.Path)
                ?? throw new InputException($"{Directory.Path}: the run has no complete checkpoint to load models from (it wrote none, or it was interrupted before its first).");
            string path = Path.Combine(checkpoint.Path, file);
            if (!File.Exists(path)) throw new InputException($"{path}: missing from the run's last checkpoint.");
            module.to(Compute.ResolveDevice(Compute.Requested(Spec.Device)));
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
