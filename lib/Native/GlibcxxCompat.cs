// This file is compiled twice: into the GanWorkbench library, and by MSBuild's
// RoslynCodeTaskFactory into the build task of Directory.Build.targets, which patches the
// libLibTorchSharp.so of every build output. That compiler targets netstandard2.0: no records,
// spans, ranges or newer File APIs here.
#nullable enable
#pragma warning disable CA1837, CA2249 // netstandard2.0 (the MSBuild task compiler) lacks the suggested APIs
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace GanWorkbench.Native;


/// <summary>What the compat fix should do for one copy of <c>libLibTorchSharp.so</c>.</summary>
public enum CompatAction
{
    /// <summary>The system's libstdc++ defines the version: nothing to do.</summary>
    NotNeeded,
    /// <summary>The library does not ask for the version at all (another TorchSharp build).</summary>
    NotApplicable,
    /// <summary>The need is already weak: the fix is in place.</summary>
    AlreadyApplied,
    /// <summary>The need must be marked weak before TorchSharp can load.</summary>
    Apply,
}

/// <summary>The state of one copy of libLibTorchSharp.so against this system's libstdc++.</summary>
public sealed class CompatStatus
{
    /// <summary>Creates the status.</summary>
    public CompatStatus(string libraryPath, string? libStdCxxPath, bool systemHasVersion, bool libraryNeedsVersion,
        bool needIsWeak, CompatAction action)
    {
        LibraryPath = libraryPath; LibStdCxxPath = libStdCxxPath; SystemHasVersion = systemHasVersion;
        LibraryNeedsVersion = libraryNeedsVersion; NeedIsWeak = needIsWeak; Action = action;
    }
    /// <summary>The copy of libLibTorchSharp.so inspected.</summary>
    public string LibraryPath { get; }
    /// <summary>The libstdc++ it was checked against (null: none found).</summary>
    public string? LibStdCxxPath { get; }
    /// <summary>Whether that libstdc++ defines <see cref="GlibcxxCompat.MissingVersion"/>.</summary>
    public bool SystemHasVersion { get; }
    /// <summary>Whether the library needs that version.</summary>
    public bool LibraryNeedsVersion { get; }
    /// <summary>Whether the need is already weak (fix applied).</summary>
    public bool NeedIsWeak { get; }
    /// <summary>What to do.</summary>
    public CompatAction Action { get; }
}

/// <summary>
/// Makes TorchSharp 0.107's native bridge load on systems whose libstdc++ predates GCC 13
/// (Debian 12, Ubuntu 22.04: <c>GLIBCXX_3.4.30</c>).
/// <para>
/// Why it fails: <c>libLibTorchSharp.so</c> was linked against GCC 13's libstdc++ and records a need
/// for version <c>GLIBCXX_3.4.32</c>. Exactly one symbol carries that version,
/// <c>std::ios_base_library_init()</c>, an anchor GCC 13 emits into every object that includes
/// &lt;iostream&gt;: it is declared but never called (the library has no relocation against it), so the
/// only thing that breaks is the loader's version check.
/// </para>
/// <para>
/// The fix: mark that need weak (VER_FLG_WEAK in <c>.gnu.version_r</c>) in the copy that gets loaded.
/// A missing weak version is not fatal to ld.so. The iostream objects the anchor would initialise are
/// initialised anyway by libc10 and libtorch_cpu, which are loaded (and run their constructors)
/// before libLibTorchSharp. No system file is touched; the patched file is written next to the
/// original and renamed over it, so a hard link into the NuGet cache is replaced, not written through.
/// </para>
/// </summary>
public static class GlibcxxCompat
{
    /// <summary>The version libLibTorchSharp.so 0.107 needs and older libstdc++ lacks.</summary>
    public const string MissingVersion = "GLIBCXX_3.4.32";
    /// <summary>Suffix of the untouched copy kept by <see cref="Apply"/> when asked to.</summary>
    public const string BackupSuffix = ".gwb-original";

    /// <summary>The decision, from facts alone (unit-tested).</summary>
    public static CompatAction Decide(bool systemHasVersion, bool libraryNeedsVersion, bool needIsWeak) =>
        !libraryNeedsVersion ? CompatAction.NotApplicable
        : systemHasVersion ? CompatAction.NotNeeded
        : needIsWeak ? CompatAction.AlreadyApplied
        : CompatAction.Apply;

    /// <summary>Inspects one copy of libLibTorchSharp.so against the libstdc++ at
    /// <paramref name="libStdCxxPath"/> (default: the one this process uses).</summary>
    public static CompatStatus Inspect(string libraryPath, string? libStdCxxPath = null)
    {
        libStdCxxPath ??= FindLibStdCxx();
        bool systemHas = libStdCxxPath is not null
            && ElfVersions.Defined(File.ReadAllBytes(libStdCxxPath), libStdCxxPath).Contains(MissingVersion);
        var needs = ElfVersions.Needed(File.ReadAllBytes(libraryPath), libraryPath)
            .Where(n => n.Version == MissingVersion).ToList();
        bool weak = needs.Count > 0 && needs.All(n => n.Weak);
        return new CompatStatus(libraryPath, libStdCxxPath, systemHas, needs.Count > 0, weak,
            Decide(systemHas, needs.Count > 0, weak));
    }

    /// <summary>
    /// Applies the fix to <paramref name="libraryPath"/> if <see cref="Inspect"/> says so; idempotent.
    /// With <paramref name="keepBackup"/>, the original is kept as <c>…​.gwb-original</c> so that
    /// <see cref="Revert"/> can restore it. The file's timestamp is preserved, so MSBuild's
    /// incremental copy sees it as unchanged and does not copy the unpatched file back.
    /// </summary>
    public static CompatStatus Apply(string libraryPath, bool keepBackup = false, string? libStdCxxPath = null)
    {
        var status = Inspect(libraryPath, libStdCxxPath);
        if (status.Action != CompatAction.Apply) return status;

        byte[] image = File.ReadAllBytes(libraryPath);
        ElfVersions.MarkNeedWeak(image, MissingVersion, libraryPath);
        var stamp = File.GetLastWriteTimeUtc(libraryPath);
        string temp = libraryPath + ".gwb-tmp-" + System.Diagnostics.Process.GetCurrentProcess().Id;
        try
        {
            File.Copy(libraryPath, temp, overwrite: true);      // a copy keeps the file mode
            File.WriteAllBytes(temp, image);
            File.SetLastWriteTimeUtc(temp, stamp);
            if (keepBackup && !File.Exists(libraryPath + BackupSuffix))
                File.Copy(libraryPath, libraryPath + BackupSuffix);
            File.Replace(temp, libraryPath, null);               // rename(2): atomic, breaks hard links
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return Inspect(libraryPath, libStdCxxPath);
    }

    /// <summary>Restores the original kept by <see cref="Apply"/> with a backup. Returns false when
    /// there is no backup (nothing was patched there).</summary>
    public static bool Revert(string libraryPath)
    {
        string backup = libraryPath + BackupSuffix;
        if (!File.Exists(backup)) return false;
        File.Replace(backup, libraryPath, null);
        return true;
    }

    /// <summary>
    /// The libstdc++.so.6 that native libraries loaded into this process bind to: the one already
    /// mapped (the .NET runtime itself links it), else the first found on LD_LIBRARY_PATH or in the
    /// usual system folders. Null when none is found (e.g. not Linux).
    /// </summary>
    public static string? FindLibStdCxx()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
        const string maps = "/proc/self/maps";
        if (File.Exists(maps))
        {
            foreach (var line in File.ReadLines(maps))
            {
                int slash = line.IndexOf('/');
                if (slash >= 0 && line.IndexOf("/libstdc++.so", StringComparison.Ordinal) >= 0)
                    return line.Substring(slash).Trim();
            }
        }
        var folders = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "")
            .Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                     "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib" });
        return folders.Select(f => Path.Combine(f, "libstdc++.so.6")).FirstOrDefault(File.Exists);
    }
}


/// <summary>One entry of an ELF object's <c>.gnu.version_r</c> table: "this object needs
/// <see cref="Version"/> from <see cref="File"/>". A weak need is not fatal to the loader when the
/// version is missing.</summary>
public sealed class ElfVersionNeed
{
    /// <summary>Creates the entry.</summary>
    public ElfVersionNeed(string file, string version, bool weak, int flagsOffset)
    {
        File = file; Version = version; Weak = weak; FlagsOffset = flagsOffset;
    }
    /// <summary>The library the version is needed from (e.g. libstdc++.so.6).</summary>
    public string File { get; }
    /// <summary>The version name (e.g. GLIBCXX_3.4.32).</summary>
    public string Version { get; }
    /// <summary>Whether VER_FLG_WEAK is set.</summary>
    public bool Weak { get; }
    /// <summary>Byte offset of the entry's vna_flags field in the file.</summary>
    public int FlagsOffset { get; }
}

/// <summary>
/// Reads and edits GNU symbol-versioning tables of 64-bit little-endian ELF shared objects:
/// the versions an object defines (<c>.gnu.version_d</c>, e.g. libstdc++'s <c>GLIBCXX_3.4.30</c>)
/// and the versions it needs (<c>.gnu.version_r</c>). Layouts follow the LSB "Symbol Versioning"
/// specification (Elf64_Verdef/Verdaux, Elf64_Verneed/Vernaux).
/// </summary>
public static class ElfVersions
{
    const uint ShtGnuVerdef = 0x6ffffffd;
    const uint ShtGnuVerneed = 0x6ffffffe;
    /// <summary>VER_FLG_WEAK: the need may be unmet.</summary>
    public const ushort VerFlagWeak = 0x2;

    /// <summary>The version names an ELF object defines (empty when it has no version table).</summary>
    public static IReadOnlyList<string> Defined(byte[] image, string what)
    {
        var names = new List<string>();
        foreach (var section in Sections(image, what))
        {
            if (section.Type != ShtGnuVerdef) continue;
            var strtab = StringTable(image, section.Link, what);
            long entry = section.Offset;
            for (int i = 0; i < (int)section.Info; i++)
            {
                ushort count = U16(image, entry + 6, what);
                uint aux = U32(image, entry + 12, what);
                uint next = U32(image, entry + 16, what);
                if (count > 0) names.Add(CString(image, strtab + U32(image, entry + aux, what), what));
                if (next == 0) break;
                entry += next;
            }
        }
        return names;
    }

    /// <summary>The version needs of an ELF object, in table order.</summary>
    public static IReadOnlyList<ElfVersionNeed> Needed(byte[] image, string what)
    {
        var needs = new List<ElfVersionNeed>();
        foreach (var section in Sections(image, what))
        {
            if (section.Type != ShtGnuVerneed) continue;
            var strtab = StringTable(image, section.Link, what);
            long entry = section.Offset;
            for (int i = 0; i < (int)section.Info; i++)
            {
                ushort count = U16(image, entry + 2, what);
                string file = CString(image, strtab + U32(image, entry + 4, what), what);
                long aux = entry + U32(image, entry + 8, what);
                for (int j = 0; j < count; j++)
                {
                    ushort flags = U16(image, aux + 4, what);
                    string version = CString(image, strtab + U32(image, aux + 8, what), what);
                    needs.Add(new ElfVersionNeed(file, version, (flags & VerFlagWeak) != 0, checked((int)(aux + 4))));
                    uint nextAux = U32(image, aux + 12, what);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = U32(image, entry + 12, what);
                if (next == 0) break;
                entry += next;
            }
        }
        return needs;
    }

    /// <summary>Sets VER_FLG_WEAK on every need of <paramref name="version"/>, in place.
    /// Returns the number of entries changed (0 when already weak or not needed).</summary>
    public static int MarkNeedWeak(byte[] image, string version, string what)
    {
        int changed = 0;
        foreach (var need in Needed(image, what))
        {
            if (need.Version != version || need.Weak) continue;
            ushort flags = (ushort)(image[need.FlagsOffset] | (image[need.FlagsOffset + 1] << 8));
            flags |= VerFlagWeak;
            image[need.FlagsOffset] = (byte)flags;
            image[need.FlagsOffset + 1] = (byte)(flags >> 8);
            changed++;
        }
        return changed;
    }

    sealed class Section
    {
        public Section(uint type, long offset, uint link, uint info) { Type = type; Offset = offset; Link = link; Info = info; }
        public uint Type { get; }
        public long Offset { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    static List<Section> Sections(byte[] image, string what)
    {
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            throw new InvalidDataException($"{what}: not an ELF file (bad magic)");
        if (image[4] != 2 || image[5] != 1)
            throw new InvalidDataException($"{what}: only 64-bit little-endian ELF is supported (class {image[4]}, data {image[5]})");
        long shoff = checked((long)U64(image, 0x28, what));
        ushort shentsize = U16(image, 0x3A, what);
        ushort shnum = U16(image, 0x3C, what);
        if (shoff == 0 || shnum == 0) throw new InvalidDataException($"{what}: ELF file has no section headers");
        if (shentsize < 64) throw new InvalidDataException($"{what}: ELF section header size {shentsize} < 64");
        var sections = new List<Section>(shnum);
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + (long)i * shentsize;
            sections.Add(new Section(U32(image, h + 4, what), checked((long)U64(image, h + 24, what)),
                U32(image, h + 40, what), U32(image, h + 44, what)));
        }
        return sections;
    }

    static long StringTable(byte[] image, uint index, string what)
    {
        var sections = Sections(image, what);
        if (index >= sections.Count) throw new InvalidDataException($"{what}: version table links to missing section {index}");
        return sections[(int)index].Offset;
    }

    static void Check(byte[] image, long offset, int size, string what)
    {
        if (offset < 0 || offset + size > image.Length)
            throw new InvalidDataException($"{what}: truncated ELF file (needs byte {offset + size}, has {image.Length})");
    }

    static ulong Read(byte[] b, long o, int size, string what)
    {
        Check(b, o, size, what);
        ulong v = 0;
        for (int i = size - 1; i >= 0; i--) v = (v << 8) | b[o + i];   // little-endian
        return v;
    }
    static ushort U16(byte[] b, long o, string what) => (ushort)Read(b, o, 2, what);
    static uint U32(byte[] b, long o, string what) => (uint)Read(b, o, 4, what);
    static ulong U64(byte[] b, long o, string what) => Read(b, o, 8, what);

    static string CString(byte[] b, long o, string what)
    {
        Check(b, o, 1, what);
        int end = Array.IndexOf(b, (byte)0, (int)o);
        if (end < 0) throw new InvalidDataException($"{what}: unterminated string in ELF string table");
        return Encoding.ASCII.GetString(b, (int)o, end - (int)o);
    }
}

#if !GANWORKBENCH_LIBRARY
/// <summary>MSBuild task: applies <see cref="GlibcxxCompat.Apply"/> to the given files.</summary>
public sealed class ApplyGlibcxxCompat : Microsoft.Build.Utilities.Task
{
    /// <summary>Copies of libLibTorchSharp.so in a build output.</summary>
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    /// <inheritdoc/>
    public override bool Execute()
    {
        foreach (var item in Libraries)
        {
            var before = GlibcxxCompat.Inspect(item.ItemSpec);
            var after = GlibcxxCompat.Apply(item.ItemSpec);
            if (before.Action == CompatAction.Apply)
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                    "glibcxx compat: marked " + GlibcxxCompat.MissingVersion + " weak in " + item.ItemSpec
                    + " (system libstdc++: " + (before.LibStdCxxPath ?? "not found") + ") -> " + after.Action);
        }
        return !Log.HasLoggedErrors;
    }
}
#endif
