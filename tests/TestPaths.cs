namespace GanWorkbench.Tests;

/// <summary>Scratch folders for tests, removed on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>The folder.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gwb-test-" + Guid.NewGuid().ToString("N")[..12]);

    public TempFolder() { Directory.CreateDirectory(Path); }

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
