using System.Diagnostics;
using GanWorkbench.Experiments;

namespace GanWorkbench.Tests.Experiments;

/// <summary>Hostile YAML — an alias bomb, a self-referencing alias, thousands of nested brackets, a huge
/// file — is refused with its location within a second, by the one reader of experiments files,
/// reproductions files, --set values and run directories' config.yaml.</summary>
public class YamlLimitsTests
{
    /// <summary>Eleven anchors, each a list of ten aliases of the one before: 10^11 nodes in a few hundred bytes.</summary>
    public static string Bomb()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (int i = 1; i <= 11; i++) lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        return string.Join("\n", lines) + "\nexperiments: {}\n";
    }

    const string BombError = "{0}:4:45: aliases expand to more than 10000 nodes by this *a2 (anchors that repeat anchors grow exponentially). " +
                             "Write the values out, or use fewer nested aliases.";
    const string DeepError = "{0}:3:72: mappings and lists nest more than 64 deep here; no workbench file needs that many levels. " +
                             "Flatten the structure (a config nests a few levels at most).";

    static string Deep() => "experiments:\n  a:\n    seed: " + new string('[', 5000) + new string(']', 5000) + "\n";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "bomb", Bomb(), BombError },
        { "deep", Deep(), DeepError },
        { "deep-mappings", "experiments:\n  a:\n    seed: " + string.Concat(Enumerable.Repeat("{a: ", 100)) + "1" + new string('}', 100) + "\n",
          "{0}:3:255: mappings and lists nest more than 64 deep here; no workbench file needs that many levels. Flatten the structure (a config nests a few levels at most)." },
        { "self-alias", "experiments: &x\n  a: *x\n",
          "{0}:2:6: the alias *x refers to a node that contains it, which would repeat without end. Replace the alias with the values it should stand for." },
        { "long-text", "t: &t " + new string('x', 200_000) + "\nu: [*t, *t, *t, *t, *t, *t]\nexperiments: {}\n",
          "{0}:2:21: with aliases expanded the document holds more than 1024 KiB of text by this *t. Write the values out, or use fewer nested aliases." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_experiments_files_are_refused_at_their_location_within_a_second(string name, string yaml, string expected)
    {
        using var temp = new TempFolder();
        string path = temp.File($"{name}.yaml");
        File.WriteAllText(path, yaml);
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<InputException>(() => ExperimentFile.Load(path));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.Elapsed}");
        Assert.Equal(string.Format(expected, path), e.Message);
    }

    [Fact]
    public void A_few_aliases_within_the_budget_still_work()
    {
        var file = ExperimentFile.Parse("defaults:\n  model: &m {name: dcgan, latent_dim: 16, g_width: 8, d_width: 8}\n" +
                                        "experiments:\n  a: {model: *m}\n  b: {model: *m}\n", "aliases.yaml");
        Assert.Equal(16, ((GanWorkbench.Models.DcganOptions)file.Get("a").Model).LatentDim);
    }

    [Fact]
    public void A_file_over_4_MiB_is_refused_by_its_size_before_it_is_read()
    {
        using var temp = new TempFolder();
        string path = temp.File("big.yaml");
        File.WriteAllText(path, "experiments: {}\n" + new string('#', 5 * 1024 * 1024) + "\n");
        long size = new FileInfo(path).Length;
        var e = Assert.Throws<InputException>(() => ReproductionFile.Load(path, ExperimentFile.Parse("experiments:\n  a: {}\n", "e.yaml")));
        Assert.Equal($"{path}: {size} bytes (5.0 MiB); a workbench YAML file may hold at most 4 MiB. Give the right file, or split it into smaller ones.", e.Message);
        e = Assert.Throws<InputException>(() => ExperimentFile.Load(path));        // experiments files have a tighter bound of their own
        Assert.StartsWith($"{path}: {size:N0} bytes, more than the {ExperimentFile.MaxBytes:N0} (2 MB) gwb reads for this kind of file.", e.Message);
    }

    [Fact]
    public void The_same_limits_hold_for_reproductions_set_values_and_a_run_config()
    {
        using var temp = new TempFolder();
        string repro = temp.File("reproductions.yaml");
        File.WriteAllText(repro, Bomb().Replace("experiments: {}", "reproductions: {}"));
        var e = Assert.Throws<InputException>(() => ReproductionFile.Load(repro, ExperimentFile.Parse("experiments:\n  a: {}\n", "e.yaml")));
        Assert.Equal(string.Format(BombError, repro), e.Message);

        e = Assert.Throws<InputException>(() => ExperimentFile.ParseOverride("seed=" + new string('[', 100) + new string(']', 100)));
        Assert.Equal("--set seed=" + new string('[', 100) + new string(']', 100) + ":1:67: mappings and lists nest more than 64 deep here; " +
                     "no workbench file needs that many levels. Flatten the structure (a config nests a few levels at most).", e.Message);

        string config = temp.File("config.yaml");
        File.WriteAllText(config, Deep());
        e = Assert.Throws<InputException>(() => ExperimentRunner.ReadConfig(config));
        Assert.Equal(string.Format(DeepError, config), e.Message);
    }

    [Theory]
    [InlineData("bomb")]
    [InlineData("deep")]
    public void The_cli_exits_with_2_within_seconds(string name)
    {
        using var temp = new TempFolder();
        string path = temp.File($"{name}.yaml");
        File.WriteAllText(path, name == "bomb" ? Bomb() : Deep());
        var (code, stdout, stderr) = Gwb.Run(temp.File("runs"), "check", path);
        Assert.Equal((2, "", $"gwb: error: {string.Format(name == "bomb" ? BombError : DeepError, path)}\n"), (code, stdout, stderr));
    }
}
