using GanWorkbench.Training;
using TorchSharp.Modules;
using static TorchSharp.torch.utils;

namespace GanWorkbench.Experiments;

/// <summary>Writes every logged value and evaluation result as a TensorBoard scalar (TorchSharp's
/// SummaryWriter) into the run's <c>events/</c> folder: <c>tensorboard --logdir runs/</c>.</summary>
public sealed class TensorBoardObserver : RunObserver
{
    SummaryWriter? writer;

    /// <inheritdoc/>
    public override void OnStart(RunStart start) =>
        writer = tensorboard.SummaryWriter(start.Run.File("events"), createRunName: false);

    /// <inheritdoc/>
    public override void OnLog(StepMetrics metrics, long totalSteps)
    {
        if (writer is null) return;
        foreach (var (name, value) in metrics.Values) writer.add_scalar("train/" + name, (float)value, (int)metrics.Step);
        writer.add_scalar("train/images_per_sec", (float)metrics.ImagesPerSecond, (int)metrics.Step);
    }

    /// <inheritdoc/>
    public override void OnEvaluated(EvaluationResult result)
    {
        if (writer is null) return;
        foreach (var (name, value) in result.Values) writer.add_scalar("eval/" + name, (float)value, (int)result.Step);
    }
}
