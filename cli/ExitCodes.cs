namespace GanWorkbench.Cli;

/// <summary>The CLI's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>A run failed or diverged, or doctor found a problem.</summary>
    public const int Failed = 1;
    /// <summary>Bad input: configuration, arguments, files.</summary>
    public const int BadInput = 2;
    /// <summary>A run stopped on SIGTERM after writing a checkpoint; <c>./gwb resume</c> continues it.</summary>
    public const int Interrupted = 3;
}
