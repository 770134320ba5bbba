namespace GanWorkbench.Cli.Notebooks;

/// <summary>
/// Which cell is running, for the kernel helpers and the console capture. Output produced after its
/// cell finished (a background thread) goes to the cell that ran last.
/// </summary>
public static class NotebookContext
{
    static readonly object Gate = new();
    static CellOutputs? current, last;

    /// <summary>Starts a cell.</summary>
    internal static void Enter(CellOutputs outputs) { lock (Gate) { current = outputs; last = outputs; } }

    /// <summary>Ends the running cell (no-op when another cell is running by now: an abandoned cell finishing late).</summary>
    internal static void Leave(CellOutputs outputs) { lock (Gate) if (ReferenceEquals(current, outputs)) current = null; }

    /// <summary>Forgets everything (end of a notebook).</summary>
    internal static void Reset() { lock (Gate) { current = null; last = null; } }

    /// <summary>The running cell's outputs, or the last cell's; null outside a notebook.</summary>
    internal static CellOutputs? Active { get { lock (Gate) return current ?? last; } }

    /// <summary>The running cell's outputs; throws outside a notebook.</summary>
    internal static CellOutputs CurrentOutputs() => Active
        ?? throw new InvalidOperationException("display(...) can only be used while a notebook runs (gwb nb run).");
}

/// <summary>Console.Out / Console.Error while a notebook runs: text goes to the active cell as a stream output.</summary>
internal sealed class CellStreamWriter(string stream, TextWriter fallback) : TextWriter
{
    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (NotebookContext.Active is { } cell) cell.AddStream(stream, value);
        else fallback.Write(value);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void WriteLine() => Write("\n");
}
