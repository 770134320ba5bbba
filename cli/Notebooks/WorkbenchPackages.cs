using System.Xml.Linq;

namespace GanWorkbench.Cli.Notebooks;

/// <summary>The package versions the workbench builds with (<c>Directory.Packages.props</c> at the repository root).</summary>
public static class WorkbenchPackages
{
    static readonly Lazy<IReadOnlyDictionary<string, string>> Versions = new(Read);

    /// <summary>The pinned version of <paramref name="package"/>; <c>TorchSharp-cpu</c> / <c>TorchSharp-cuda-*</c> carry TorchSharp's. Null when not pinned.</summary>
    public static string? Version(string package) =>
        Versions.Value.TryGetValue(package, out var v) ? v
        : package.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase) ? Versions.Value.GetValueOrDefault("TorchSharp") : null;

    static IReadOnlyDictionary<string, string> Read()
    {
        string file = Path.Combine(WorkbenchPaths.Root, "Directory.Packages.props");
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(file)) return result;
        foreach (var item in XDocument.Load(file).Descendants("PackageVersion"))
            if (item.Attribute("Include")?.Value is { } name && item.Attribute("Version")?.Value is { } version) result[name] = version;
        return result;
    }
}
