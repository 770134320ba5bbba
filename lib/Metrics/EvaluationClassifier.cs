using System.Text.Json;
using System.Text.Json.Serialization;
using GanWorkbench.Data;
using GanWorkbench.Models;
using GanWorkbench.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>What is recorded beside a classifier's weights (<c>data/classifiers/&lt;dataset&gt;-lenet.json</c>).</summary>
/// <param name="Dataset">mnist or fashion-mnist.</param>
/// <param name="Architecture">Network class (<see cref="LeNetClassifier"/>).</param>
/// <param name="WeightsSha256">SHA-256 of the weights file; checked at every load.</param>
/// <param name="TestAccuracy">Accuracy on the 10,000 test images, in [0, 1].</param>
/// <param name="Epochs">Training epochs.</param>
/// <param name="Seed">Training seed.</param>
/// <param name="TrainingSeconds">Wall-clock training time, including loading the data.</param>
/// <param name="Threads">Torch CPU threads during training.</param>
/// <param name="Device">Training device.</param>
/// <param name="TorchSharp">TorchSharp version that wrote the weights.</param>
/// <param name="CreatedUtc">When training finished (ISO 8601).</param>
public sealed record ClassifierInfo(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("weights_sha256")] string WeightsSha256,
    [property: JsonPropertyName("test_accuracy")] double TestAccuracy,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("training_seconds")] double TrainingSeconds,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("torchsharp")] string TorchSharp,
    [property: JsonPropertyName("created_utc")] string CreatedUtc);

/// <summary>
/// The trained evaluation classifier of a dataset, loaded from the cache in <c>data/classifiers/</c>
/// (weights + a JSON <see cref="ClassifierInfo"/> holding their SHA-256). Missing weights are trained
/// on first use (<see cref="LoadOrTrain"/>, or <c>./gwb data classifier</c>); weights whose hash does not
/// match are refused. Inference helpers run in eval mode, under no_grad, in batches, on the
/// classifier's device. Metrics that use it: <c>ClassifierFid</c>, <c>MnistScore</c>,
/// <c>ClassCoverage</c>, <c>PrecisionRecall</c>, <c>StackedMnistModes</c>.
/// </summary>
public sealed class EvaluationClassifier : IDisposable
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    static readonly object TrainGate = new();

    /// <summary>The network (eval mode).</summary>
    public LeNetClassifier Network { get; }
    /// <summary>Its training record.</summary>
    public ClassifierInfo Info { get; }
    /// <summary>Where the network lives.</summary>
    public Device Device { get; }

    EvaluationClassifier(LeNetClassifier network, ClassifierInfo info, Device device)
    {
        Network = network; Info = info; Device = device;
        network.eval();
    }

    /// <summary>The weights file of a dataset's classifier.</summary>
    public static string WeightsPath(string dataset, string? dataRoot = null) =>
        Path.Combine(dataRoot ?? WorkbenchPaths.Data, "classifiers", $"{DatasetCatalog.Get(dataset).Name}-lenet.bin");

    /// <summary>The JSON record beside the weights.</summary>
    public static string InfoPath(string dataset, string? dataRoot = null) => Path.ChangeExtension(WeightsPath(dataset, dataRoot), ".json");

    /// <summary>The command that (re)trains a dataset's classifier.</summary>
    public static string TrainCommand(string dataset) => $"./gwb data classifier {dataset} --force";

    /// <summary>Reads and checks the cache without loading torch: the record when the weights are
    /// present and their SHA-256 matches it, else an <see cref="InputException"/> naming the file,
    /// the problem and the fix.</summary>
    public static ClassifierInfo Verify(string dataset, string? dataRoot = null)
    {
        string weights = WeightsPath(dataset, dataRoot), infoPath = InfoPath(dataset, dataRoot);
        if (!File.Exists(weights) || !File.Exists(infoPath))
            throw new InputException($"{(File.Exists(weights) ? infoPath : weights)}: missing (the {dataset} evaluation classifier is not trained). " +
                                     $"Train it: ./gwb data classifier {dataset}");
        ClassifierInfo? info;
        try { info = JsonSerializer.Deserialize<ClassifierInfo>(InputFiles.ReadAllText(infoPath, 1 << 20, $"Retrain: {TrainCommand(dataset)}")); }
        catch (JsonException e) { throw new InputException($"{infoPath}: not a classifier record ({e.Message}). Retrain: {TrainCommand(dataset)}"); }
        if (info?.WeightsSha256 is not { Length: 64 })
            throw new InputException($"{infoPath}: weights_sha256 is missing. Retrain: {TrainCommand(dataset)}");
        string actual = DatasetStore.Sha256(InputFiles.ReadAllBytes(weights, 256L << 20, $"Retrain: {TrainCommand(dataset)}"));
        if (actual != info.WeightsSha256)
            throw new InputException($"{weights}: checksum mismatch: SHA-256 is {actual}, {Path.GetFileName(infoPath)} records {info.WeightsSha256}. " +
                                     $"Retrain: {TrainCommand(dataset)}");
        return info;
    }

    /// <summary>Loads a verified classifier onto <paramref name="device"/>.</summary>
    public static EvaluationClassifier Load(string dataset, Device device, string? dataRoot = null)
    {
        var info = Verify(dataset, dataRoot);
        TorchLoader.EnsureLoaded();
        var net = new LeNetClassifier(DatasetCatalog.Get(dataset).ClassNames.Count);
        net.load(WeightsPath(dataset, dataRoot));
        net.to(device);
        return new EvaluationClassifier(net, info, device);
    }

    /// <summary>Loads the cached classifier, training it first when it is missing (not when it is
    /// corrupt: that is an error, so a bad file is never silently replaced).</summary>
    public static EvaluationClassifier LoadOrTrain(string dataset, Device device, string? dataRoot = null, Action<string>? log = null)
    {
        lock (TrainGate)
        {
            if (!File.Exists(WeightsPath(dataset, dataRoot)) && !File.Exists(InfoPath(dataset, dataRoot)))
                Train(dataset, device, null, dataRoot, log);
        }
        return Load(dataset, device, dataRoot);
    }

    /// <summary>Trains a classifier and stores it (weights first, then the record; each written to a
    /// temporary file and renamed, so the cache never holds a half-written file).</summary>
    public static ClassifierInfo Train(string dataset, Device device, ClassifierTrainingOptions? options = null,
        string? dataRoot = null, Action<string>? log = null)
    {
        options ??= ClassifierTrainingOptions.ForDataset(dataset);
        var outcome = ClassifierTraining.Train(dataset, device, options, dataRoot, log);
        using var net = outcome.Network;
        string weights = WeightsPath(dataset, dataRoot), infoPath = InfoPath(dataset, dataRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(weights)!);
        string suffix = $".{Environment.ProcessId}.tmp";
        try
        {
            net.save(weights + suffix);
            var info = new ClassifierInfo(DatasetCatalog.Get(dataset).Name, nameof(LeNetClassifier),
                DatasetStore.Sha256(File.ReadAllBytes(weights + suffix)), outcome.TestAccuracy, options.Epochs, options.Seed,
                Math.Round(outcome.Seconds, 1), outcome.Threads, device.ToString(), TorchLoader.TorchSharpVersion,
                DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
            File.WriteAllText(infoPath + suffix, JsonSerializer.Serialize(info, Json));
            File.Move(weights + suffix, weights, overwrite: true);
            File.Move(infoPath + suffix, infoPath, overwrite: true);
            return info;
        }
        catch
        {
            foreach (var temp in new[] { weights + suffix, infoPath + suffix })
                try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>Penultimate features (N, 128) and class probabilities (N, classes) of images
    /// (N, 1, 28, 28) in the given pixel scale, computed in batches under no_grad; both float32 on
    /// the classifier's device.</summary>
    public ClassifierOutputs Evaluate(Tensor images, PixelScale scale = PixelScale.Tanh, int batchSize = 1000)
    {
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != 28 || images.shape[3] != 28)
            throw new ArgumentException($"expected images (N, 1, 28, 28), got ({string.Join(", ", images.shape)})", nameof(images));
        using var noGrad = no_grad();
        var features = new List<Tensor>();
        var probabilities = new List<Tensor>();
        using var scope = NewDisposeScope();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            var batch = images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start)).to(Device).to_type(ScalarType.Float32);
            if (scale == PixelScale.ZeroOne) batch = batch.mul(2).sub(1);            // classifier expects [−1, 1]
            var f = Network.Features(batch);                                        // (b, 128)
            features.Add(f);
            probabilities.Add(nn.functional.softmax(Network.Logits(f), 1));         // (b, classes)
        }
        return new ClassifierOutputs(cat(features, 0).MoveToOuterDisposeScope(), cat(probabilities, 0).MoveToOuterDisposeScope());
    }

    /// <summary>Frees the network.</summary>
    public void Dispose() => Network.Dispose();
}

/// <summary>Classifier outputs for a set of images; the caller owns (and disposes) both tensors.</summary>
/// <param name="Features">(N, 128) penultimate activations.</param>
/// <param name="Probabilities">(N, classes) softmax outputs.</param>
public sealed record ClassifierOutputs(Tensor Features, Tensor Probabilities) : IDisposable
{
    /// <summary>Predicted class per image, as host integers.</summary>
    public int[] PredictedLabels()
    {
        using var argmax = Probabilities.argmax(1).cpu();
        return argmax.data<long>().ToArray().Select(l => (int)l).ToArray();
    }

    /// <summary>Frees both tensors.</summary>
    public void Dispose() { Features.Dispose(); Probabilities.Dispose(); }
}
