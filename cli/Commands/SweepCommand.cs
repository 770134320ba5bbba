using System.CommandLine;
using System.Diagnostics;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary>
/// <c>./gwb sweep NAME [--quick] [--set key=value]… [--parallel N]</c>: runs a sweep's members, one
/// after another in this process or N at a time as child processes (<c>--member</c>, hidden, is how a
/// child is told which one). Finished members are skipped on a re-run. Exit 0 when every member
/// completed or diverged (a divergence is a result of the comparison), 1 when one failed.
/// </summary>
public static class SweepCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Sweep name in experiments.yaml (under 'sweeps:')." };
        var quick = CommonOptions.Quick();
        var set = CommonOptions.Set();
        var file = CommonOptions.File();
        var parallel = new Option<int>("--parallel") { Description = "Members run at once, each in its own process (default 1: one after another, in this process).", DefaultValueFactory = _ => 1 };
        var member = new Option<int?>("--member") { Description = "Run only this member (by index); used by --parallel for its child processes.", Hidden = true };
        var command = new Command("sweep", "Run a named sweep's members into runs/sweeps/<name>/; finished members are skipped.") { name, quick, set, file, parallel, member };
        command.SetAction(r =>
        {
            int n = r.GetValue(parallel);
            if (n < 1) throw new InputException($"--parallel {n}: give at least 1 (members run at once).");
            var experiments = ExperimentFile.Load(r.GetValue(file));
            var sweep = experiments.Sweep(r.GetValue(name)!);
            var overrides = r.GetValue(set) ?? [];
            var members = sweep.Members(r.GetValue(quick), overrides);
            string root = SweepRunner.WriteManifest(sweep, members, r.GetValue(quick), overrides);
            if (r.GetValue(member) is int index)
            {
                if (index < 0 || index >= members.Count) throw new InputException($"--member {index}: sweep '{sweep.Name}' has members 0 to {members.Count - 1}.");
                var outcome = SweepRunner.RunMember(members[index], root, new RunOptions { OnLog = (m, total) => Console.WriteLine(TrainingProgress.Numbers(m, total)) });
                return outcome.Finished ? ExitCodes.Ok : ExitCodes.Failed;
            }
            Console.WriteLine($"sweep {sweep.Name}: {members.Count} members of '{sweep.Experiment}' → {root}");
            var outcomes = new SweepMemberOutcome?[members.Count];
            var pending = new List<SweepMember>();
            foreach (var m in members)
            {
                outcomes[m.Index] = SweepRunner.Skip(m, root);
                if (outcomes[m.Index] is { } skip) Console.WriteLine($"  [{m.Index}] {m.Label}: skipped ({YamlNames.Of(skip.State)}{(skip.Reason is { } why ? $", {why}" : "")})");
                else pending.Add(m);
            }
            if (n == 1)
                foreach (var m in pending)
                {
                    try
                    {
                        outcomes[m.Index] = TrainingProgress.Run($"[{m.Index}] {m.Label}", report => SweepRunner.RunMember(m, root, new RunOptions { OnLog = report }));
                    }
                    catch (Exception e) when (e is not InputException)
                    {
                        // One member's crash is that member's result (status.json says failed); the others still run.
                        Console.Error.WriteLine($"  [{m.Index}] {m.Label}: failed: {e.GetType().Name}: {e.Message}");
                        outcomes[m.Index] = new SweepMemberOutcome(m, Path.Combine(root, m.DirectoryName), RunState.Failed, false, $"{e.GetType().Name}: {e.Message}");
                    }
                }
            else
                RunChildren(pending, n, r.Tokens.Select(t => t.Value).ToList(), outcomes, root);

            Console.WriteLine($"sweep {sweep.Name}:");
            int failed = 0;
            foreach (var m in members)
            {
                var o = outcomes[m.Index];
                if (o is not { Finished: true }) failed++;
                Console.WriteLine($"  [{m.Index}] {m.Label}: {YamlNames.Of(o?.State ?? RunState.Failed)}{(o?.Skipped == true ? " (skipped)" : "")}{(o?.Reason is { } why ? $" — {why}" : "")}");
            }
            Console.WriteLine($"report: ./gwb report {sweep.Name}");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>Runs members as child processes of this CLI, at most <paramref name="parallel"/> at once,
    /// each with its share of the CPU threads; their output is prefixed with the member's index.</summary>
    static void RunChildren(List<SweepMember> pending, int parallel, List<string> tokens, SweepMemberOutcome?[] outcomes, string root)
    {
        // The same command line, minus --parallel N, plus --member I.
        var args = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] == "--parallel") { i++; continue; }
            if (tokens[i].StartsWith("--parallel=", StringComparison.Ordinal)) continue;
            args.Add(tokens[i]);
        }
        int threads = Math.Max(1, Environment.ProcessorCount / parallel);
        var queue = new Queue<SweepMember>(pending);
        var running = new List<(SweepMember Member, Process Process)>();
        var consoleLock = new object();
        while (queue.Count > 0 || running.Count > 0)
        {
            while (running.Count < parallel && queue.Count > 0)
            {
                var m = queue.Dequeue();
                var process = Start(args, m.Index, threads, line => { lock (consoleLock) Console.WriteLine($"  [{m.Index}] {line}"); });
                lock (consoleLock) Console.WriteLine($"  [{m.Index}] {m.Label}: started (pid {process.Id})");
                running.Add((m, process));
            }
            var done = running.FirstOrDefault(x => x.Process.WaitForExit(200));
            if (done.Process is null) continue;
            done.Process.WaitForExit();
            running.Remove(done);
            string dir = Path.Combine(root, done.Member.DirectoryName);
            var status = Directory.Exists(dir) ? RunDirectory.Open(dir).ReadStatus() : null;
            outcomes[done.Member.Index] = new SweepMemberOutcome(done.Member, dir, status?.State ?? RunState.Failed, false,
                status?.Reason ?? (done.Process.ExitCode != 0 ? $"process exited with code {done.Process.ExitCode}" : null));
            done.Process.Dispose();
        }
    }

    static Process Start(List<string> args, int member, int threads, Action<string> output)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") info.ArgumentList.Add(typeof(SweepCommand).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--member");
        info.ArgumentList.Add(member.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GWB_THREADS")))
            info.Environment["GWB_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) output(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) output(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
