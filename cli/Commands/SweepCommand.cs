using System.CommandLine;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary>
/// <c>./gwb sweep NAME [--quick] [--set key=value]… [--parallel N]</c>: runs a sweep's members, one
/// after another in this process or N at a time as child processes (<c>--member</c>, hidden, is how a
/// child is told which one). Finished members are skipped on a re-run. Exit 0 when every member
/// completed or diverged (a divergence is a result of the comparison), 1 when one failed.
/// With <c>--slurm</c> the members not yet finished are submitted as one Slurm job array instead
/// (<see cref="SlurmCommandOptions"/>); each task runs <c>--member I --continue</c>, which continues an
/// interrupted member from its checkpoint. <c>./gwb sweep status NAME</c> shows where the members stand.
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
        var resume = new Option<bool>("--continue") { Description = "With --member: continue an interrupted member from its last checkpoint instead of starting it over (what a Slurm task does).", Hidden = true };
        var slurm = new SlurmCommandOptions();
        var command = new Command("sweep", "Run a named sweep's members into runs/sweeps/<name>/; finished members are skipped.") { name, quick, set, file, parallel, member, resume };
        slurm.AddTo(command);
        command.Subcommands.Add(SweepStatusCommand.Create());
        command.SetAction(r =>
        {
            int n = r.GetValue(parallel);
            if (n < 1) throw new InputException($"--parallel {n}: give at least 1 (members run at once).");
            slurm.RefuseWithoutSlurm(r);
            if (r.GetValue(resume) && r.GetValue(member) is null) throw new InputException("--continue: only with --member I (it continues that member).");
            var experiments = ExperimentFile.Load(r.GetValue(file));
            var sweep = experiments.Sweep(r.GetValue(name)!);
            var overrides = r.GetValue(set) ?? [];
            var members = sweep.Members(r.GetValue(quick), overrides);
            if (r.GetValue(slurm.Slurm))
            {
                if (r.GetValue(member) is not null || n != 1) throw new InputException("--slurm: not with --member or --parallel (Slurm runs the members, as many at once as --max-parallel allows).");
                return SweepSlurm.Submit(sweep, members, r.GetValue(quick), overrides, r.GetValue(file), slurm.Read(r), r.GetValue(slurm.DryRun));
            }
            string root = SweepRunner.WriteManifest(sweep, members, r.GetValue(quick), overrides);
            if (r.GetValue(member) is int index)
            {
                if (index < 0 || index >= members.Count) throw new InputException($"--member {index}: sweep '{sweep.Name}' has members 0 to {members.Count - 1}.");
                var options = new RunOptions { OnLog = (m, total) => Console.WriteLine(TrainingProgress.Numbers(m, total)) };
                SweepMemberOutcome outcome;
                if (r.GetValue(resume))
                {
                    using var stop = StopSignal.Listen();
                    outcome = SweepRunner.ContinueMember(members[index], root, options with { Preempt = stop.Token },
                        step => Console.WriteLine($"[{index}] {members[index].Label}: interrupted before; resuming from the checkpoint at step {step}"));
                }
                else outcome = SweepRunner.RunMember(members[index], root, options);
                Console.WriteLine($"[{index}] {members[index].Label}: {YamlNames.Of(outcome.State)}{(outcome.Skipped ? " (skipped)" : "")}{(outcome.Reason is { } why ? $" — {why}" : "")}");
                return outcome.Finished ? ExitCodes.Ok : outcome.State == RunState.Interrupted ? ExitCodes.Interrupted : ExitCodes.Failed;
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

    static void RunChildren(List<SweepMember> pending, int parallel, List<string> tokens, SweepMemberOutcome?[] outcomes, string root) =>
        ChildRuns.Run(pending.Select(m => (m.Index, m.Label)).ToList(), parallel, tokens, (index, exitCode) =>
        {
            var member = pending.Single(m => m.Index == index);
            string dir = Path.Combine(root, member.DirectoryName);
            var status = Directory.Exists(dir) ? RunDirectory.Open(dir).ReadStatus() : null;
            outcomes[index] = new SweepMemberOutcome(member, dir, status?.State ?? RunState.Failed, false,
                status?.Reason ?? (exitCode != 0 ? $"process exited with code {exitCode}" : null));
        });
}
