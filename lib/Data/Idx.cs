using System.Buffers.Binary;
using System.IO.Compression;

namespace GanWorkbench.Data;

/// <summary>The header and payload of one IDX file (LeCun's MNIST format): big-endian magic
/// <c>0x0000 TT DD</c> (TT = 0x08 unsigned bytes, DD = number of dimensions), then DD big-endian
/// int32 sizes, then the data in row-major order.</summary>
public sealed record IdxArray(int Magic, IReadOnlyList<int> Shape, byte[] Data)
{
    /// <summary>Number of items (the first dimension).</summary>
    public int Count => Shape[0];
}

/// <summary>Reads IDX files, raw or gzip-compressed, with errors that name the file and the fix.</summary>
public static class Idx
{
    /// <summary>Magic of an image file: unsigned bytes, 3 dimensions (count, rows, cols).</summary>
    public const int ImagesMagic = 0x00000803;
    /// <summary>Magic of a label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads and decompresses (when the content starts with the gzip magic) a file; a file that is
    /// not a regular file or that this user may not read is an <see cref="InputException"/> (<see cref="InputFiles"/>).
    /// <paramref name="refetch"/> is the command quoted in errors.</summary>
    public static byte[] ReadBytes(string path, string refetch = "./gwb data fetch") =>
        Decode(InputFiles.ReadAllBytes(path), path, $"Delete it and re-fetch it: {refetch}");

    /// <summary>Decompresses gzip content (detected by its magic); returns other content as is. <paramref name="fix"/>
    /// is the sentence a corrupt stream's error ends with.</summary>
    public static byte[] Decode(byte[] raw, string path, string fix = "Delete it and re-fetch it: ./gwb data fetch")
    {
        if (raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
        {
            try
            {
                using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
                using var output = new MemoryStream();
                gz.CopyTo(output);
                return output.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new InputException($"{path}: corrupt gzip stream ({e.Message}). {fix}");
            }
        }
        return raw;
    }

    /// <summary>Parses IDX content. <paramref name="expectedMagic"/> and
    /// <paramref name="expectedCount"/> are checked when given; <paramref name="refetch"/> is the
    /// command quoted in errors.</summary>
    public static IdxArray Parse(byte[] content, string path, int? expectedMagic = null, int? expectedCount = null,
        string refetch = "./gwb data fetch")
    {
        if (content.Length < 4)
            throw new InputException($"{path}: truncated IDX file: {content.Length} bytes, shorter than the 4-byte magic. Re-fetch it: {refetch}");
        int magic = BinaryPrimitives.ReadInt32BigEndian(content);
        int dims = magic & 0xff, type = (magic >> 8) & 0xff;
        if ((magic >> 16) != 0 || type != 0x08 || dims < 1 || dims > 4 || (expectedMagic is int m && magic != m))
            throw new InputException($"{path}: wrong magic number 0x{magic:x8} in the IDX header" +
                (expectedMagic is int e ? $" (expected 0x{e:x8}, {(e == ImagesMagic ? "images" : "labels")})" : " (expected 0x000008NN)") +
                $". The file is not this IDX file; re-fetch it: {refetch}");
        int header = 4 + 4 * dims;
        if (content.Length < header)
            throw new InputException($"{path}: truncated IDX header: {content.Length} bytes, the header needs {header}. Re-fetch it: {refetch}");
        var shape = new int[dims];
        long items = 1;
        for (int i = 0; i < dims; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(4 + 4 * i));
            if (shape[i] < 0)
                throw new InputException($"{path}: IDX header field size[{i}] = {shape[i]} is negative. Re-fetch it: {refetch}");
            items *= shape[i];
        }
        if (expectedCount is int n && shape[0] != n)
            throw new InputException($"{path}: IDX header says {shape[0]} items, expected {n}. Re-fetch it: {refetch}");
        long expectedLength = header + items;
        if (content.Length != expectedLength)
            throw new InputException($"{path}: {(content.Length < expectedLength ? "truncated" : "oversized")} IDX file: " +
                $"{content.Length} bytes, the header ({string.Join("×", shape)}) needs {expectedLength}. Re-fetch it: {refetch}");
        return new IdxArray(magic, shape, content.AsSpan(header).ToArray());
    }

    /// <summary>Writes an IDX file of unsigned bytes (used by tests and fixtures).</summary>
    public static byte[] Encode(IReadOnlyList<int> shape, byte[] data)
    {
        var bytes = new byte[4 + 4 * shape.Count + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x0800 | shape.Count);
        for (int i = 0; i < shape.Count; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), shape[i]);
        data.CopyTo(bytes, 4 + 4 * shape.Count);
        return bytes;
    }
}
