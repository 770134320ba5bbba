namespace GanWorkbench.Cli.Notebooks;

/// <summary>The pages written by <see cref="NotebookRenderer.RenderSite"/>.</summary>
public sealed record RenderedSite(string Index, IReadOnlyList<string> Pages);

/// <summary>Executed notebooks → standalone offline HTML pages.</summary>
public static class NotebookRenderer
{
    /// <summary>Renders the notebooks into <paramref name="outputFolder"/>.</summary>
    public static RenderedSite RenderSite(IReadOnlyList<string> paths, string outputFolder, string? katexFolder) => throw new NotImplementedException();
}
