using System.CommandLine;
using System.Globalization;
using GanWorkbench.Experiments;

namespace GanWorkbench.Cli.Commands;

/// <summary>
/// <c>./gwb reproduce NAME… | --all [--budget quick|cpu|gpu] [--seeds N] [--parallel N] [--write-table]</c>:
/// trains what a reproduction of reproductions.yaml needs (reusing finished runs of the same resolved
/// config, resuming interrupted ones), evaluates its protocol and writes its record
/// (reproductions/results/NAME.json; build/reproductions/quick/ for the quick budget). Exit 0 when every
/// record was written, 1 when a run failed or diverged, 2 on bad input. With <c>--slurm</c> the members of one
/// reproduction that have no finished run are submitted as a Slurm job array (<see cref="ReproduceSlurm"/>).
/// </summary>
public static class ReproduceCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var names = new Argument<string[]>("names") { Description = "Reproductions in reproductions.yaml.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every reproduction of the file." };
        var budget = new Option<string>("--budget") { Description = "quick (seconds, checks the pipeline), cpu (default) or gpu.", DefaultValueFactory = _ => "cpu" };
        var seeds = new Option<int?>("--seeds") { Description = "Train this many seeds (the file's list, cut or extended)." };
        var parallel = new Option<int>("--parallel") { Description = "Members trained at once, each in its own one-thread process (default 1: in this process).", DefaultValueFactory = _ => 1 };
        var member = new Option<int?>("--member") { Description = "Train only this member (by index); used by --parallel for its child processes.", Hidden = true };
        var writeTable = new Option<bool>("--write-table") { Description = "Regenerate README.md's reproduction table and docs/reproductions.md from the records." };
        var file = new Option<string?>("--file") { Description = "Reproductions file (default: reproductions.yaml at the repository root)." };
        var experimentsFile = new Option<string?>("--experiments") { Description = "Experiments file (default: experiments.yaml at the repository root)." };
        var slurm = new SlurmCommandOptions();
        var command = new Command("reproduce", "Reproduce published numbers: train, evaluate with the paper's protocol, write reproductions/results/NAME.json.")
            { names, all, budget, seeds, parallel, member, writeTable, file, experimentsFile };
        slurm.AddTo(command);
        command.SetAction(r =>
        {
            slurm.RefuseWithoutSlurm(r);
            var given = r.GetValue(names) ?? [];
            bool everything = r.GetValue(all);
            if (everything && given.Length > 0) throw new InputException("give reproduction names or --all, not both.");
            if (!everything && given.Length == 0 && !r.GetValue(writeTable))
                throw new InputException("name the reproductions to run (./gwb reproduce NAME…), or --all; `./gwb reproduce --write-table` only regenerates the tables.");
            int n = r.GetValue(parallel);
            if (n < 1) throw new InputException($"--parallel {n}: give at least 1.");
            var level = YamlNames.Parse(typeof(ReproductionBudget), r.GetValue(budget) ?? "") as ReproductionBudget?
                ?? throw new InputException($"--budget {r.GetValue(budget)}: expected one of {string.Join(", ", YamlNames.Values(typeof(ReproductionBudget)))}.");
            int code = ExitCodes.Ok;
            if (everything || given.Length > 0)
            {
                var reproductions = ReproductionFile.Load(r.GetValue(file), ExperimentFile.Load(r.GetValue(experimentsFile)));
                var list = everything ? reproductions.Names : given;
                foreach (var name in list) reproductions.Get(name, level);             // every name checked before anything trains
                if (r.GetValue(slurm.Slurm))
                {
                    if (list.Count != 1 || r.GetValue(member) is not null || n != 1 || r.GetValue(writeTable))
                        throw new InputException("--slurm: name exactly one reproduction, without --all, --member, --parallel or --write-table (Slurm runs its members).");
                    return ReproduceSlurm.Submit(reproductions, list[0], level, r.GetValue(seeds), r.GetValue(file), r.GetValue(experimentsFile),
                        slurm.Read(r), r.GetValue(slurm.DryRun));
                }
                if (r.GetValue(member) is int index)
                {
                    if (list.Count != 1) throw new InputException("--member trains one member of one reproduction; name exactly one.");
                    return TrainOne(reproductions, list[0], level, r.GetValue(seeds), index);
                }
                foreach (var name in list)
                {
                    var child = new List<string> { "reproduce", name, "--budget", YamlNames.Of(level) };
                    if (r.GetValue(seeds) is int s) child.AddRange(["--seeds", s.ToString(CultureInfo.InvariantCulture)]);
                    if (r.GetValue(file) is { } f) child.AddRange(["--file", f]);
                    if (r.GetValue(experimentsFile) is { } ef) child.AddRange(["--experiments", ef]);
                    code = Math.Max(code, Reproduce(reproductions, name, level, r.GetValue(seeds), n, child));
                }
            }
            if (r.GetValue(writeTable))
                foreach (var written in ReproductionTable.WriteAll()) Console.WriteLine($"table: {written}");
            return code;
        });
        return command;
    }

    static int TrainOne(ReproductionFile file, string name, ReproductionBudget budget, int? seeds, int index)
    {
        var r = ReproductionRunner.WithSeeds(file.Get(name, budget), seeds);
        var members = file.Members(r, budget);
        if (index < 0 || index >= members.Count) throw new InputException($"--member {index}: reproduction '{name}' has members 0 to {members.Count - 1}.");
        using var stop = StopSignal.Listen();
        var result = ReproductionRunner.Train(members[index], new RunOptions { OnLog = (m, total) => Console.WriteLine(TrainingProgress.Numbers(m, total)), Preempt = stop.Token });
        Console.WriteLine($"[{index}] {members[index].Experiment} seed {members[index].Seed}: {YamlNames.Of(result.Status.State)}{(result.Status.Reason is { } why ? $" — {why}" : "")}");
        return result.Completed ? ExitCodes.Ok : result.Status.State == RunState.Interrupted ? ExitCodes.Interrupted : ExitCodes.Failed;
    }

    static int Reproduce(ReproductionFile file, string name, ReproductionBudget budget, int? seeds, int parallel, List<string> childArgs)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = ReproductionRunner.WithSeeds(file.Get(name, budget), seeds);
        var members = file.Members(r, budget).ToList();
        Console.WriteLine($"reproduce {name} ({YamlNames.Of(budget)}): {r.Target}");
        if (r.Protocol.TrainsRuns)
        {
            var pending = new List<int>();
            for (int i = 0; i < members.Count; i++)
            {
                var m = members[i];
                if (ReproductionRunner.FindFinished(m) is { } finished)
                {
                    members[i] = m with { Directory = finished };
                    Console.WriteLine($"  [{i}] {m.Experiment} seed {m.Seed}: finished run reused ({finished})");
                }
                else pending.Add(i);
            }
            if (parallel > 1 && pending.Count > 1)
                ChildRuns.Run(pending.Select(i => (i, $"{members[i].Experiment} seed {members[i].Seed}")).ToList(), parallel, childArgs, (_, _) => { });
            else
                foreach (int i in pending)
                    TrainingProgress.Run($"[{i}] {members[i].Experiment} seed {members[i].Seed}", report => ReproductionRunner.Train(members[i], new RunOptions { OnLog = report }));
            var unfinished = members.Where(m => !(Directory.Exists(m.Directory) && RunDirectory.Open(m.Directory).ReadStatus()?.State == RunState.Completed)).ToList();
            foreach (var m in unfinished)
                Console.Error.WriteLine($"gwb: {name}: {m.Experiment} seed {m.Seed} did not complete ({(Directory.Exists(m.Directory) ? RunDirectory.Open(m.Directory).ReadStatus()?.Reason ?? "no status" : "not started")}): {m.Directory}");
            if (unfinished.Count > 0) return ExitCodes.Failed;
        }
        string command = $"./gwb reproduce {name} --budget {YamlNames.Of(budget)}" + (seeds is int s ? $" --seeds {s}" : "");
        var record = ReproductionRunner.Evaluate(r, budget, members, command, null, line => Console.WriteLine($"  {line}"));
        string path = Path.Combine(ReproductionRunner.ResultsFolder(budget), name + ".json");
        record.Write(path);
        string error = record.Error is double e ? $" ± {e.ToString("G4", CultureInfo.InvariantCulture)}" : "";
        string paper = record.PaperValue is double p ? $"; paper {p.ToString("G6", CultureInfo.InvariantCulture)}{(record.PaperError is double pe ? $" ± {pe.ToString("G4", CultureInfo.InvariantCulture)}" : "")}" : "";
        string goal = record.GoalMet is bool met ? $"; goal {record.Goal?.ToString("G6", CultureInfo.InvariantCulture)} {(met ? "met" : "NOT met")}" : "";
        Console.WriteLine($"{name}: {record.Metric} = {record.Value.ToString("G6", CultureInfo.InvariantCulture)}{error} {record.Unit} ({record.ErrorKind}){paper}{goal} — {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine($"record: {path}");
        return ExitCodes.Ok;
    }
}
