using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>Every checkpoint carries a manifest (size and SHA-256 of each file, the config's hash); a
/// byte flipped anywhere in any of its files is refused with the command that resumes from the
/// checkpoint before it, and the run resumed that way ends bit for bit as the uninterrupted one.</summary>
public class CheckpointManifestTests
{
    static ExperimentSpec Small() => ExperimentFile.Load().Get("quickstart", quick: true,
        ["device=cpu", "threads=1", "model={name: dcgan, latent_dim: 16, g_width: 8, d_width: 8}", "data.batch_size=8",
         "budget={steps: 6}", "log_every=2", "checkpoint_every=2", "sample_every=0", "ema_decay=0.9"]);

    static void Flip(string path, long at)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = at;
        int b = stream.ReadByte();
        stream.Position = at;
        stream.WriteByte((byte)(b ^ 0x01));
    }

    [Fact]
    public void A_checkpoint_lists_every_file_with_size_and_sha256_and_the_config_hash()
    {
        using var temp = new TempFolder();
        var run = ExperimentRunner.Run(Small(), new RunOptions { RunsRoot = temp.Path });
        string folder = Path.Combine(run.Directory.Path, "checkpoints", "step-00000006");
        var manifest = CheckpointManifest.Read(folder, out var problem)!;
        Assert.Null(problem);
        Assert.Equal((1, 6L), (manifest.Format, manifest.Step));
        Assert.Equal(CheckpointManifest.Sha256Of(run.Directory.File("config.yaml")), manifest.ConfigSha256);
        Assert.Equal(Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != "manifest.json").Order(StringComparer.Ordinal),
                     manifest.Files.Select(f => f.Name));
        foreach (var f in manifest.Files)
            Assert.Equal((new FileInfo(Path.Combine(folder, f.Name)).Length, CheckpointManifest.Sha256Of(Path.Combine(folder, f.Name))), (f.Size, f.Sha256));
        Assert.Equal(["step-00000004", "step-00000006"], Directory.GetDirectories(Path.Combine(run.Directory.Path, "checkpoints")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_byte_flipped_at_the_start_middle_or_end_of_any_file_is_refused_with_the_command_to_resume_from_the_checkpoint_before()
    {
        using var temp = new TempFolder();
        var run = ExperimentRunner.Run(Small(), new RunOptions { RunsRoot = temp.Path });
        string dir = run.Directory.Path, folder = Path.Combine(dir, "checkpoints", "step-00000006");
        string fix = $"the checkpoint of step 6 cannot be trusted. Resume from the checkpoint before it: ./gwb resume {dir} --from-checkpoint 4";
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["config.yaml", "discriminator.pt", "generator.pt", "generator_ema.pt", "manifest.json", "optimizer_d.pt", "optimizer_g.pt", "state.json"],
                     files.Select(Path.GetFileName));
        int cases = 0;
        foreach (var file in files)
            foreach (long at in new[] { 0, new FileInfo(file).Length / 2, new FileInfo(file).Length - 1 })
            {
                Flip(file, at);
                var e = Assert.Throws<InputException>(() => Checkpoints.Latest(dir));
                Assert.StartsWith(folder + Path.DirectorySeparatorChar, e.Message);
                Assert.EndsWith(fix, e.Message);
                if (Path.GetFileName(file) != "manifest.json")
                    Assert.Equal($"{file}: its SHA-256 differs from the one the manifest recorded (the file was changed or damaged); {fix}", e.Message);
                Flip(file, at);
                cases++;
            }
        Assert.Equal(24, cases);
        Assert.Equal(6, Checkpoints.Latest(dir)!.Step);                          // each flip undone: the checkpoint verifies again
    }

    [Fact]
    public void A_missing_or_added_file_is_refused_and_resume_from_the_earlier_checkpoint_ends_as_the_uninterrupted_run()
    {
        using var temp = new TempFolder();
        var whole = ExperimentRunner.Run(Small(), new RunOptions { RunsRoot = Path.Combine(temp.Path, "whole") });
        var damaged = ExperimentRunner.Run(Small(), new RunOptions { RunsRoot = Path.Combine(temp.Path, "damaged") });
        string dir = damaged.Directory.Path, folder = Path.Combine(dir, "checkpoints", "step-00000006");
        damaged.Directory.WriteStatus(damaged.Status with { State = RunState.Interrupted });
        string fix = $"the checkpoint of step 6 cannot be trusted. Resume from the checkpoint before it: ./gwb resume {dir} --from-checkpoint 4";

        File.WriteAllText(Path.Combine(folder, "extra.pt"), "x");
        Assert.Equal($"{Path.Combine(folder, "extra.pt")}: not in the manifest (a file added after the checkpoint was written); {fix}",
                     Assert.Throws<InputException>(() => Checkpoints.Latest(dir)).Message);
        File.Delete(Path.Combine(folder, "extra.pt"));
        File.Delete(Path.Combine(folder, "optimizer_d.pt"));
        Assert.Equal($"{Path.Combine(folder, "optimizer_d.pt")}: missing (the manifest lists it); {fix}",
                     Assert.Throws<InputException>(() => ExperimentRunner.Resume(dir, fromCheckpoint: null)).Message);
        Assert.Equal($"{Path.Combine(folder, "optimizer_d.pt")}: missing (the manifest lists it); {fix}",
                     Assert.Throws<InputException>(() => RunReport.Build(damaged.Directory)).Message);

        var resumed = ExperimentRunner.Resume(dir, fromCheckpoint: 4);
        Assert.True(resumed.Completed);
        foreach (var name in new[] { "generator.pt", "generator_ema.pt", "discriminator.pt", "optimizer_g.pt", "optimizer_d.pt" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Directory.Path, "checkpoints", "step-00000006", name)), File.ReadAllBytes(Path.Combine(folder, name)));
        Assert.Equal(whole.History.Select(m => m.Values.ToList()), resumed.History.Select(m => m.Values.ToList()));

        var e = Assert.Throws<InputException>(() => ExperimentRunner.Resume(dir, fromCheckpoint: 3));
        Assert.Equal($"{Path.Combine(dir, "checkpoints")}: no checkpoint of step 3; the run has 4, 6. Give one of them to --from-checkpoint, " +
                     $"or 0 to start the run over: ./gwb resume {dir} --from-checkpoint 0", e.Message);
    }
}
