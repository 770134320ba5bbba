using GanWorkbench.Native;

namespace GanWorkbench.Tests.Native;

/// <summary>Which oneDNN cap a process takes from the stored check (<see cref="OneDnnCheck"/>): the fast
/// kernels only where a readable verdict for this very machine says they are right.</summary>
public sealed class OneDnnVerdictTests : IDisposable
{
    readonly string data = Path.Combine(Path.GetTempPath(), "gwb-onednn-" + Guid.NewGuid().ToString("N"));
    readonly string? savedData = Environment.GetEnvironmentVariable("GWB_DATA");

    public OneDnnVerdictTests() => Environment.SetEnvironmentVariable("GWB_DATA", data);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("GWB_DATA", savedData);
        if (Directory.Exists(data)) Directory.Delete(data, true);
    }

    static OneDnnVerdict Verdict(bool correct, string? key = null) => new(key ?? OneDnnCheck.MachineKey(), "test CPU", "ALL", correct,
        new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), [new OneDnnCase("conv2d 1→8 k4 s2: input gradient", 1e-7, correct ? 2e-7 : 3.5, 2e-7)]);

    [Fact]
    public void Without_a_verdict_the_safe_cap_applies()
    {
        Assert.Null(OneDnnCheck.StoredVerdict());
        Assert.Equal("SSE41", OneDnnCheck.DefaultIsa());
    }

    [Fact]
    public void A_passed_check_lifts_the_cap_and_a_failed_one_keeps_it()
    {
        string path = OneDnnCheck.Store(Verdict(correct: true));
        Assert.Equal(Path.Combine(data, "onednn", OneDnnCheck.MachineKey() + ".json"), path);
        Assert.Equal("ALL", OneDnnCheck.DefaultIsa());
        Assert.Equal(Verdict(true).Cases, OneDnnCheck.StoredVerdict()!.Cases);

        OneDnnCheck.Store(Verdict(correct: false));
        Assert.Equal("SSE41", OneDnnCheck.DefaultIsa());
        Assert.False(OneDnnCheck.StoredVerdict()!.Cases[0].Correct);

        OneDnnCheck.Store(Verdict(correct: true) with { Isa = "AVX2" });   // right under a cap is no licence to lift it
        Assert.Equal("SSE41", OneDnnCheck.DefaultIsa());
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "onednn"), "*.tmp"));
    }

    [Fact]
    public void A_damaged_file_or_another_machines_verdict_counts_as_none()
    {
        string path = OneDnnCheck.Store(Verdict(correct: true));
        File.WriteAllText(path, "{ \"key\": ");
        Assert.Null(OneDnnCheck.StoredVerdict());
        Assert.Equal("SSE41", OneDnnCheck.DefaultIsa());

        File.WriteAllText(path, OneDnnCheck.Serialize(Verdict(correct: true, key: "0123456789abcdef")));
        Assert.Null(OneDnnCheck.StoredVerdict());
        Assert.Equal("SSE41", OneDnnCheck.DefaultIsa());
    }

    [Fact]
    public void A_verdict_round_trips_through_json_including_infinite_errors()
    {
        var verdict = Verdict(correct: false) with { Cases = [new OneDnnCase("probe process exited with code 139", double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity)] };
        var back = OneDnnCheck.Parse(OneDnnCheck.Serialize(verdict));
        Assert.Equal(verdict.Cases, back.Cases);
        Assert.Equal(verdict.Key, back.Key);
        Assert.False(back.Cases[0].Correct);
    }
}
