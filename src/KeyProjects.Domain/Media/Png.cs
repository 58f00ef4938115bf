using System.Buffers.Binary;

namespace KeyProjects.Domain.Media;

/// <summary>
/// PNG chunk by chunk: every chunk's CRC is checked, text and time chunks (tEXt, zTXt, iTXt, eXIf, tIME) are
/// dropped, the others copied as they are with their own CRCs, and nothing after IEND is kept.
/// </summary>
internal static class Png
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static bool IsDropped(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("tEXt"u8) || type.SequenceEqual("zTXt"u8) || type.SequenceEqual("iTXt"u8)
        || type.SequenceEqual("eXIf"u8) || type.SequenceEqual("tIME"u8);

    public static CleanImage? Clean(ReadOnlySpan<byte> d)
    {
        var output = new MemoryStream(d.Length);
        output.Write(Signature);
        var pos = Signature.Length;
        int width = 0, height = 0;
        var hasData = false;
        var first = true;
        while (true)
        {
            if (pos + 12 > d.Length) return null;
            var length = BinaryPrimitives.ReadUInt32BigEndian(d[pos..]);
            if (length > int.MaxValue || length > (uint)(d.Length - pos - 12)) return null;
            var chunk = d.Slice(pos, 12 + (int)length);
            var type = chunk.Slice(4, 4);
            foreach (var c in type)
                if (c is not (>= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z')) return null;
            var data = chunk.Slice(8, (int)length);
            if (Crc32.Compute(chunk[4..^4]) != BinaryPrimitives.ReadUInt32BigEndian(chunk[^4..])) return null;
            pos += chunk.Length;

            if (first)
            {
                if (!type.SequenceEqual("IHDR"u8) || length != 13) return null;
                var w = BinaryPrimitives.ReadUInt32BigEndian(data);
                var h = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                if (w > int.MaxValue || h > int.MaxValue) return null;
                (width, height) = ((int)w, (int)h);
                first = false;
            }
            if (type.SequenceEqual("IDAT"u8)) hasData = true;
            if (IsDropped(type)) continue;
            output.Write(chunk);
            if (type.SequenceEqual("IEND"u8)) break;
        }
        return hasData ? new CleanImage(ImageFormat.Png, width, height, output.ToArray()) : null;
    }
}
