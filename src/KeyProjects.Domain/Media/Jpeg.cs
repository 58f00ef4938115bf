using System.Buffers.Binary;

namespace KeyProjects.Domain.Media;

/// <summary>
/// JPEG segment by segment: keeps SOI, APP0 (JFIF), the tables, the frame, the scans with their entropy-coded data
/// and EOI; drops APP1–APP15 (EXIF with GPS, XMP, ICC, MPF, maker notes) and COM, and anything after EOI (Motion
/// Photo videos, appended files). The EXIF orientation alone is written back, in a minimal APP1 of its own: without
/// it a phone picture taken upright shows on its side.
/// </summary>
internal static class Jpeg
{
    public static CleanImage? Clean(ReadOnlySpan<byte> d)
    {
        var output = new MemoryStream(d.Length);
        output.Write([0xFF, 0xD8]);
        var pos = 2;
        int width = 0, height = 0;
        var hasFrame = false;
        var hasScan = false;
        var orientationWritten = false;
        while (true)
        {
            if (pos >= d.Length || d[pos] != 0xFF) return null;
            while (pos < d.Length && d[pos] == 0xFF) pos++; // fill bytes
            if (pos >= d.Length) return null;
            var marker = d[pos++];
            if (marker == 0xD9)
            {
                output.Write([0xFF, 0xD9]);
                break;
            }
            if (marker is 0x00 or 0xD8) return null;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                output.Write([0xFF, marker]);
                continue;
            }
            if (pos + 2 > d.Length) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(d[pos..]);
            if (length < 2 || pos + length > d.Length) return null;
            var payload = d.Slice(pos + 2, length - 2);
            var segment = d.Slice(pos, length);
            pos += length;

            if (IsFrame(marker))
            {
                if (payload.Length < 6) return null;
                height = BinaryPrimitives.ReadUInt16BigEndian(payload[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(payload[3..]);
                hasFrame = true;
            }
            if (marker == 0xE1)
            {
                if (!orientationWritten && Orientation(payload) is { } o and not 1)
                {
                    output.Write(OrientationSegment(o));
                    orientationWritten = true;
                }
                continue;
            }
            if (marker is >= 0xE2 and <= 0xEF or 0xFE) continue;

            output.Write([0xFF, marker]);
            output.Write(segment);
            if (marker != 0xDA) continue;

            if (!hasFrame) return null;
            hasScan = true;
            // Entropy-coded data runs to the next marker; FF00 is a stuffed FF and FFD0–FFD7 are restart markers.
            var start = pos;
            while (true)
            {
                if (pos + 1 >= d.Length) return null;
                if (d[pos] == 0xFF)
                {
                    var next = d[pos + 1];
                    if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
                    {
                        pos += 2;
                        continue;
                    }
                    break;
                }
                pos++;
            }
            output.Write(d[start..pos]);
        }
        return hasFrame && hasScan ? new CleanImage(ImageFormat.Jpeg, width, height, output.ToArray()) : null;
    }

    /// <summary>SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).</summary>
    private static bool IsFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    /// <summary>The Orientation tag (0x0112) of IFD0 in an EXIF APP1, or null.</summary>
    internal static int? Orientation(ReadOnlySpan<byte> app1)
    {
        if (app1.Length < 14 || !app1[..6].SequenceEqual("Exif\0\0"u8)) return null;
        var tiff = app1[6..];
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I') little = true;
        else if (tiff[0] == 'M' && tiff[1] == 'M') little = false;
        else return null;
        var ifd = little ? BinaryPrimitives.ReadUInt32LittleEndian(tiff[4..]) : BinaryPrimitives.ReadUInt32BigEndian(tiff[4..]);
        if (ifd + 2 > (uint)tiff.Length) return null;
        var count = U16(tiff, (int)ifd, little);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + 12 * i;
            if (entry + 12 > tiff.Length) return null;
            if (U16(tiff, entry, little) == 0x0112 && U16(tiff, entry + 2, little) == 3)
                return U16(tiff, entry + 8, little) is var v and >= 1 and <= 8 ? v : null;
        }
        return null;
    }

    private static int U16(ReadOnlySpan<byte> s, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt16BigEndian(s[at..]);

    /// <summary>An APP1 holding nothing but the orientation: big-endian TIFF, one IFD with one entry.</summary>
    internal static byte[] OrientationSegment(int orientation) =>
    [
        0xFF, 0xE1, 0x00, 0x22,
        (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
        (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
        0x00, 0x01,
        0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte)orientation, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00,
    ];
}
