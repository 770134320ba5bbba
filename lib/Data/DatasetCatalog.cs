namespace GanWorkbench.Data;

/// <summary>One file of a dataset: its IDX name, what it holds, and the SHA-256 of its
/// uncompressed content (the same whether it is stored raw or gzipped).</summary>
public sealed record DatasetFile(string FileName, string Split, bool IsImages, int Count, string Sha256);

/// <summary>A dataset the workbench knows: its files, class names, and where to get it.</summary>
public sealed record DatasetInfo(string Name, string Title, IReadOnlyList<DatasetFile> Files,
    IReadOnlyList<string> ClassNames, IReadOnlyList<string> WebMirrors)
{
    /// <summary>The command that (re-)fetches the dataset.</summary>
    public string FetchCommand => $"./gwb data fetch {Name} --force";

    /// <summary>The image or label file of a split (<c>train</c> or <c>test</c>).</summary>
    public DatasetFile File(string split, bool images) =>
        Files.Single(f => f.Split == split && f.IsImages == images);
}

/// <summary>The datasets, with checksums pinned in code (computed by the project from the
/// original files; MNIST also matches the MD5s LeCun's page published).</summary>
public static class DatasetCatalog
{
    /// <summary>MNIST (LeCun, Cortes, Burges): 60,000 + 10,000 handwritten digits, 28×28.</summary>
    public static readonly DatasetInfo Mnist = new("mnist", "MNIST",
    [
        new("train-images-idx3-ubyte", "train", true, 60_000, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("train-labels-idx1-ubyte", "train", false, 60_000, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("t10k-images-idx3-ubyte", "test", true, 10_000, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("t10k-labels-idx1-ubyte", "test", false, 10_000, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ],
    ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    ["https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/"]);

    /// <summary>Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 + 10,000 Zalando articles, 28×28.</summary>
    public static readonly DatasetInfo FashionMnist = new("fashion-mnist", "Fashion-MNIST",
    [
        new("train-images-idx3-ubyte", "train", true, 60_000, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        new("train-labels-idx1-ubyte", "train", false, 60_000, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        new("t10k-images-idx3-ubyte", "test", true, 10_000, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        new("t10k-labels-idx1-ubyte", "test", false, 10_000, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
    ],
    ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
    ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]);

    /// <summary>Every dataset, by name.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } = [Mnist, FashionMnist];

    /// <summary>The number of classes of a dataset's labels (10 for datasets without labels, such as the toys).</summary>
    public static int ClassCount(string name) => All.FirstOrDefault(d => d.Name == name)?.ClassNames.Count ?? 10;

    /// <summary>Looks a dataset up by name; an unknown name is an <see cref="InputException"/>.</summary>
    public static DatasetInfo Get(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new InputException($"unknown dataset '{name}': known datasets are {string.Join(", ", All.Select(d => d.Name))}.");
}
