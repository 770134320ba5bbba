using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Cluster;

/// <summary>Submission is all or nothing: a missing sbatch, an unknown partition and a refusal (Slurm's message
/// shown) are bad input and leave no folder behind; an accepted job leaves its script and jobs.json. sbatch and
/// sinfo are stand-in shell scripts here; make slurm-test submits to a real Slurm.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class SlurmSubmissionTests
{
    static string Tool(TempFolder temp, string name, string body)
    {
        string path = temp.File(name);
        System.IO.File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        System.IO.File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    static SlurmArrayJob Job(string root, SlurmJobOptions? options = null) =>
        new("gwb-sweep-s", [0, 1], SlurmSubmission.Folder(root), "/repo", [], ["gwb", "sweep", "s"], options ?? new SlurmJobOptions());

    [Fact]
    public void Without_sbatch_nothing_is_submitted_and_the_error_says_where_to_run()
    {
        using var temp = new TempFolder();
        string root = temp.File("sweep");
        var e = Assert.Throws<InputException>(() => SlurmSubmission.Submit(Job(root), root, new SlurmTools(null, null, null)));
        Assert.Equal("sbatch is not on PATH, so this machine cannot submit to Slurm. Run the command on the cluster's login node " +
                     "(or load its Slurm module), or add --dry-run to print the script without submitting.", e.Message);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void A_refused_submission_shows_Slurms_message_and_leaves_nothing()
    {
        using var temp = new TempFolder();
        string root = temp.File("runs/sweeps/s");
        string sbatch = Tool(temp, "sbatch", "cat > /dev/null; echo 'sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified' >&2; exit 1");
        var e = Assert.Throws<InputException>(() => SlurmSubmission.Submit(Job(root), root, new SlurmTools(sbatch, null, null)));
        Assert.StartsWith("sbatch refused the array job (exit 1): sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified. Nothing was submitted;", e.Message);
        Assert.False(Directory.Exists(temp.File("runs")));
    }

    [Fact]
    public void An_unknown_partition_is_refused_before_sbatch_runs()
    {
        using var temp = new TempFolder();
        string root = temp.File("sweep");
        string sbatch = Tool(temp, "sbatch", $"touch {temp.File("called")}; echo 1");
        string sinfo = Tool(temp, "sinfo", "printf 'debug\\ngpu\\ndebug\\n'");
        var e = Assert.Throws<InputException>(() => SlurmSubmission.Submit(Job(root, new SlurmJobOptions { Partition = "gpus" }), root, new SlurmTools(sbatch, sinfo, null)));
        Assert.Equal("--partition gpus: no such partition on this cluster (sinfo lists: debug, gpu); pick one of those. Nothing was submitted.", e.Message);
        Assert.False(System.IO.File.Exists(temp.File("called")));
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void An_accepted_job_leaves_the_script_it_submitted_and_its_record()
    {
        using var temp = new TempFolder();
        string root = temp.File("sweep");
        string sbatch = Tool(temp, "sbatch", $"echo \"$@\" > {temp.File("args")}; cat > {temp.File("stdin")}; echo '4242;cluster'");
        var job = Job(root);
        var record = SlurmSubmission.Submit(job, root, new SlurmTools(sbatch, null, null));
        Assert.Equal(("4242", "4242.sbatch"), (record.JobId, record.Script));
        Assert.Equal([0, 1], record.Members);
        Assert.Equal("--parsable", System.IO.File.ReadAllText(temp.File("args")).Trim());
        Assert.Equal(SlurmArrayScript.Write(job), System.IO.File.ReadAllText(temp.File("stdin")));
        Assert.Equal(SlurmArrayScript.Write(job), System.IO.File.ReadAllText(Path.Combine(root, "slurm", "4242.sbatch")));
        Assert.Equal(["4242"], SlurmSubmission.ReadJobs(root).Select(j => j.JobId));
        SlurmSubmission.Submit(job with { Members = [1] }, root, new SlurmTools(Tool(temp, "sbatch2", "cat > /dev/null; echo 4243"), null, null));
        Assert.Equal(["4242", "4243"], SlurmSubmission.ReadJobs(root).Select(j => j.JobId));
    }
}
