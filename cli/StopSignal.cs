using System.Runtime.InteropServices;

namespace GanWorkbench.Cli;

/// <summary>
/// Turns SIGTERM (what Slurm sends on preemption, <c>scontrol requeue</c>, <c>scancel</c> and, with
/// <c>--signal</c>, before the time limit) into a stop request for the run in progress: the process is
/// not killed; the run writes a checkpoint at the end of its logging window and ends as interrupted
/// (<see cref="GanWorkbench.Experiments.RunOptions.Preempt"/>). A second SIGTERM changes nothing.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    readonly CancellationTokenSource requested = new();
    readonly PosixSignalRegistration registration;

    StopSignal()
    {
        registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;                                            // keep running until the checkpoint is written
            if (requested.IsCancellationRequested) return;
            Console.Error.WriteLine("gwb: SIGTERM: stopping at the end of this logging window, after a checkpoint");
            requested.Cancel();
        });
    }

    /// <summary>Starts listening for SIGTERM.</summary>
    public static StopSignal Listen() => new();

    /// <summary>Cancelled once SIGTERM has arrived.</summary>
    public CancellationToken Token => requested.Token;

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        registration.Dispose();
        requested.Dispose();
    }
}
