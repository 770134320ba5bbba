using System.Globalization;
using System.Text;

namespace GanWorkbench.Experiments;

/// <summary>One array job: which members (by index) it runs, and how each task runs its member.</summary>
/// <param name="JobName">Slurm's job name.</param>
/// <param name="Members">The member indices, one array task each (the task id is the member index).</param>
/// <param name="LogFolder">Where each task's output goes (<c>JOB_TASK.out</c>, appended over requeues).</param>
/// <param name="WorkingDirectory">The folder the task starts in (the repository root).</param>
/// <param name="Environment">Variables the task exports before it runs (GWB_ROOT, GWB_RUNS, GWB_DATA).</param>
/// <param name="Command">The member's command line; the script appends <c>--member $SLURM_ARRAY_TASK_ID</c>.</param>
/// <param name="Options">What each task asks Slurm for.</param>
public sealed record SlurmArrayJob(string JobName, IReadOnlyList<int> Members, string LogFolder, string WorkingDirectory,
    IReadOnlyList<KeyValuePair<string, string>> Environment, IReadOnlyList<string> Command, SlurmJobOptions Options);

/// <summary>
/// The sbatch script of an array job. Each task runs its member in the background with
/// <c>GWB_THREADS=$SLURM_CPUS_PER_TASK</c>, forwards SIGTERM to it (preemption, <c>scontrol requeue</c>,
/// <c>scancel</c>: the member checkpoints and exits), and on the time-limit warning (<c>--signal=B:USR1</c>)
/// does the same and then requeues itself; a requeued task continues its member from the checkpoint.
/// The task is submitted <c>--requeue</c>, its output appended, so one log holds every attempt.
/// </summary>
public static class SlurmArrayScript
{
    /// <summary>The exit code of a member that stopped on SIGTERM after writing a checkpoint.</summary>
    public const int InterruptedExitCode = 3;

    /// <summary>The script's text.</summary>
    public static string Write(SlurmArrayJob job)
    {
        if (job.Members.Count == 0) throw new ArgumentException("an array job needs at least one member", nameof(job));
        var o = job.Options;
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append($"# {job.JobName}: one array task per member (task id = member index); written by ./gwb --slurm.\n");
        void Directive(string value) => s.Append("#SBATCH ").Append(value).Append('\n');
        Directive($"--job-name={job.JobName}");
        Directive($"--array={ArraySpec(job.Members)}{(o.MaxParallel is int n ? $"%{n}" : "")}");
        Directive($"--output={Path.Combine(job.LogFolder, "%A_%a.out")}");
        Directive("--open-mode=append");
        Directive("--requeue");
        Directive($"--signal=B:USR1@{o.SignalSeconds}");
        Directive("--ntasks=1");
        Directive($"--cpus-per-task={o.CpusPerTask}");
        if (o.Partition is { } p) Directive($"--partition={p}");
        if (o.Time is { } t) Directive($"--time={t}");
        if (o.Gpus > 0) Directive($"--gpus={o.Gpus}");
        foreach (var a in o.ExtraArguments) Directive(a);
        s.Append("set -u\n");
        s.Append($"cd {Quote(job.WorkingDirectory)} || exit 1\n");
        foreach (var (name, value) in job.Environment) s.Append($"export {name}={Quote(value)}\n");
        s.Append("export GWB_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        s.Append("echo \"gwb: member $SLURM_ARRAY_TASK_ID, job ${SLURM_ARRAY_JOB_ID}_$SLURM_ARRAY_TASK_ID on $(hostname), attempt $(( ${SLURM_RESTART_COUNT:-0} + 1 ))\"\n");
        s.Append(string.Join(' ', job.Command.Select(Quote))).Append(" --member \"$SLURM_ARRAY_TASK_ID\" &\n");
        s.Append("child=$!\n");
        s.Append("requeue=0\n");
        s.Append("trap 'kill -TERM \"$child\" 2>/dev/null' TERM\n");
        s.Append("trap 'requeue=1; kill -TERM \"$child\" 2>/dev/null' USR1\n");
        s.Append("while :; do wait \"$child\"; code=$?; kill -0 \"$child\" 2>/dev/null || break; done\n");
        s.Append($"if [ \"$requeue\" = 1 ] && [ \"$code\" = {InterruptedExitCode} ]; then\n");
        s.Append("  echo \"gwb: time limit near: checkpoint written, requeueing job $SLURM_JOB_ID\"\n");
        s.Append("  scontrol requeue \"$SLURM_JOB_ID\"\n");
        s.Append("fi\n");
        s.Append("exit \"$code\"\n");
        return s.ToString();
    }

    /// <summary>Indices as Slurm's array list: sorted, runs of consecutive ones as ranges (<c>0-3,5,7-9</c>).</summary>
    public static string ArraySpec(IEnumerable<int> indices)
    {
        var sorted = indices.Distinct().Order().ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture)
                             : $"{sorted[i].ToString(CultureInfo.InvariantCulture)}-{sorted[j].ToString(CultureInfo.InvariantCulture)}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    /// <summary>A word for bash, single-quoted unless it is made of safe characters only.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
