using System.Collections.Concurrent;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// The thread a notebook's cells run on, one after the other (a kernel's execution thread): thread-local
/// state such as TorchSharp's dispose scopes and grad mode carries from cell to cell. A cell that
/// overruns its timeout is abandoned (background thread; the process may exit under it).
/// </summary>
internal sealed class KernelThread : IDisposable
{
    readonly BlockingCollection<Action> queue = new();
    readonly Thread thread;

    public KernelThread()
    {
        thread = new Thread(Loop, maxStackSize: 64 * 1024 * 1024) { IsBackground = true, Name = "gwb notebook kernel" };
        thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the kernel thread (its synchronous part; awaits continue on the pool).</summary>
    public Task<T> Run<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Add(() =>
        {
            try { done.SetResult(work().GetAwaiter().GetResult()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the kernel thread.</summary>
    public Task Run(Func<Task> work) => Run<bool>(async () => { await work().ConfigureAwait(false); return true; });

    /// <summary>Ends the thread after the queued work, or leaves it running when a cell was abandoned.</summary>
    public void Finish(bool abandon)
    {
        queue.CompleteAdding();
        if (!abandon) thread.Join();
    }

    /// <summary>Releases the queue (after <see cref="Finish"/>).</summary>
    public void Dispose()
    {
        if (!thread.IsAlive) queue.Dispose();
    }

    void Loop()
    {
        foreach (var work in queue.GetConsumingEnumerable()) work();
    }
}
