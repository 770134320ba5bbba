using System.CommandLine;

namespace GanWorkbench.Cli.Commands;

/// <summary>Options shared by run, sweep and check.</summary>
public static class CommonOptions
{
    /// <summary><c>--quick</c>.</summary>
    public static Option<bool> Quick() => new("--quick") { Description = "Apply the quick overrides (a tiny budget for tests and CI)." };

    /// <summary><c>--set key=value</c>, repeatable.</summary>
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a field, e.g. --set loss.name=ns --set g_optim.lr=1e-4 (repeatable; validated like the file).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>--file PATH</c>.</summary>
    public static Option<string?> File() => new("--file") { Description = "Experiments file (default: experiments.yaml at the repository root)." };
}
