using System.Diagnostics;
using System.Globalization;
using GanWorkbench.Runtime;

namespace GanWorkbench.Experiments;

/// <summary>
/// What <c>./gwb reproduce</c> does for one reproduction: trains each member unless a finished run of the
/// same resolved config exists (the member's own directory under <c>runs/reproductions/NAME/BUDGET/</c>,
/// or any finished run in runs/ — a plain <c>./gwb run</c>, a sweep member, another reproduction's),
/// resumes a member that was interrupted, then evaluates the protocol and builds the record.
/// </summary>
public static class ReproductionRunner
{
    /// <summary>The reproduction with <paramref name="count"/> seeds: its own list cut to that length, or
    /// extended with the next seeds after its largest (null: as written).</summary>
    public static ReproductionSpec WithSeeds(ReproductionSpec reproduction, int? count)
    {
        if (count is not int n) return reproduction;
        if (n < 1) throw new InputException($"--seeds {n}: give at least 1.");
        var seeds = reproduction.Seeds.Take(n).ToList();
        for (long next = reproduction.Seeds.Max() + 1; seeds.Count < n; next++) seeds.Add(next);
        return reproduction with { Seeds = seeds };
    }

    /// <summary>A finished (completed) run with the member's resolved config, or null.</summary>
    public static string? FindFinished(ReproductionMember member, string? runsRoot = null)
    {
        string root = runsRoot ?? WorkbenchPaths.Runs;
        string wanted = RunDirectory.ToYaml(member.Spec);
        IEnumerable<string> Children(string dir, int depth) =>
            !Directory.Exists(dir) ? [] : depth == 0 ? [dir] : Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal).SelectMany(d => Children(d, depth - 1));
        var candidates = new[] { member.Directory }
            .Concat(Children(Path.Combine(root, member.Experiment), 1))
            .Concat(Children(Path.Combine(root, "reproductions"), 3))
            .Concat(Children(Path.Combine(root, "sweeps"), 2))
            .Distinct();
        foreach (var dir in candidates)
        {
            if (!File.Exists(Path.Combine(dir, "config.yaml")) || !File.Exists(Path.Combine(dir, "status.json"))) continue;
            try
            {
                using var run = RunDirectory.Open(dir);
                if (run.ReadStatus()?.State != RunState.Completed) continue;
                if (RunDirectory.ToYaml(ExperimentRunner.ReadConfig(run.File("config.yaml"))) == wanted) return run.Path;
            }
            catch (InputException)
            {
                // a damaged or foreign run directory is simply not a match
            }
        }
        return null;
    }

    /// <summary>Trains a member that has no finished run: resumes its directory when a run there was
    /// interrupted or failed, else starts it there. A diverged run is left as it is (its result).</summary>
    public static RunResult Train(ReproductionMember member, RunOptions? options = null)
    {
        options ??= new RunOptions();
        if (Directory.Exists(member.Directory) && File.Exists(Path.Combine(member.Directory, "status.json")))
        {
            using var run = RunDirectory.Open(member.Directory);
            var status = run.ReadStatus();
            if (status?.State is RunState.Completed or RunState.Diverged) return RunResult.Open(member.Directory);
            if (status?.State is RunState.Interrupted or RunState.Failed) return ExperimentRunner.Resume(member.Directory, options);
        }
        if (Directory.Exists(member.Directory)) Directory.Delete(member.Directory, recursive: true);   // begun, never got a status: nothing to keep
        return ExperimentRunner.Run(member.Spec, options with { RunDirectoryPath = member.Directory });
    }

    /// <summary>Evaluates the protocol on finished members and builds the record.</summary>
    public static ReproductionRecord Evaluate(ReproductionSpec r, ReproductionBudget budget, IReadOnlyList<ReproductionMember> members,
        string command, string? dataRoot, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        var result = r.Protocol.Evaluate(new ReproductionContext(r, budget, members, dataRoot, log));
        double evalSeconds = clock.Elapsed.TotalSeconds;
        var (error, errorKind) = result.ErrorBar;
        double value = result.Value;
        double trainSeconds = r.Protocol.TrainsRuns ? members.Sum(m => TrainingSeconds(m.Directory)) : 0;
        int threads = members.Select(m => m.Spec.Threads).Append(0).Max() is int t && t > 0 ? t
            : int.TryParse(Environment.GetEnvironmentVariable("GWB_THREADS"), out var env) && env > 0 ? env : Environment.ProcessorCount;
        double? gap = r.PaperValue is double p && ((error ?? 0) > 0 || (r.PaperError ?? 0) > 0)
            ? (value - p) / Math.Sqrt(Math.Pow(error ?? 0, 2) + Math.Pow(r.PaperError ?? 0, 2)) : null;
        return new ReproductionRecord
        {
            Name = r.Name, Paper = r.Paper, Target = r.Target, Metric = r.Metric, Unit = r.Unit,
            PaperValue = r.PaperValue, PaperError = r.PaperError, PaperErrorKind = r.PaperErrorKind,
            Value = value, Error = error, ErrorKind = errorKind, Better = r.Better, Goal = r.Goal,
            GoalMet = r.Goal is double g ? (r.Better == Better.Higher ? value >= g : value <= g) : null,
            GapInErrorBars = gap, Seeds = r.Seeds,
            PerSeed = result.PerSeed.Select(s => new RecordedSeed(s.Seed, s.Value, Relative(s.Run))).ToList(),
            Extras = result.Extras, Budget = budget, Command = command, Commit = Commit(),
            Hardware = Hardware(), Threads = threads, Device = Compute.ResolveDevice(Compute.Requested(DeviceChoice.Auto)).ToString(),
            WallS = Math.Round(trainSeconds + evalSeconds, 1), TrainWallS = Math.Round(trainSeconds, 1), EvalWallS = Math.Round(evalSeconds, 1),
            Date = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Experiments = r.Experiments, Protocol = r.Protocol.Describe(), Overrides = r.Set, Window = r.Window,
            Differences = r.Differences, Notes = r.Notes,
        };
    }

    /// <summary>Where a budget's records go: reproductions/results/ (cpu, gpu) or build/reproductions/quick/.</summary>
    public static string ResultsFolder(ReproductionBudget budget) => budget == ReproductionBudget.Quick
        ? Path.Combine(WorkbenchPaths.Root, "build", "reproductions", "quick")
        : Path.Combine(WorkbenchPaths.Root, "reproductions", "results");

    static double TrainingSeconds(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        using var run = RunDirectory.Open(directory);
        return run.ReadStatus() is { } s ? Math.Max(0, (s.UpdatedUtc - s.StartedUtc).TotalSeconds) : 0;
    }

    static string Relative(string path) =>
        path.Length == 0 ? "" : Path.GetRelativePath(WorkbenchPaths.Root, path) is var rel && !rel.StartsWith("..", StringComparison.Ordinal) ? rel : path;

    static string Hardware()
    {
        string cpu = $"{Compute.CpuModel()}, {Environment.ProcessorCount} cores";
        return TorchSharp.torch.cuda.is_available() ? $"{cpu}; CUDA device ({TorchSharp.torch.cuda.device_count()} visible)" : cpu;
    }

    static string Commit()
    {
        string? Git(string args)
        {
            try
            {
                var info = new ProcessStartInfo("git", args) { WorkingDirectory = WorkbenchPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
                using var p = Process.Start(info)!;
                string output = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return p.ExitCode == 0 ? output : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
        string? head = Git("rev-parse --short=12 HEAD");
        if (head is null) return "unknown";
        return Git("status --porcelain --untracked-files=no") is { Length: > 0 } ? head + "-dirty" : head;
    }
}
