using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace GanWorkbench.Experiments;

/// <summary>
/// A run directory: <c>runs/&lt;experiment&gt;/&lt;UTC time&gt;-s&lt;seed&gt;/</c> with <c>config.yaml</c>
/// (the fully resolved experiment), <c>status.json</c>, <c>metrics.jsonl</c> and <c>samples/</c>.
/// Every file is written atomically (temporary file + rename) except the append-only metrics log.
/// While a run is going, its process holds <c>run.lock</c> (an exclusive lock the operating system
/// drops when the process dies), so a <c>running</c> status left behind by a killed process is
/// recognised and reported as <c>interrupted</c>.
/// </summary>
public sealed partial class RunDirectory : IDisposable
{
    static readonly JsonSerializerOptions Json = RunStatus.Json;
    const string LockFile = "run.lock";
    FileStream? runLock;

    /// <summary>Absolute path of the run directory.</summary>
    public string Path { get; }

    RunDirectory(string path) { Path = path; }

    /// <summary>Opens an existing run directory.</summary>
    public static RunDirectory Open(string path) =>
        Directory.Exists(path) ? new RunDirectory(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path)))
        : throw new InputException($"{path}: no such run directory; give the path of a folder under runs/ (it holds status.json and config.yaml).");

    /// <summary>Creates the run directory at exactly <paramref name="path"/> (a sweep member's fixed
    /// place) and takes its lock; null when the folder already exists.</summary>
    public static RunDirectory? CreateAt(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (!Claim(path)) return null;
        var run = new RunDirectory(path);
        run.Acquire();
        return run;
    }

    /// <summary>Takes the run's lock for this process (a run being resumed). Throws when another live
    /// process holds it.</summary>
    public void Acquire()
    {
        if (runLock is not null) return;
        try
        {
            runLock = new FileStream(File(LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (!IsStorageError(e))
        {
            throw new InputException($"{Path}: another process is running this run right now (it holds {LockFile}); wait for it to finish or stop it first.");
        }
    }

    /// <summary>Lets go of the run's lock (done automatically when a final status is written) and
    /// removes the lock file, so a finished run directory holds only its results.</summary>
    public void Release()
    {
        if (runLock is null) return;
        try { System.IO.File.Delete(File(LockFile)); } catch (IOException) { }
        runLock.Dispose();
        runLock = null;
    }

    /// <summary>Releases the lock (the directory and its files stay).</summary>
    public void Dispose() => Release();

    /// <summary>True when some live process (this one included) holds the run's lock.</summary>
    public bool IsLocked()
    {
        if (runLock is not null) return true;
        if (!System.IO.File.Exists(File(LockFile))) return false;
        try
        {
            using var probe = new FileStream(File(LockFile), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException e) when (IsStorageError(e))
        {
            return false;                                                      // a read-only or full disk: no process can hold the lock for writing
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>True for the errors of a full, over-quota or read-only filesystem (errno in the
    /// IOException's HResult on Linux, or the disk-full codes of a preallocation), as opposed to a file
    /// another process holds.</summary>
    public static bool IsStorageError(IOException e) => (e.HResult & 0xFFFF) is 28 or 30 or 122 or 39 or 112;

    /// <summary>Creates a fresh, never-shared run directory for an experiment.</summary>
    public static RunDirectory Create(string experiment, long seed, string? runsRoot = null, DateTime? nowUtc = null)
    {
        if (!SafeName().IsMatch(experiment))
            throw new InputException($"experiment name '{experiment}' cannot name a run directory: use letters, digits, '-', '_' and '.', starting with a letter or digit.");
        string parent = System.IO.Path.Combine(runsRoot ?? WorkbenchPaths.Runs, experiment);
        Directory.CreateDirectory(parent);
        string stem = (nowUtc ?? DateTime.UtcNow).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + $"-s{seed}";
        for (int attempt = 0; ; attempt++)
        {
            string path = System.IO.Path.Combine(parent, attempt == 0 ? stem : $"{stem}-{attempt + 1}");
            if (!Claim(path)) continue;
            var run = new RunDirectory(path);
            run.Acquire();
            return run;
        }
    }

    /// <summary>Creates <paramref name="path"/> if no one else has: a claim file created with CreateNew
    /// is atomic, so two processes (or threads) never both get the same directory.</summary>
    static bool Claim(string path)
    {
        if (Directory.Exists(path)) return false;
        try
        {
            using (new FileStream(path + ".claim", FileMode.CreateNew)) { }
        }
        catch (IOException)
        {
            return false;
        }
        try
        {
            if (Directory.Exists(path)) return false;
            Directory.CreateDirectory(path);
            return true;
        }
        finally
        {
            System.IO.File.Delete(path + ".claim");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();

    /// <summary>Path of a file inside the run.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Where the sample grid of a step goes.</summary>
    public string SamplePath(long step) => File(System.IO.Path.Combine("samples", $"step-{step:D6}.png"));

    /// <summary>Writes <c>config.yaml</c>: the resolved experiment, every field explicit.</summary>
    public void WriteConfig(ExperimentSpec spec) => WriteAtomic("config.yaml", ToYaml(spec));

    /// <summary>Serialises an experiment to YAML in the schema's own form (<see cref="YamlWriter"/>).</summary>
    public static string ToYaml(ExperimentSpec spec) => YamlWriter.Write(spec);

    /// <summary>Writes <c>status.json</c> (with this machine's name); a final state releases the run's lock.</summary>
    public void WriteStatus(RunStatus status)
    {
        WriteAtomic("status.json", JsonSerializer.Serialize(status with { Host = status.Host ?? Environment.MachineName }, Json));
        if (status.IsFinal) Release();
    }

    /// <summary>
    /// Reads <c>status.json</c>, or null when absent. A <c>running</c> status whose process no longer
    /// holds the run's lock (it was killed, or the machine went down) is reported — and rewritten — as
    /// <c>interrupted</c>, with the process and the last step in the reason. A run on another machine
    /// cannot be checked and is reported as written.
    /// </summary>
    public RunStatus? ReadStatus()
    {
        if (!System.IO.File.Exists(File("status.json"))) return null;
        RunStatus? status;
        try
        {
            status = JsonSerializer.Deserialize<RunStatus>(InputFiles.ReadAllText(File("status.json"), 1 << 20), Json)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new InputException($"{File("status.json")}: not a valid status file ({e.Message}). " +
                                     $"Resume the run to rebuild it from its last checkpoint: ./gwb resume {Path}", e);
        }
        if (status is not { State: RunState.Running } || (status.Host is { } host && host != Environment.MachineName) || IsLocked())
            return status;
        var interrupted = status with
        {
            State = RunState.Interrupted,
            Reason = $"process {status.Pid} on {status.Host ?? Environment.MachineName} stopped without finishing " +
                     $"(last update {status.UpdatedUtc:yyyy-MM-dd HH:mm:ss}Z at step {status.Step} of {status.TotalSteps})",
        };
        try
        {
            WriteAtomic("status.json", JsonSerializer.Serialize(interrupted, Json));
        }
        catch (IOException) { }   // a read-only copy of a run: report it all the same
        catch (UnauthorizedAccessException) { }
        return interrupted;
    }

    /// <summary>Appends one JSON object as a line of <c>metrics.jsonl</c>.</summary>
    public void AppendMetrics(IReadOnlyDictionary<string, object> row)
    {
        using var stream = new FileStream(File("metrics.jsonl"), FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(JsonSerializer.Serialize(row));
    }

    /// <summary>Writes a file atomically (temporary file in the same folder + rename); a failed write removes its
    /// temporary file, so none is left behind.</summary>
    public void WriteAtomic(string name, string content)
    {
        string target = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        AtomicFile.WriteAllText(target, content);
    }

    /// <summary>
    /// Writes a final <c>failed</c> status when something else already went wrong, and releases the lock. An
    /// atomic write needs room for a second copy, which a full disk lacks; then status.json is overwritten in
    /// place (its old blocks are freed first), so the run is marked failed whenever that is possible at all.
    /// </summary>
    public void WriteFailedStatus(RunStatus status)
    {
        string text = JsonSerializer.Serialize(status with { Host = status.Host ?? Environment.MachineName }, Json);
        try
        {
            WriteAtomic("status.json", text);
        }
        catch (IOException)
        {
            System.IO.File.WriteAllText(File("status.json"), text);
        }
        finally
        {
            Release();
        }
    }
}
