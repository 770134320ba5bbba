using System.Diagnostics;
using GanWorkbench.Data;
using GanWorkbench.Experiments;
using GanWorkbench.Metrics;
using GanWorkbench.Tests.Experiments;

namespace GanWorkbench.Tests.Data;

/// <summary>
/// Files a run needs that are FIFOs, unreadable, damaged or oversized: <c>run</c>, <c>doctor</c>, <c>check</c> and
/// <c>nb</c> refuse them with exit code 2, the file and the fix, without hanging, and before a run directory exists —
/// including the files a run would read only after training (the test split, the evaluation classifier).
/// </summary>
public class UnreadableInputTests
{
    const string Tiny = "experiments:\n  a:\n    threads: 1\n    tensorboard: false\n    sample_every: 0\n    model: { name: dcgan, g_width: 8, d_width: 8 }\n" +
                        "    data: { batch_size: 8, train_images: 64 }\n    budget: { steps: 2 }\n    log_every: 1\n";

    /// <summary>A data root whose MNIST files link to the real ones, for one of them to be replaced.</summary>
    static string LinkedDataRoot(TempFolder temp)
    {
        string root = temp.File("data"), mnist = Path.Combine(root, "mnist");
        Directory.CreateDirectory(mnist);
        foreach (var file in DatasetCatalog.Mnist.Files)
        {
            string real = DatasetStore.Locate(DatasetCatalog.Mnist, file) ?? throw new InvalidOperationException($"MNIST is not fetched ({file.FileName})");
            File.CreateSymbolicLink(Path.Combine(mnist, Path.GetFileName(real)), real);
        }
        Directory.CreateDirectory(Path.Combine(root, "classifiers"));
        foreach (var path in new[] { EvaluationClassifier.WeightsPath("mnist"), EvaluationClassifier.InfoPath("mnist") })
            File.Copy(path, Path.Combine(root, "classifiers", Path.GetFileName(path)));
        return root;
    }

    static string Replace(string root, string name, string content)
    {
        string path = Directory.GetFiles(Path.Combine(root, "mnist"), name + "*").Single();
        File.Delete(path);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs gwb, as a user without root's power to read any file when the tests run as root; null when it hung.</summary>
    static (int Code, string Out, string Err)? RunUnprivileged(string runs, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        bool root = Environment.UserName == "root";
        var info = new ProcessStartInfo(root ? "setpriv" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (root) foreach (var a in new[] { "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "dotnet" }) info.ArgumentList.Add(a);
        info.ArgumentList.Add(Gwb.Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["GWB_RUNS"] = runs;
        info.Environment["GWB_DEVICE"] = "cpu";
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(90_000)) { p.Kill(entireProcessTree: true); return null; }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void A_fifo_in_place_of_a_dataset_experiments_file_or_notebook_is_refused_without_hanging()
    {
        using var temp = new TempFolder();
        string data = LinkedDataRoot(temp), runs = temp.File("runs"), yaml = temp.File("e.yaml");
        File.WriteAllText(yaml, Tiny);
        string dataset = Directory.GetFiles(Path.Combine(data, "mnist"), "train-images*").Single();
        File.Delete(dataset);
        Assert.Equal(0, Process.Start("mkfifo", [dataset, temp.File("fifo.yaml"), temp.File("fifo.ipynb")])!.WaitForExitAndCode());
        var env = new Dictionary<string, string> { ["GWB_DATA"] = data };
        string Fifo(string path) => $"{path}: is a FIFO (named pipe), not a regular file; reading it would wait for a writer or never end. Replace it with the file itself.";
        foreach (var (args, path) in new (string[], string)[]
                 {
                     (["run", "a", "--file", yaml], dataset), (["doctor"], dataset), (["check", temp.File("fifo.yaml")], temp.File("fifo.yaml")),
                     (["run", "a", "--file", temp.File("fifo.yaml")], temp.File("fifo.yaml")),
                     (["nb", "check", temp.File("fifo.ipynb")], temp.File("fifo.ipynb")), (["nb", "run", temp.File("fifo.ipynb"), "--output", temp.File("out")], temp.File("fifo.ipynb")),
                 })
        {
            var result = RunUnprivileged(runs, env, args);
            Assert.True(result is not null, $"gwb {string.Join(' ', args)} hung");
            var (code, _, err) = result.Value;
            Assert.True(code == (args[0] == "doctor" ? 1 : 2), $"gwb {string.Join(' ', args)}: exit {code}\n{err}");
            Assert.Contains(Fifo(path), args[0] == "doctor" ? result.Value.Out + err : err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(runs), "no run directory may appear");
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_unreadable_dataset_or_experiments_file_is_refused_with_the_chmod_that_fixes_it()
    {
        using var temp = new TempFolder();
        string data = LinkedDataRoot(temp), runs = temp.File("runs"), yaml = temp.File("e.yaml"), locked = temp.File("locked.yaml");
        File.WriteAllText(yaml, Tiny);
        File.WriteAllText(locked, Tiny);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        string dataset = Directory.GetFiles(Path.Combine(data, "mnist"), "train-images*").Single();
        File.Copy(File.ResolveLinkTarget(dataset, true)!.FullName, dataset + ".copy");
        File.Delete(dataset);
        File.Move(dataset + ".copy", dataset);
        File.SetUnixFileMode(dataset, UnixFileMode.None);
        var env = new Dictionary<string, string> { ["GWB_DATA"] = data };
        string Denied(string path) => $"{path}: permission denied: this user may not read the file. Give it read access (chmod u+r {path}) or run as the file's owner.";
        foreach (var (args, path) in new (string[], string)[] { (["run", "a", "--file", yaml], dataset), (["doctor"], dataset), (["check", locked], locked), (["run", "a", "--file", locked], locked) })
        {
            var (code, stdout, err) = RunUnprivileged(runs, env, args) ?? throw new TimeoutException(string.Join(' ', args));
            Assert.True(code == (args[0] == "doctor" ? 1 : 2), $"gwb {string.Join(' ', args)}: exit {code}\n{err}");
            Assert.Contains(Denied(path), stdout + err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(runs));
    }

    [Fact]
    public void A_damaged_test_split_is_found_before_the_run_starts()
    {
        using var temp = new TempFolder();
        string data = LinkedDataRoot(temp), runs = temp.File("runs");
        string test = Replace(data, "t10k-images", "abc");
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Run(WithFid(), new RunOptions { RunsRoot = runs, DataRoot = data }));
        Assert.Equal($"{test}: truncated IDX file: 3 bytes, shorter than the 4-byte magic. Re-fetch it: ./gwb data fetch mnist --force", e.Message);
        Assert.False(Directory.Exists(runs), "no run directory may appear");
    }

    [Fact]
    public void A_damaged_classifier_is_found_before_the_run_starts()
    {
        using var temp = new TempFolder();
        string data = LinkedDataRoot(temp), runs = temp.File("runs");
        string weights = Path.Combine(data, "classifiers", Path.GetFileName(EvaluationClassifier.WeightsPath("mnist")));
        File.AppendAllText(weights, "damaged");
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Run(WithFid(), new RunOptions { RunsRoot = runs, DataRoot = data }));
        Assert.StartsWith($"{weights}: checksum mismatch: SHA-256 is ", e.Message);
        Assert.EndsWith("Retrain: ./gwb data classifier mnist --force", e.Message);
        Assert.False(Directory.Exists(runs), "no run directory may appear");
    }

    static ExperimentSpec WithFid() => ExperimentFile.Parse(Tiny, "e.yaml").Get("a", overrides: ["eval_metrics=[fid]", "eval_samples=20"]);

    [Fact]
    public void A_folder_or_fifo_is_refused_before_it_is_opened_and_a_regular_file_is_read()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("folder.yaml"));
        var e = Assert.Throws<InputException>(() => InputFiles.ReadAllText(temp.File("folder.yaml")));
        Assert.Equal($"{temp.File("folder.yaml")}: is a folder, not a file; give the path of the file itself.", e.Message);
        Assert.Equal(0, Process.Start("mkfifo", [temp.File("pipe")])!.WaitForExitAndCode());
        Assert.Equal("a FIFO (named pipe)", InputFiles.Kind(temp.File("pipe")));
        e = Assert.Throws<InputException>(() => InputFiles.ReadAllBytes(temp.File("pipe")));
        Assert.StartsWith($"{temp.File("pipe")}: is a FIFO (named pipe), not a regular file", e.Message);
        File.WriteAllText(temp.File("plain"), "text");
        Assert.Equal(("a regular file", "text"), (InputFiles.Kind(temp.File("plain")), InputFiles.ReadAllText(temp.File("plain"), maxBytes: 4)));
        e = Assert.Throws<InputException>(() => InputFiles.ReadAllText(temp.File("plain"), maxBytes: 3, "Shorten it."));
        Assert.Equal($"{temp.File("plain")}: 4 bytes, more than the 3 (3 bytes) gwb reads for this kind of file. Shorten it.", e.Message);
    }

    [Fact]
    public void A_corrupt_gz_names_the_fix()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("train-images-idx3-ubyte.gz"), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x07, 0xff, 0xff, 0xff]);
        var e = Assert.Throws<InputException>(() => Idx.ReadBytes(temp.File("train-images-idx3-ubyte.gz"), DatasetCatalog.Mnist.FetchCommand));
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(temp.File("train-images-idx3-ubyte.gz"))}: corrupt gzip stream \\(.+\\)\\. " +
                       "Delete it and re-fetch it: \\./gwb data fetch mnist --force$", e.Message);
    }

    [Fact]
    public void An_experiments_file_over_2_MB_is_refused_before_it_is_parsed()
    {
        using var temp = new TempFolder();
        string path = temp.File("huge.yaml");
        using (var writer = File.CreateText(path))
        {
            writer.WriteLine("experiments:");
            for (int i = 0; writer.BaseStream.Length <= ExperimentFile.MaxBytes; i++) writer.WriteLine($"  e{i}: {{ seed: {i}, description: generated experiment number {i} }}");
        }
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<InputException>(() => ExperimentFile.Load(path));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.StartsWith($"{path}: {new FileInfo(path).Length:N0} bytes, more than the 2,097,152 (2 MB) gwb reads for this kind of file. An experiments file holds named experiments", e.Message);
        Assert.EndsWith("split it into several files (each run with --file), or generate the runs as a sweep.", e.Message);
    }
}

/// <summary>Waiting for a child process and its exit code in one call.</summary>
static class ProcessExtensions
{
    public static int WaitForExitAndCode(this Process p)
    {
        p.WaitForExit();
        return p.ExitCode;
    }
}
