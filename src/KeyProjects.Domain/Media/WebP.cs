using System.Buffers.Binary;

namespace KeyProjects.Domain.Media;

/// <summary>
/// WebP (RIFF) chunk by chunk: drops EXIF and XMP, clears their flags in VP8X, and writes the RIFF size of what is
/// left. The size comes from VP8X's canvas, or from the VP8 / VP8L bitstream header of a simple file.
/// </summary>
internal static class WebP
{
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    public static CleanImage? Clean(ReadOnlySpan<byte> d)
    {
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(d[4..]);
        if (riffSize < 4 || riffSize > (uint)(d.Length - 8)) return null;
        var end = 8 + (int)riffSize;
        var output = new MemoryStream(d.Length);
        output.Write("RIFF\0\0\0\0WEBP"u8);
        var pos = 12;
        int width = 0, height = 0;
        var hasCanvas = false;
        var hasImage = false;
        while (pos < end)
        {
            if (pos + 8 > end) return null;
            var size = BinaryPrimitives.ReadUInt32LittleEndian(d[(pos + 4)..]);
            if (size > (uint)(end - pos - 8)) return null;
            var fourCc = d.Slice(pos, 4);
            var data = d.Slice(pos + 8, (int)size);
            var padded = Math.Min((int)size + (int)(size & 1), end - pos - 8);
            var chunk = d.Slice(pos, 8 + padded);
            pos += chunk.Length;

            if (fourCc.SequenceEqual("EXIF"u8) || fourCc.SequenceEqual("XMP "u8)) continue;
            if (fourCc.SequenceEqual("VP8X"u8))
            {
                if (size < 10) return null;
                var copy = chunk.ToArray();
                copy[8] &= unchecked((byte)~(ExifFlag | XmpFlag));
                width = 1 + (data[4] | data[5] << 8 | data[6] << 16);
                height = 1 + (data[7] | data[8] << 8 | data[9] << 16);
                hasCanvas = true;
                output.Write(copy);
                continue;
            }
            if (fourCc.SequenceEqual("VP8 "u8))
            {
                if (size < 10 || data[3] != 0x9D || data[4] != 0x01 || data[5] != 0x2A) return null;
                if (!hasCanvas && !hasImage)
                {
                    width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF;
                    height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF;
                }
                hasImage = true;
            }
            else if (fourCc.SequenceEqual("VP8L"u8))
            {
                if (size < 5 || data[0] != 0x2F) return null;
                if (!hasCanvas && !hasImage)
                {
                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
                    width = (int)(bits & 0x3FFF) + 1;
                    height = (int)((bits >> 14) & 0x3FFF) + 1;
                }
                hasImage = true;
            }
            else if (fourCc.SequenceEqual("ANMF"u8))
            {
                hasImage = true;
            }
            output.Write(chunk);
        }
        if (!hasImage) return null;
        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return new CleanImage(ImageFormat.WebP, width, height, bytes);
    }
}
