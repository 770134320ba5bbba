using System.Globalization;

namespace GanWorkbench.Experiments;

/// <summary>One member's line of <c>./gwb sweep status</c>.</summary>
/// <param name="Index">The member index.</param>
/// <param name="Label">The member's label.</param>
/// <param name="State">pending, running, completed, failed, diverged or interrupted.</param>
/// <param name="Step">Steps done (0 before it starts).</param>
/// <param name="TotalSteps">Its budget in steps (0 when unknown: not started).</param>
/// <param name="JobId">The Slurm task (<c>JOB_INDEX</c>) that runs it, when it was submitted.</param>
/// <param name="Queue">What <c>squeue</c> says of that task (PENDING, RUNNING, …), when it is queued.</param>
/// <param name="Reason">Why it failed, diverged or stopped.</param>
public sealed record SweepStatusRow(int Index, string Label, string State, long Step, long TotalSteps, string? JobId, string? Queue, string? Reason);

/// <summary>
/// Where each member of a sweep stands, from its <c>status.json</c> and, for submitted members, the
/// Slurm queue: a member without a run directory is pending (or running, when its task has just started);
/// an interrupted member whose task is queued again is pending, as it will continue from its checkpoint.
/// </summary>
public static class SweepStatusTable
{
    /// <summary>The rows, by member index. <paramref name="queue"/> maps a Slurm task (<c>JOB_INDEX</c>) to its
    /// queue state; null when the queue could not be read.</summary>
    public static IReadOnlyList<SweepStatusRow> Read(string root, IReadOnlyDictionary<string, string>? queue)
    {
        var manifest = SweepRunner.ReadManifest(root);
        var jobs = SlurmSubmission.ReadJobs(root);
        var rows = new List<SweepStatusRow>();
        foreach (var m in manifest.Members.OrderBy(m => m.Index))
        {
            string? job = jobs.LastOrDefault(j => j.Members.Contains(m.Index)) is { } record
                ? $"{record.JobId}_{m.Index.ToString(CultureInfo.InvariantCulture)}" : null;
            string? queued = job is not null && queue is not null && queue.TryGetValue(job, out var q) ? q : null;
            string dir = Path.Combine(root, m.Directory);
            RunStatus? status = null;
            if (File.Exists(Path.Combine(dir, "status.json")))
                using (var run = RunDirectory.Open(dir)) status = run.ReadStatus();
            string state = status is null
                ? queued == "RUNNING" ? "running" : "pending"
                : status.State == RunState.Interrupted && queued is "PENDING" or "REQUEUED" or "CONFIGURING" ? "pending"
                : YamlNames.Of(status.State);
            rows.Add(new SweepStatusRow(m.Index, m.Label, state, status?.Step ?? 0, status?.TotalSteps ?? 0, job, queued, status?.Reason));
        }
        return rows;
    }

    /// <summary>Parses <c>squeue -h -r -o "%F_%K|%T"</c> lines into task → state.</summary>
    public static IReadOnlyDictionary<string, string> ParseQueue(string squeueOutput)
    {
        var queue = new Dictionary<string, string>();
        foreach (var line in squeueOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (line.Split('|') is [var task, var state] && task.Length > 0) queue[task] = state;
        return queue;
    }

    /// <summary>The queue states of <paramref name="jobIds"/>' tasks from <c>squeue</c>, or null when squeue is missing or fails.
    /// A job Slurm no longer knows (it ended) has no tasks in the queue.</summary>
    public static IReadOnlyDictionary<string, string>? Queue(SlurmTools tools, IReadOnlyCollection<string> jobIds)
    {
        if (tools.Squeue is not { } squeue) return null;
        if (jobIds.Count == 0) return new Dictionary<string, string>();
        var (code, output, error) = SlurmTools.Call(squeue, ["-h", "-r", "-j", string.Join(',', jobIds), "-o", "%F_%K|%T"]);
        if (code == 0) return ParseQueue(output);
        return error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) ? new Dictionary<string, string>() : null;
    }
}
