using System.Diagnostics;
using GanWorkbench.Native;
using GanWorkbench.Runtime;

namespace GanWorkbench.Tests.Native;

public class GlibcxxCompatTests
{
    [Theory]
    // systemHasVersion, libraryNeedsVersion, needIsWeak → action
    [InlineData(true, true, false, CompatAction.NotNeeded)]      // Ubuntu 24.04+, Debian 13+: nothing to do
    [InlineData(true, true, true, CompatAction.NotNeeded)]
    [InlineData(false, true, false, CompatAction.Apply)]         // Debian 12 / Ubuntu 22.04, fresh copy
    [InlineData(false, true, true, CompatAction.AlreadyApplied)] // idempotent
    [InlineData(false, false, false, CompatAction.NotApplicable)] // a TorchSharp that does not need it
    [InlineData(true, false, false, CompatAction.NotApplicable)]
    public void Decision_table(bool system, bool needs, bool weak, CompatAction expected) =>
        Assert.Equal(expected, GlibcxxCompat.Decide(system, needs, weak));

    // The library as NuGet shipped it: `./gwb doctor --fix` (which make test's notebook-jupyter-tests runs)
    // patches the cache copy in place and keeps the original beside it.
    static string TorchSharpNuGetCopy()
    {
        string cached = Doctor.NuGetCacheCopy() ?? throw new InvalidOperationException("TorchSharp is not in the NuGet cache: run make build");
        return File.Exists(cached + GlibcxxCompat.BackupSuffix) ? cached + GlibcxxCompat.BackupSuffix : cached;
    }

    [Fact]
    public void Reads_the_version_need_of_the_shipped_library()
    {
        var needs = ElfVersions.Needed(File.ReadAllBytes(TorchSharpNuGetCopy()), "lib");
        var need = Assert.Single(needs, n => n.Version == GlibcxxCompat.MissingVersion);
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.False(need.Weak);
    }

    [Fact]
    public void The_system_libstdcxx_is_found_and_its_versions_read()
    {
        string? path = GlibcxxCompat.FindLibStdCxx();
        Assert.NotNull(path);
        var versions = ElfVersions.Defined(File.ReadAllBytes(path!), path!);
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);
    }

    [Fact]
    public void Apply_marks_only_that_need_weak_keeps_a_backup_and_is_idempotent_and_reversible()
    {
        using var temp = new TempFolder();
        string lib = temp.File("libLibTorchSharp.so");
        File.Copy(TorchSharpNuGetCopy(), lib);
        byte[] original = File.ReadAllBytes(lib);
        string oldLibStdCxx = MakeLibStdCxx(temp, "GLIBCXX_3.4.30");

        var before = GlibcxxCompat.Inspect(lib, oldLibStdCxx);
        Assert.Equal(CompatAction.Apply, before.Action);
        var after = GlibcxxCompat.Apply(lib, keepBackup: true, oldLibStdCxx);
        Assert.Equal(CompatAction.AlreadyApplied, after.Action);
        byte[] patched = File.ReadAllBytes(lib);
        Assert.Equal(original.Length, patched.Length);
        Assert.Equal(1, original.Zip(patched).Count(p => p.First != p.Second));  // one flag bit in one byte
        Assert.Equal(original, File.ReadAllBytes(lib + GlibcxxCompat.BackupSuffix));

        Assert.Equal(CompatAction.AlreadyApplied, GlibcxxCompat.Apply(lib, keepBackup: true, oldLibStdCxx).Action);
        Assert.Equal(patched, File.ReadAllBytes(lib));

        Assert.True(GlibcxxCompat.Revert(lib));
        Assert.Equal(original, File.ReadAllBytes(lib));
        Assert.False(GlibcxxCompat.Revert(lib));
    }

    [Fact]
    public void Nothing_is_applied_where_libstdcxx_already_has_the_version()
    {
        using var temp = new TempFolder();
        string lib = temp.File("libLibTorchSharp.so");
        File.Copy(TorchSharpNuGetCopy(), lib);
        string newLibStdCxx = MakeLibStdCxx(temp, GlibcxxCompat.MissingVersion);
        var status = GlibcxxCompat.Apply(lib, keepBackup: true, newLibStdCxx);
        Assert.Equal(CompatAction.NotNeeded, status.Action);
        Assert.Equal(File.ReadAllBytes(TorchSharpNuGetCopy()), File.ReadAllBytes(lib));
        Assert.False(File.Exists(lib + GlibcxxCompat.BackupSuffix));
    }

    [Fact]
    public void Non_elf_input_is_reported()
    {
        var e = Assert.Throws<InvalidDataException>(() => ElfVersions.Needed(new byte[100], "x.so"));
        Assert.Equal("x.so: not an ELF file (bad magic)", e.Message);
    }

    /// <summary>A shared object that defines the given symbol versions, like a libstdc++ would.</summary>
    static string MakeLibStdCxx(TempFolder temp, string newest)
    {
        File.WriteAllText(temp.File("v.c"), "int gwb_probe(void) { return 1; }\n");
        File.WriteAllText(temp.File("v.map"), $"GLIBCXX_3.4 {{ global: gwb_probe; local: *; }};\n{newest} {{ }} GLIBCXX_3.4;\n");
        string so = temp.File($"libstdc++-{newest}.so");
        var psi = new ProcessStartInfo("gcc", ["-shared", "-fPIC", "-o", so, temp.File("v.c"), "-Wl,--version-script=" + temp.File("v.map")])
        { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
        return so;
    }
}
