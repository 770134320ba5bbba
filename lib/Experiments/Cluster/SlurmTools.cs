using System.Diagnostics;

namespace GanWorkbench.Experiments;

/// <summary>The Slurm commands the workbench calls, as found on <c>PATH</c> (null: not installed here).</summary>
public sealed record SlurmTools(string? Sbatch, string? Sinfo, string? Squeue)
{
    /// <summary>The commands on this machine's <c>PATH</c>.</summary>
    public static SlurmTools FromPath() => new(Find("sbatch"), Find("sinfo"), Find("squeue"));

    /// <summary>The full path of <paramref name="command"/> on <c>PATH</c>, or null.</summary>
    public static string? Find(string command)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, command);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
                return candidate;
        }
        return null;
    }

    /// <summary>True when sinfo lists only this machine as the cluster's nodes (a single-node Slurm on a workstation,
    /// or the tests' localhost one): then its local folders are the nodes' folders too.</summary>
    public bool NodesAreThisMachine()
    {
        if (Sinfo is null) return false;
        var (code, output, _) = Call(Sinfo, ["-h", "-N", "-o", "%n"]);
        var nodes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        string[] self = ["localhost", "127.0.0.1", Environment.MachineName, System.Net.Dns.GetHostName()];
        return code == 0 && nodes.Count > 0 && nodes.All(n => self.Contains(n, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/> (and <paramref name="stdin"/>): exit code, stdout, stderr.</summary>
    public static (int Code, string Out, string Err) Call(string program, IEnumerable<string> args, string? stdin = null, int timeoutMs = 60_000)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            return (-1, stdout.Result, $"{Path.GetFileName(program)} did not answer within {timeoutMs / 1000} s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
