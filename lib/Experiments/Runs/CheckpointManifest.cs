using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanWorkbench.Experiments;

/// <summary>One file of a checkpoint as its manifest records it.</summary>
/// <param name="Name">The file name inside the checkpoint folder.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Sha256">The SHA-256 of its content, lower-case hex.</param>
public sealed record CheckpointFileEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>
/// <c>manifest.json</c> of a checkpoint folder: the step, the SHA-256 of the run's config.yaml the
/// checkpoint was written for, and every other file of the folder with its size and SHA-256. It is
/// written last (temporary file + rename), so a folder with a manifest is complete; <see cref="Verify"/>
/// finds a file missing, added, cut short or changed by a single byte.
/// </summary>
public sealed record CheckpointManifest(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("config_sha256")] string ConfigSha256,
    [property: JsonPropertyName("files")] IReadOnlyList<CheckpointFileEntry> Files)
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "manifest.json";
    /// <summary>The format this code writes.</summary>
    public const int CurrentFormat = 1;
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    /// <summary>Lists every file of <paramref name="folder"/> and writes the manifest into it, atomically.</summary>
    public static CheckpointManifest Write(string folder, long step, string configSha256)
    {
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != FileName).Order(StringComparer.Ordinal)
            .Select(n => new CheckpointFileEntry(n!, new FileInfo(Path.Combine(folder, n!)).Length, Sha256Of(Path.Combine(folder, n!)))).ToList();
        var manifest = new CheckpointManifest(CurrentFormat, step, configSha256, files);
        string path = Path.Combine(folder, FileName), temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, manifest, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        return manifest;
    }

    /// <summary>Reads a folder's manifest; null when it has none (a checkpoint from before manifests).
    /// Returns the problem in <paramref name="problem"/> when the manifest itself is unreadable.</summary>
    public static CheckpointManifest? Read(string folder, out string? problem)
    {
        problem = null;
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path));
            if (manifest?.Files is null || manifest.ConfigSha256 is null || manifest.Files.Any(f => f?.Name is null || f.Sha256 is null))
                problem = $"{path}: the manifest is incomplete (a field is missing)";
            return manifest;
        }
        catch (JsonException e)
        {
            problem = $"{path}: the manifest is not valid JSON ({e.Message})";
            return null;
        }
    }

    /// <summary>The first way <paramref name="folder"/> differs from this manifest ("FILE: what"), or null
    /// when every file is there with its recorded size and SHA-256 and no other file is.</summary>
    public string? Verify(string folder, long folderStep)
    {
        string self = Path.Combine(folder, FileName);
        if (Format != CurrentFormat) return $"{self}: format {Format}, this workbench reads format {CurrentFormat}";
        if (Step != folderStep) return $"{self}: the manifest says step {Step}, the folder step {folderStep}";
        if (Files.FirstOrDefault(f => f.Name == "config.yaml") is not { } config || config.Sha256 != ConfigSha256)
            return $"{self}: config_sha256 does not match the config.yaml it lists";
        foreach (var entry in Files)
        {
            string path = Path.Combine(folder, entry.Name);
            if (entry.Name.Contains('/') || entry.Name.Contains('\\') || entry.Name is "." or "..")
                return $"{Path.Combine(folder, FileName)}: the manifest names '{entry.Name}', which is not a file of the folder";
            if (!File.Exists(path)) return $"{path}: missing (the manifest lists it)";
            long size = new FileInfo(path).Length;
            if (size != entry.Size) return $"{path}: {size} bytes, the manifest recorded {entry.Size}";
            if (Sha256Of(path) != entry.Sha256) return $"{path}: its SHA-256 differs from the one the manifest recorded (the file was changed or damaged)";
        }
        var listed = Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            if (extra != FileName && !listed.Contains(extra!)) return $"{Path.Combine(folder, extra!)}: not in the manifest (a file added after the checkpoint was written)";
        return null;
    }
}
