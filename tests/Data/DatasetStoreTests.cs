using GanWorkbench.Data;

namespace GanWorkbench.Tests.Data;

public class DatasetStoreTests
{
    static readonly byte[] Labels = Idx.Encode([4], [0, 1, 2, 3]);
    static readonly DatasetFile LabelFile = new("tiny-labels-idx1-ubyte", "train", false, 4, DatasetStore.Sha256(Labels));
    static readonly DatasetInfo Tiny = new("tiny", "Tiny", [LabelFile], ["a", "b", "c", "d"], []);

    [Fact]
    public void Valid_content_passes()
    {
        var array = DatasetStore.Verify(Labels, "p", Tiny, LabelFile);
        Assert.Equal([0, 1, 2, 3], array.Data);
    }

    [Fact]
    public void Checksum_mismatch_names_both_hashes_and_the_fix()
    {
        var tampered = (byte[])Labels.Clone();
        tampered[^1] = 9;
        var e = Assert.Throws<InputException>(() => DatasetStore.Verify(tampered, "data/tiny/x", Tiny, LabelFile));
        Assert.Equal($"data/tiny/x: checksum mismatch: SHA-256 of the content is {DatasetStore.Sha256(tampered)}, expected {LabelFile.Sha256}. " +
                     "The file is corrupt or not the original Tiny; re-fetch it: ./gwb data fetch tiny --force", e.Message);
    }

    [Fact]
    public void A_stored_gz_file_is_found_and_verified()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "tiny"));
        using (var gz = new System.IO.Compression.GZipStream(File.Create(Path.Combine(temp.Path, "tiny", LabelFile.FileName + ".gz")), System.IO.Compression.CompressionLevel.Fastest))
            gz.Write(Labels);
        Assert.Equal([0, 1, 2, 3], DatasetStore.Read(Tiny, LabelFile, temp.Path).Data);
        Assert.All(DatasetStore.Check(Tiny, temp.Path), c => Assert.True(c.Valid, c.Message));
    }

    [Fact]
    public void A_missing_dataset_names_the_fetch_command()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<InputException>(() => DatasetStore.Load("mnist", "train", temp.Path));
        Assert.Equal($"{Path.Combine(temp.Path, "mnist", "train-images-idx3-ubyte")}: missing (MNIST is not fetched). Fetch it: ./gwb data fetch mnist", e.Message);
    }

    [Fact]
    public void Unknown_dataset_and_split_are_input_errors()
    {
        Assert.Equal("unknown dataset 'cifar': known datasets are mnist, fashion-mnist.",
            Assert.Throws<InputException>(() => DatasetCatalog.Get("cifar")).Message);
        Assert.Equal("unknown split 'val' of mnist: use train or test.",
            Assert.Throws<InputException>(() => DatasetStore.Load("mnist", "val")).Message);
    }

    [Fact]
    public void Real_mnist_in_the_cache_verifies_and_has_the_published_label_counts()
    {
        var train = DatasetStore.Load("mnist", "train");
        Assert.Equal(60_000, train.Count);
        Assert.Equal((28, 28), (train.Rows, train.Cols));
        var counts = train.Labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], counts);
        Assert.Equal(10_000, DatasetStore.Load("fashion-mnist", "test").Count);
    }
}
