using System.Net;

namespace GanWorkbench.Experiments;

/// <summary>
/// One sentence about a committed reproduction record, for the notebooks' "What you should see" cells: the
/// measured value beside the paper's, the budget, seeds, hardware and wall time, and the command that made it.
/// Without a record the sentence says so and names the command that writes one.
/// </summary>
public static class ReproductionQuote
{
    /// <summary>The sentence as Markdown-free text.</summary>
    public static string Text(string name, string? folder = null)
    {
        string path = Path.Combine(folder ?? ReproductionTable.ResultsFolder, name + ".json");
        if (!File.Exists(path))
            return $"{name}: no committed record yet; `./gwb reproduce {name} --budget cpu` measures it and writes {Path.GetRelativePath(WorkbenchPaths.Root, path)}.";
        var r = ReproductionRecord.Read(path);
        string unit = r.Unit.Length > 0 ? " " + r.Unit : "";
        string ours = ReproductionTable.Number(r.Value) + (r.Error is double e ? $" ± {ReproductionTable.Number(e)} ({r.ErrorKind})" : "");
        string paper = r.PaperValue is double p ? $"; the paper: {ReproductionTable.Number(p)}{(r.PaperError is double pe ? $" ± {ReproductionTable.Number(pe)}" : "")}{unit}" : "";
        string seeds = r.Seeds.Count == 1 ? "seed " + r.Seeds[0] : $"{r.Seeds.Count} seeds";
        return $"{r.Paper}, {r.Target}: {r.Metric} = {ours}{unit}{paper}. Measured with the {r.Budget.ToString().ToLowerInvariant()} budget ({seeds}) " +
               $"on {r.Hardware} in {ReproductionTable.Seconds(r.WallS)}, commit {r.Commit}; `{r.Command}` reproduces it.";
    }

    /// <summary>The sentence as an HTML paragraph (what a notebook cell displays).</summary>
    public static Microsoft.AspNetCore.Html.HtmlString Html(string name, string? folder = null) =>
        new($"<p class=\"gwb-record\"><b>Reproduction record</b> — {WebUtility.HtmlEncode(Text(name, folder))}</p>");
}
