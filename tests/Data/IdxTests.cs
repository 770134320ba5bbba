using GanWorkbench.Data;
using System.IO.Compression;

namespace GanWorkbench.Tests.Data;

public class IdxTests
{
    static byte[] Images(int count, int rows = 2, int cols = 3) =>
        Idx.Encode([count, rows, cols], Enumerable.Range(0, count * rows * cols).Select(i => (byte)(i * 7)).ToArray());

    [Fact]
    public void Parses_header_and_payload_of_an_image_file()
    {
        var array = Idx.Parse(Images(4), "x", Idx.ImagesMagic, 4);
        Assert.Equal(Idx.ImagesMagic, array.Magic);
        Assert.Equal([4, 2, 3], array.Shape);
        Assert.Equal(24, array.Data.Length);
        Assert.Equal((byte)(5 * 7), array.Data[5]);
    }

    [Fact]
    public void Reads_raw_and_gzip_files_alike()
    {
        using var temp = new TempFolder();
        var content = Images(3);
        File.WriteAllBytes(temp.File("raw"), content);
        using (var gz = new GZipStream(File.Create(temp.File("packed.gz")), CompressionLevel.Fastest)) gz.Write(content);
        Assert.Equal(content, Idx.ReadBytes(temp.File("raw")));
        Assert.Equal(content, Idx.ReadBytes(temp.File("packed.gz")));
    }

    [Fact]
    public void Truncated_payload_names_the_file_the_sizes_and_the_fix()
    {
        var content = Images(4)[..^5];
        var e = Assert.Throws<InputException>(() => Idx.Parse(content, "data/mnist/x-idx3-ubyte", Idx.ImagesMagic, 4, "./gwb data fetch mnist --force"));
        Assert.Equal("data/mnist/x-idx3-ubyte: truncated IDX file: 35 bytes, the header (4×2×3) needs 40. Re-fetch it: ./gwb data fetch mnist --force", e.Message);
    }

    [Fact]
    public void Truncated_header_is_reported_as_such()
    {
        var e = Assert.Throws<InputException>(() => Idx.Parse(Images(4)[..10], "f", Idx.ImagesMagic, 4, "FIX"));
        Assert.Equal("f: truncated IDX header: 10 bytes, the header needs 16. Re-fetch it: FIX", e.Message);
        var tiny = Assert.Throws<InputException>(() => Idx.Parse([0, 0], "f", null, null, "FIX"));
        Assert.Equal("f: truncated IDX file: 2 bytes, shorter than the 4-byte magic. Re-fetch it: FIX", tiny.Message);
    }

    [Fact]
    public void Wrong_magic_names_expected_and_actual()
    {
        var labels = Idx.Encode([4], [1, 2, 3, 4]);
        var e = Assert.Throws<InputException>(() => Idx.Parse(labels, "f", Idx.ImagesMagic, 4, "FIX"));
        Assert.Equal("f: wrong magic number 0x00000801 in the IDX header (expected 0x00000803, images). The file is not this IDX file; re-fetch it: FIX", e.Message);
        var png = new byte[] { 0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0 };
        var notIdx = Assert.Throws<InputException>(() => Idx.Parse(png, "g", null, null, "FIX"));
        Assert.Equal("g: wrong magic number 0x89504e47 in the IDX header (expected 0x000008NN). The file is not this IDX file; re-fetch it: FIX", notIdx.Message);
    }

    [Fact]
    public void Wrong_count_names_header_and_expected_counts()
    {
        var e = Assert.Throws<InputException>(() => Idx.Parse(Images(3), "f", Idx.ImagesMagic, 60000, "FIX"));
        Assert.Equal("f: IDX header says 3 items, expected 60000. Re-fetch it: FIX", e.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_an_input_error()
    {
        using var temp = new TempFolder();
        // A gzip header followed by a deflate block of reserved type 3, which no decoder accepts.
        File.WriteAllBytes(temp.File("bad.gz"), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x07, 0xff, 0xff, 0xff]);
        var e = Assert.Throws<InputException>(() => Idx.ReadBytes(temp.File("bad.gz")));
        Assert.StartsWith($"{temp.File("bad.gz")}: corrupt gzip stream", e.Message);
    }
}
