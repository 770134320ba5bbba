using System.Text.Json.Nodes;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>A NuGet package the host process (gwb, or the test host) was built with.</summary>
public sealed record HostPackage(string Name, string Version, IReadOnlyList<string> AssemblyFiles, IReadOnlyList<string> Dependencies);

/// <summary>A <c>#r "nuget: …"</c> the host cannot satisfy; the message names the package and the fix.</summary>
public sealed class PackageReferenceException(string message) : Exception(message);

/// <summary>
/// The packages of the process the runner is hosted in, read from its <c>.deps.json</c>. The runner
/// cannot download anything: <c>#r "nuget: Name, Version"</c> is satisfied by a package already in this
/// closure at a compatible version (same major version — same major.minor below 1.0 — and not older),
/// and its assemblies (with those of its dependencies) become references of the notebook.
/// <c>TorchSharp-cpu</c> / <c>TorchSharp-cuda-*</c> are bundles: TorchSharp plus a libtorch natives package.
/// </summary>
public sealed class PackageClosure
{
    readonly Dictionary<string, HostPackage> packages;

    /// <summary>A closure over the given packages.</summary>
    public PackageClosure(IEnumerable<HostPackage> packages)
    {
        this.packages = new Dictionary<string, HostPackage>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in packages) this.packages[p.Name] = p;
    }

    /// <summary>Every package, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, HostPackage> Packages => packages;

    /// <summary>The closure of the running process (its deps.json files).</summary>
    public static PackageClosure FromHost()
    {
        var files = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists).ToList();
        if (files.Count == 0) files = Directory.GetFiles(AppContext.BaseDirectory, "*.deps.json").ToList();
        return new PackageClosure(files.SelectMany(f => ReadDepsFile(f)));
    }

    /// <summary>The packages listed in one deps.json file.</summary>
    public static IEnumerable<HostPackage> ReadDepsFile(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var libraries = root["libraries"]?.AsObject() ?? new JsonObject();
        var targets = root["targets"]?.AsObject().FirstOrDefault().Value?.AsObject() ?? new JsonObject();
        foreach (var (key, entry) in targets)
        {
            if (libraries[key]?["type"]?.GetValue<string>() != "package") continue;
            int slash = key.IndexOf('/');
            var assemblies = entry?["runtime"]?.AsObject().Select(r => Path.GetFileName(r.Key)).Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToArray() ?? [];
            var dependencies = entry?["dependencies"]?.AsObject().Select(d => d.Key).ToArray() ?? [];
            yield return new HostPackage(key[..slash], key[(slash + 1)..], assemblies, dependencies);
        }
    }

    /// <summary>
    /// The assembly file names that <c>#r "nuget: name, version"</c> stands for (the package and its
    /// dependencies), or a <see cref="PackageReferenceException"/> saying why it cannot be satisfied here.
    /// </summary>
    public IReadOnlyList<string> Resolve(string name, string? version)
    {
        var roots = Bundle(name, version) ?? [Find(name, version)];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<string>();
        var stack = new Stack<HostPackage>(roots);
        while (stack.Count > 0)
        {
            var package = stack.Pop();
            if (!seen.Add(package.Name)) continue;
            files.AddRange(package.AssemblyFiles);
            foreach (var dependency in package.Dependencies)
                if (packages.TryGetValue(dependency, out var d)) stack.Push(d);
        }
        return files.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    HostPackage[]? Bundle(string name, string? version)
    {
        if (packages.ContainsKey(name) || !name.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase)) return null;
        string backend = name["TorchSharp-".Length..].ToLowerInvariant();          // cpu, cuda-linux, cuda-windows
        string nativePrefix = "libtorch-" + (backend.StartsWith("cuda", StringComparison.Ordinal) ? "cuda" : backend);
        var torch = Find("TorchSharp", version, requestedAs: name);
        var natives = packages.Values.FirstOrDefault(p => p.Name.StartsWith(nativePrefix, StringComparison.OrdinalIgnoreCase))
            ?? throw new PackageReferenceException(
                $"{name} {version}: this gwb was built with another torch backend (it has no {nativePrefix}* natives). " +
                $"Rebuild with TORCH={(backend.StartsWith("cuda", StringComparison.Ordinal) ? "cuda" : "cpu")} (make setup TORCH=…), or reference the backend this build has.");
        return [torch, natives];
    }

    HostPackage Find(string name, string? version, string? requestedAs = null)
    {
        string shown = requestedAs ?? name;
        if (!packages.TryGetValue(name, out var package))
            throw new PackageReferenceException(
                $"package {shown} is not part of the workbench's dependencies, and the runner cannot download packages " +
                $"(it runs inside gwb with the packages gwb was built with). Available: {Available()}. " +
                $"Use one of those, or add {shown} to lib/GanWorkbench.csproj (and Directory.Packages.props) and rebuild.");
        if (version is null || version == "*") return package;
        if (!Compatible(version, package.Version, out string why))
            throw new PackageReferenceException(
                $"{shown} {version} was requested but the workbench carries {shown} {package.Version} ({why}). " +
                $"Change the reference to #r \"nuget: {shown}, {package.Version}\".");
        return package;
    }

    string Available() => string.Join(", ", packages.Values.Where(p => p.AssemblyFiles.Count > 0 || p.Name.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase))
        .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Name} {p.Version}"));

    /// <summary>Whether <paramref name="available"/> satisfies a request for <paramref name="requested"/>.</summary>
    public static bool Compatible(string requested, string available, out string why)
    {
        string exact = requested.Trim();
        if (exact.StartsWith('[') && exact.EndsWith(']') && !exact.Contains(',')) exact = exact[1..^1].Trim();
        if (!TryParse(exact, out var want)) { why = $"\"{requested}\" is not a version this runner understands; pin an exact version such as 1.2.3"; return false; }
        if (!TryParse(available, out var have)) { why = $"cannot read the carried version {available}"; return false; }
        if (want.Major != have.Major || (want.Major == 0 && want.Minor != have.Minor))
        { why = "a different major version may break the notebook"; return false; }
        if (Compare(have, want) < 0) { why = "older than requested"; return false; }
        why = "";
        return true;
    }

    readonly record struct SemVer(int Major, int Minor, int Patch, int Revision, string Prerelease);

    static bool TryParse(string text, out SemVer version)
    {
        version = default;
        string core = text, pre = "";
        int dash = text.IndexOf('-');
        if (dash >= 0) { core = text[..dash]; pre = text[(dash + 1)..]; }
        int plus = pre.IndexOf('+');
        if (plus >= 0) pre = pre[..plus];
        var parts = core.Split('.');
        if (parts.Length is < 1 or > 4) return false;
        var numbers = new int[4];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i])) return false;
        version = new SemVer(numbers[0], numbers[1], numbers[2], numbers[3], pre);
        return true;
    }

    static int Compare(SemVer a, SemVer b)
    {
        int c = (a.Major, a.Minor, a.Patch, a.Revision).CompareTo((b.Major, b.Minor, b.Patch, b.Revision));
        if (c != 0) return c;
        if (a.Prerelease.Length == 0 || b.Prerelease.Length == 0) return -a.Prerelease.Length.CompareTo(0) + b.Prerelease.Length.CompareTo(0);
        return string.CompareOrdinal(a.Prerelease, b.Prerelease);
    }
}
