namespace GanWorkbench;

/// <summary>Warnings about input that is used all the same (e.g. a checkpoint that cannot be checked):
/// written to standard error as <c>gwb: warning: MESSAGE</c>, or to <see cref="Sink"/> where set.</summary>
public static class Warnings
{
    /// <summary>Where warnings go instead of standard error (tests, notebooks); null for standard error.</summary>
    public static Action<string>? Sink { get; set; }

    /// <summary>Writes one warning.</summary>
    public static void Write(string message)
    {
        if (Sink is { } sink) sink(message);
        else Console.Error.WriteLine($"gwb: warning: {message}");
    }
}
