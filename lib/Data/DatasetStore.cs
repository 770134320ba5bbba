using System.Security.Cryptography;

namespace GanWorkbench.Data;

/// <summary>A split of an image dataset as bytes on the host: <c>Pixels</c> is count×rows×cols.</summary>
public sealed record LabelledImages(string Dataset, string Split, byte[] Pixels, byte[] Labels, int Count, int Rows, int Cols);

/// <summary>What <see cref="DatasetStore.Check"/> found for one file.</summary>
public sealed record FileCheck(string Path, bool Present, bool Valid, string Message);

/// <summary>
/// The verified dataset cache under <c>data/&lt;dataset&gt;/</c>. Each file may be stored raw or as
/// <c>NAME.gz</c>; its uncompressed content must match the SHA-256 pinned in
/// <see cref="DatasetCatalog"/> and its IDX header the expected magic and count, or loading fails
/// with the file, the problem and the re-fetch command — nothing trains on a bad file.
/// </summary>
public static class DatasetStore
{
    /// <summary>The folder of a dataset in a data root (default: <see cref="WorkbenchPaths.Data"/>).</summary>
    public static string Folder(DatasetInfo info, string? dataRoot = null) =>
        Path.Combine(dataRoot ?? WorkbenchPaths.Data, info.Name);

    /// <summary>The stored path of a file (raw preferred, then .gz), or null when absent.</summary>
    public static string? Locate(DatasetInfo info, DatasetFile file, string? dataRoot = null)
    {
        string raw = Path.Combine(Folder(info, dataRoot), file.FileName);
        return File.Exists(raw) ? raw : File.Exists(raw + ".gz") ? raw + ".gz" : null;
    }

    /// <summary>Loads and verifies a split (<c>train</c> or <c>test</c>).</summary>
    public static LabelledImages Load(string dataset, string split, string? dataRoot = null)
    {
        var info = DatasetCatalog.Get(dataset);
        if (split is not ("train" or "test"))
            throw new InputException($"unknown split '{split}' of {dataset}: use train or test.");
        var images = Read(info, info.File(split, images: true), dataRoot);
        var labels = Read(info, info.File(split, images: false), dataRoot);
        return new LabelledImages(info.Name, split, images.Data, labels.Data, images.Count, images.Shape[1], images.Shape[2]);
    }

    /// <summary>Reads one file, verifying hash, magic and count.</summary>
    public static IdxArray Read(DatasetInfo info, DatasetFile file, string? dataRoot = null)
    {
        string path = Locate(info, file, dataRoot)
            ?? throw new InputException($"{Path.Combine(Folder(info, dataRoot), file.FileName)}: missing ({info.Title} is not fetched). " +
                                        $"Fetch it: ./gwb data fetch {info.Name}");
        byte[] content = Idx.ReadBytes(path, info.FetchCommand);
        return Verify(content, path, info, file);
    }

    /// <summary>Verifies uncompressed content against the catalog entry and parses it.</summary>
    public static IdxArray Verify(byte[] content, string path, DatasetInfo info, DatasetFile file)
    {
        // The header is checked first: "wrong magic" or "truncated" says more than a hash mismatch.
        var array = Idx.Parse(content, path, file.IsImages ? Idx.ImagesMagic : Idx.LabelsMagic, file.Count, info.FetchCommand);
        string actual = Sha256(content);
        if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InputException($"{path}: checksum mismatch: SHA-256 of the content is {actual}, expected {file.Sha256}. " +
                                     $"The file is corrupt or not the original {info.Title}; re-fetch it: {info.FetchCommand}");
        return array;
    }

    /// <summary>Checks every file of a dataset without throwing (for <c>doctor</c>).</summary>
    public static IReadOnlyList<FileCheck> Check(DatasetInfo info, string? dataRoot = null) =>
        info.Files.Select(f =>
        {
            string? path = Locate(info, f, dataRoot);
            if (path is null) return new FileCheck(Path.Combine(Folder(info, dataRoot), f.FileName), false, false, "missing");
            try { Verify(Idx.ReadBytes(path, info.FetchCommand), path, info, f); return new FileCheck(path, true, true, "ok (SHA-256 verified)"); }
            catch (InputException e) { return new FileCheck(path, true, false, e.Message); }
        }).ToList();

    /// <summary>Lower-case hex SHA-256.</summary>
    public static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
}
