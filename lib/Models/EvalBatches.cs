using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>Runs a trained module over many images in eval mode under no_grad, one batch at a time on the
/// module's device, each batch in its own dispose scope; the module's training mode is restored afterwards, also when a batch throws.</summary>
public static class EvalBatches
{
    /// <summary>Calls <paramref name="use"/> with each batch of <paramref name="images"/> (N, …), moved to <paramref name="module"/>'s device.</summary>
    public static void ForEach(nn.Module module, Tensor images, int batchSize, Action<Tensor> use)
    {
        var device = module.parameters().First().device;
        using var noGrad = no_grad();
        bool wasTraining = module.training;
        module.eval();
        try
        {
            for (long start = 0; start < images.shape[0]; start += batchSize)
            {
                using var scope = NewDisposeScope();
                use(images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start)).to(device));
            }
        }
        finally
        {
            if (wasTraining) module.train();                                    // also when a batch throws
        }
    }
}
