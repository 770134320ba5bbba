namespace GanWorkbench.Bench.Loops;

/// <summary>
/// One way of training one model at one batch size — the bare TorchSharp loop, the workbench's
/// trainer, the PyTorch peer — that the bench times in blocks of steps, alternating between ways.
/// </summary>
public interface ITrainingLoop : IDisposable
{
    /// <summary>Short name used in results: <c>bare</c>, <c>workbench</c>, <c>workbench_ema</c>, <c>pytorch</c>.</summary>
    string Name { get; }

    /// <summary>Runs <paramref name="steps"/> training steps, waits until the device has finished
    /// them, and returns the elapsed seconds (measured where the steps run).</summary>
    double Run(int steps);
}

/// <summary>The names of the loops, as they appear in results.</summary>
public static class LoopNames
{
    /// <summary>Plain TorchSharp written in the bench, no workbench code.</summary>
    public const string Bare = "bare";
    /// <summary>The workbench's trainer with metrics and logging, EMA off.</summary>
    public const string Workbench = "workbench";
    /// <summary>The workbench's trainer with an EMA of the generator's weights.</summary>
    public const string WorkbenchEma = "workbench_ema";
    /// <summary>The same steps in PyTorch (bench/pytorch/peer.py), another process.</summary>
    public const string PyTorch = "pytorch";
}
