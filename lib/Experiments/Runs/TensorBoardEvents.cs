using System.Buffers.Binary;
using System.Text;

namespace GanWorkbench.Experiments;

/// <summary>
/// The TensorBoard event files of a run's <c>events/</c> folder, read record by record (TFRecord framing:
/// length, its CRC, an <c>Event</c> protocol buffer, its CRC). Resuming drops the records past the
/// checkpoint, as <see cref="MetricsLog.TruncateAfter"/> does for metrics.jsonl, so the scalars of a
/// resumed run are those of the uninterrupted run; records are copied unchanged, CRCs included.
/// </summary>
public static class TensorBoardEvents
{
    /// <summary>The event files of a folder in the order they were written (their names start with a tick count).</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "events.out.tfevents.*").Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Keeps, in every event file of <paramref name="folder"/>, the records of steps up to
    /// <paramref name="lastStep"/> and those without a step (the file header); a record cut short by a
    /// kill is dropped. Each file is rewritten atomically.</summary>
    public static void TruncateAfter(string folder, long lastStep)
    {
        foreach (var file in Files(folder))
        {
            var records = Records(File.ReadAllBytes(file)).ToList();
            var kept = records.Where(r => r.Step is null || r.Step <= lastStep).ToList();
            if (kept.Count == records.Count && kept.Sum(r => r.Bytes.Length) == new FileInfo(file).Length) continue;
            string temp = file + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
                foreach (var r in kept) stream.Write(r.Bytes);
            File.Move(temp, file, overwrite: true);
        }
    }

    /// <summary>Every scalar of the folder's event files in the order written: tag, step, value.</summary>
    public static List<(string Tag, long Step, float Value)> Scalars(string folder)
    {
        var scalars = new List<(string, long, float)>();
        foreach (var file in Files(folder))
            foreach (var record in Records(File.ReadAllBytes(file)))
            {
                if (record.Step is not long step) continue;
                foreach (var (field, _, value) in Fields(record.Event))
                    if (field == 5)                                             // Event.summary
                        foreach (var (vField, _, summaryValue) in Fields(value))
                            if (vField == 1 && Scalar(summaryValue) is var (tag, v)) scalars.Add((tag, step, v));
            }
        return scalars;
    }

    static (string Tag, float Value)? Scalar(byte[] summaryValue)
    {
        string? tag = null;
        float? value = null;
        foreach (var (field, raw, bytes) in Fields(summaryValue))
        {
            if (field == 1) tag = Encoding.UTF8.GetString(bytes);
            if (field == 2) value = BitConverter.Int32BitsToSingle((int)raw);
        }
        return tag is not null && value is float v ? (tag, v) : null;
    }

    // The complete records of a file: the bytes as framed, the Event inside, and its step (field 2) if any.
    static IEnumerable<(byte[] Bytes, byte[] Event, long? Step)> Records(byte[] file)
    {
        int at = 0;
        while (at + 12 <= file.Length)
        {
            long length = (long)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
            if (length < 0 || at + 12 + length + 4 > file.Length) yield break;   // cut short
            byte[] bytes = file[at..(at + 16 + (int)length)];
            byte[] ev = file[(at + 12)..(at + 12 + (int)length)];
            long? step = null;
            foreach (var (field, raw, _) in Fields(ev)) if (field == 2) step = (long)raw;
            yield return (bytes, ev, step);
            at += 16 + (int)length;
        }
    }

    // The top-level fields of a protocol buffer: number, the value of varint and fixed fields, the bytes of length-delimited ones.
    static List<(int Field, ulong Raw, byte[] Bytes)> Fields(byte[] message)
    {
        var fields = new List<(int, ulong, byte[])>();
        int at = 0;
        while (at < message.Length)
        {
            ulong key = Varint(message, ref at);
            int field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0: fields.Add((field, Varint(message, ref at), [])); break;
                case 1:
                    if (at + 8 > message.Length) return fields;
                    fields.Add((field, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(at)), [])); at += 8; break;
                case 5:
                    if (at + 4 > message.Length) return fields;
                    fields.Add((field, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at)), [])); at += 4; break;
                case 2:
                    int length = (int)Varint(message, ref at);
                    if (length < 0 || at + length > message.Length) return fields;
                    fields.Add((field, 0, message[at..(at + length)])); at += length; break;
                default: return fields;                                         // groups are not used by event files
            }
        }
        return fields;
    }

    static ulong Varint(byte[] b, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; at < b.Length && shift < 64; shift += 7)
        {
            byte x = b[at++];
            value |= (ulong)(x & 0x7F) << shift;
            if ((x & 0x80) == 0) break;
        }
        return value;
    }
}
