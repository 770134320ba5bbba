using System.Diagnostics;
using System.Text.Json;

namespace GanWorkbench.Tests.Bench;

/// <summary>`./gwb bench --quick` end to end (a tiny budget: the numbers are not checked, the shape is).</summary>
public class BenchSmokeTests
{
    [Fact]
    public void Quick_bench_writes_well_formed_json_and_the_markdown_block()
    {
        using var temp = new TempFolder();
        string json = temp.File("result.json"), markdown = temp.File("BENCHMARKS.md");
        File.WriteAllText(markdown, "# Benchmarks\n\n## Training results\nkept\n");
        var (code, output) = Gwb("bench", "--quick", "--device", "cpu", "--models", "dcgan-ns,mlp-vae", "--skip", "pytorch,notebooks",
            "--output", json, "--update-benchmarks", markdown);
        Assert.True(code == 0, output);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal("gwb-bench/1", root.GetProperty("schema").GetString());
        Assert.True(root.GetProperty("quick").GetBoolean());
        Assert.Equal("cpu", root.GetProperty("device").GetString());
        Assert.Equal([128, 256], root.GetProperty("ceiling").GetProperty("sizes").EnumerateArray().Select(s => s.GetProperty("n").GetInt32()));
        Assert.Equal(60000, root.GetProperty("data_loading").GetProperty("examples").GetInt32());

        var models = root.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["dcgan-ns", "mlp-vae"], models.Select(m => m.GetProperty("model").GetString()));
        foreach (var m in models)
        {
            Assert.Equal(8, m.GetProperty("batch").GetInt32());
            Assert.Equal(JsonValueKind.Null, m.GetProperty("error").ValueKind);
            var epoch = m.GetProperty("epoch");
            Assert.Equal(3, epoch.GetProperty("steps").GetInt32());
            Assert.Equal(7500, epoch.GetProperty("steps_per_epoch").GetInt32());
            Assert.True(epoch.GetProperty("peak_resident_mib").GetDouble() > 0);
            var speed = m.GetProperty("speed");
            Assert.Equal(2, speed.GetProperty("rounds").GetInt32());
            var bare = speed.GetProperty("loops").GetProperty("bare");
            Assert.Equal(2, bare.GetProperty("step_seconds").GetProperty("count").GetInt32());
            Assert.True(bare.GetProperty("images_per_second").GetDouble() > 0);
            Assert.StartsWith("skipped", m.GetProperty("missing").GetProperty("pytorch").GetString());
        }
        // Both models ran through the bare loop and the workbench's; only the GAN has the EMA variant.
        foreach (var m in models)
        {
            var speed = m.GetProperty("speed");
            Assert.Equal(2, speed.GetProperty("loops").GetProperty("workbench").GetProperty("step_seconds").GetProperty("count").GetInt32());
            Assert.Equal(2, speed.GetProperty("ratios").GetProperty("workbench_over_bare").GetProperty("count").GetInt32());
            Assert.Equal("workbench (run loop)", m.GetProperty("epoch").GetProperty("loop").GetString());
            Assert.Equal(GanWorkbench.Native.TorchLoader.OneDnnIsa, m.GetProperty("one_dnn_isa").GetString());   // the workers inherit the cap
        }
        Assert.Equal(["bare", "workbench", "workbench_ema"], models[0].GetProperty("speed").GetProperty("loops").EnumerateObject().Select(p => p.Name));
        Assert.Equal("the EMA of generator weights applies to GANs only", models[1].GetProperty("missing").GetProperty("workbench_ema").GetString());

        string text = File.ReadAllText(markdown);
        Assert.StartsWith("# Benchmarks\n\n## Training results\nkept\n\n## Speed\n\n<!-- gwb-bench:begin", text);
        Assert.Contains("**QUICK run: tiny budgets, the numbers below mean nothing.**", text);
        Assert.Contains("| dcgan-ns | 8 | ", text);
        Assert.EndsWith("<!-- gwb-bench:end -->\n", text);
    }

    [Fact]
    public void Bad_part_names_exit_with_code_2_and_say_why()
    {
        var (code, output) = Gwb("bench", "--only", "gpu");
        Assert.Equal(2, code);
        Assert.Contains("gwb: error: --only: 'gpu' is not a benchmark part", output);
    }

    /// <summary>Runs the CLI built next to the tests (gwb.dll) and returns its exit code and output.</summary>
    static (int Code, string Output) Gwb(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gwb.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
