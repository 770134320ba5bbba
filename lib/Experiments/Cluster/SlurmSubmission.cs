using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanWorkbench.Experiments;

/// <summary>One submitted array job, as recorded in a study folder's <c>slurm/jobs.json</c>.</summary>
public sealed record SlurmJobRecord(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("members")] IReadOnlyList<int> Members,
    [property: JsonPropertyName("script")] string Script,
    [property: JsonPropertyName("submitted_utc")] DateTime SubmittedUtc);

/// <summary>
/// Submits an array job with <c>sbatch</c>, all of it or nothing: the tools and the partition are checked
/// first, the script goes to sbatch on its standard input, and only once Slurm has accepted it are the
/// script (<c>slurm/JOB.sbatch</c>) and the job (<c>slurm/jobs.json</c>) written into the study folder.
/// </summary>
public static class SlurmSubmission
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The study folder's Slurm folder: scripts, jobs.json and the tasks' logs.</summary>
    public static string Folder(string root) => Path.Combine(root, "slurm");

    /// <summary>Checks, submits and records <paramref name="job"/>; returns the job id. Throws
    /// <see cref="InputException"/> when sbatch is missing, the partition unknown or Slurm refuses the job.</summary>
    public static SlurmJobRecord Submit(SlurmArrayJob job, string root, SlurmTools tools)
    {
        string sbatch = RequireSbatch(tools);
        if (job.Options.Partition is { } partition && tools.Sinfo is { } sinfo)
        {
            var (code, output, _) = SlurmTools.Call(sinfo, ["-h", "-o", "%R"]);
            var known = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            if (code == 0 && known.Count > 0 && !known.Contains(partition))
                throw new InputException($"--partition {partition}: no such partition on this cluster (sinfo lists: {string.Join(", ", known)}); pick one of those. Nothing was submitted.");
        }
        string script = SlurmArrayScript.Write(job);
        string folder = Folder(root);
        string? created = Path.GetFullPath(folder);                              // the topmost folder this call creates
        while (Path.GetDirectoryName(created) is { } parent && !Directory.Exists(parent)) created = parent;
        if (Directory.Exists(created)) created = null;
        Directory.CreateDirectory(folder);                                      // the tasks' --output goes here: it must exist when they start
        var (exit, stdout, stderr) = SlurmTools.Call(sbatch, ["--parsable"], stdin: script);
        string jobId = stdout.Trim().Split(';')[0];
        if (exit != 0 || jobId.Length == 0 || !jobId.All(char.IsAsciiDigit))
        {
            if (created is not null) Directory.Delete(created, recursive: true);
            string said = string.Join(" ", (stderr + "\n" + stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new InputException($"sbatch refused the array job (exit {exit}): {(said.Length > 0 ? said : "no message")}. " +
                                     "Nothing was submitted; fix what Slurm names (partition, time limit, account, --sbatch-arg) and run again, or add --dry-run to see the script.");
        }
        string scriptPath = Path.Combine(folder, $"{jobId}.sbatch");
        File.WriteAllText(scriptPath, script);
        var record = new SlurmJobRecord(jobId, job.Members, Path.GetFileName(scriptPath), DateTime.UtcNow);
        var jobs = ReadJobs(root).Append(record).ToList();
        string path = Path.Combine(folder, "jobs.json"), temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(jobs, Json));
        File.Move(temp, path, overwrite: true);
        return record;
    }

    /// <summary>sbatch's path; throws <see cref="InputException"/> when this machine has none.</summary>
    public static string RequireSbatch(SlurmTools tools) => tools.Sbatch ?? throw new InputException(
        "sbatch is not on PATH, so this machine cannot submit to Slurm. Run the command on the cluster's login node " +
        "(or load its Slurm module), or add --dry-run to print the script without submitting.");

    /// <summary>The array jobs submitted for a study folder, oldest first (none when it has no slurm/jobs.json).</summary>
    public static IReadOnlyList<SlurmJobRecord> ReadJobs(string root)
    {
        string path = Path.Combine(Folder(root), "jobs.json");
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<SlurmJobRecord>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a valid list of Slurm jobs ({e.Message}); delete it (the runs stay) and submit again.", e);
        }
    }
}
