using System.Buffers.Binary;
using System.Text;
using KeyProjects.Domain.Media;

namespace KeyProjects.Domain.Tests.Media;

/// <summary>
/// Small images written byte by byte, with the structure a decoder needs (segments, chunks, lengths, CRCs) and the
/// metadata a phone adds. Every piece of metadata carries the text "LEAK", so a test can see that none survives.
/// Shared with the web tests (linked into that project).
/// </summary>
public static class TestImages
{
    public const string Leak = "LEAK";

    // ---------- JPEG ----------

    public static readonly byte[] Soi = [0xFF, 0xD8];
    public static readonly byte[] Eoi = [0xFF, 0xD9];

    public static byte[] Segment(byte marker, byte[] payload)
    {
        var s = new byte[4 + payload.Length];
        s[0] = 0xFF;
        s[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(s, 4);
        return s;
    }

    public static byte[] App0Jfif() => Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

    public static byte[] Dqt() => Segment(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);

    public static byte[] Sof0(int width, int height) =>
        Segment(0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);

    public static byte[] Dht() => Segment(0xC4, [0x00, 1, .. new byte[15], 0x00]);

    public static byte[] Sos() => Segment(0xDA, [1, 1, 0x00, 0, 63, 0]);

    /// <summary>Entropy-coded bytes with a stuffed FF00 and a restart marker, which must not end the scan.</summary>
    public static readonly byte[] ScanData = [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0x9A];

    /// <summary>EXIF as phones write it: camera make, orientation, and a GPS IFD with latitude and longitude.</summary>
    public static byte[] App1Exif(int orientation = 1, bool bigEndian = false)
    {
        var tiff = new List<byte>();
        void U16(int v) { var b = new byte[2]; if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); else BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); tiff.AddRange(b); }
        void U32(long v) { var b = new byte[4]; if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, (uint)v); else BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)v); tiff.AddRange(b); }
        tiff.AddRange(bigEndian ? "MM"u8.ToArray() : "II"u8.ToArray());
        U16(42);
        U32(8);
        // IFD0 at 8: 3 entries (2 + 36 + 4 = 42 bytes) → data from 50.
        const int make = 50, gps = 62;
        U16(3);
        U16(0x010F); U16(2); U32(12); U32(make);           // Make, ASCII, 12 bytes at 50
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0); // Orientation
        U16(0x8825); U16(4); U32(1); U32(gps);              // GPSInfo IFD pointer
        U32(0);
        tiff.AddRange(Encoding.ASCII.GetBytes("LEAK-CAMERA\0")); // 12 bytes, 50..61
        // GPS IFD at 62: latitude ref, latitude (3 rationals at 62 + 2 + 24 + 4 = 92), longitude ref.
        const int lat = 92;
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray());
        U16(0x0002); U16(5); U32(3); U32(lat);
        U32(0);
        foreach (var (n, dn) in new[] { (35, 1), (45, 1), (4321, 100) }) { U32(n); U32(dn); }
        tiff.AddRange(Encoding.ASCII.GetBytes("LEAK-GPS"));
        return Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]);
    }

    public static byte[] App1Xmp() => Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes("<x:xmpmeta>LEAK-XMP 拍摄地点</x:xmpmeta>")]);

    public static byte[] App2Icc() => Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. Encoding.ASCII.GetBytes("LEAK-ICC")]);

    public static byte[] App13Iptc() => Segment(0xED, [.. "Photoshop 3.0\0"u8, .. Encoding.ASCII.GetBytes("LEAK-IPTC")]);

    public static byte[] Comment() => Segment(0xFE, Encoding.UTF8.GetBytes("LEAK-COMMENT 张三 拍摄"));

    /// <summary>A JPEG with everything a decoder needs and nothing else.</summary>
    public static byte[] Jpeg(int width = 640, int height = 480) =>
        [.. Soi, .. App0Jfif(), .. Dqt(), .. Sof0(width, height), .. Dht(), .. Sos(), .. ScanData, .. Eoi];

    /// <summary>A phone's JPEG: the same picture with EXIF (GPS), XMP and a comment.</summary>
    public static byte[] JpegWithGps(int width = 640, int height = 480) =>
        [.. Soi, .. App0Jfif(), .. App1Exif(), .. App1Xmp(), .. Comment(), .. Dqt(), .. Sof0(width, height), .. Dht(), .. Sos(), .. ScanData, .. Eoi];

    // ---------- PNG ----------

    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Chunk(string type, byte[] data)
    {
        var c = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(c, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(c, 4);
        data.CopyTo(c, 8);
        BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(8 + data.Length), Crc32.Compute(c.AsSpan(4, 4 + data.Length)));
        return c;
    }

    public static byte[] Ihdr(int width, int height)
    {
        var d = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(d, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(4), (uint)height);
        d[8] = 8; // bit depth
        d[9] = 2; // truecolour
        return Chunk("IHDR", d);
    }

    /// <summary>A 1×1 red pixel, deflated (zlib stored block), as a real decoder would read it.</summary>
    public static byte[] Idat() => Chunk("IDAT", [0x78, 0x01, 0x01, 0x04, 0x00, 0xFB, 0xFF, 0x00, 0xFF, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]);

    public static byte[] Iend() => Chunk("IEND", []);

    public static byte[] Png(int width = 1, int height = 1) => [.. PngSignature, .. Ihdr(width, height), .. Chunk("sRGB", [0]), .. Idat(), .. Iend()];

    public static byte[] PngWithMetadata(int width = 1, int height = 1) =>
    [
        .. PngSignature, .. Ihdr(width, height), .. Chunk("sRGB", [0]),
        .. Chunk("tEXt", [.. "Comment\0"u8, .. Encoding.ASCII.GetBytes("LEAK-TEXT")]),
        .. Chunk("eXIf", App1Exif()[10..]),
        .. Chunk("tIME", [0x07, 0xEA, 11, 22, 10, 0, 0]),
        .. Idat(),
        .. Chunk("iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. Encoding.UTF8.GetBytes("LEAK-XMP")]),
        .. Chunk("zTXt", [.. "Author\0\0"u8, .. Encoding.ASCII.GetBytes("LEAK-Z")]),
        .. Iend(),
    ];

    // ---------- WebP ----------

    public static byte[] RiffChunk(string fourCc, byte[] data)
    {
        var c = new byte[8 + data.Length + (data.Length & 1)];
        Encoding.ASCII.GetBytes(fourCc).CopyTo(c, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(c.AsSpan(4), (uint)data.Length);
        data.CopyTo(c, 8);
        return c;
    }

    public static byte[] Riff(params byte[][] chunks)
    {
        byte[] body = [.. "WEBP"u8, .. chunks.SelectMany(c => c)];
        var r = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(r);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(4), (uint)body.Length);
        body.CopyTo(r, 8);
        return r;
    }

    /// <summary>A lossy key frame header: frame tag, start code, 14-bit width and height, then (fake) partition data.</summary>
    public static byte[] Vp8(int width, int height) =>
        RiffChunk("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x11, 0x22, 0x33]);

    public static byte[] Vp8L(int width, int height)
    {
        var bits = (uint)(width - 1) | (uint)(height - 1) << 14;
        var d = new byte[] { 0x2F, 0, 0, 0, 0, 0x10, 0x20 };
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(1), bits);
        return RiffChunk("VP8L", d);
    }

    public const byte VP8XFlagsWithMetadata = 0x08 | 0x04 | 0x10; // EXIF, XMP, alpha

    public static byte[] Vp8X(int width, int height, byte flags)
    {
        var d = new byte[10];
        d[0] = flags;
        var w = width - 1;
        var h = height - 1;
        (d[4], d[5], d[6]) = ((byte)w, (byte)(w >> 8), (byte)(w >> 16));
        (d[7], d[8], d[9]) = ((byte)h, (byte)(h >> 8), (byte)(h >> 16));
        return RiffChunk("VP8X", d);
    }

    public static byte[] WebPLossy(int width = 400, int height = 300) => Riff(Vp8(width, height));

    public static byte[] WebPLossless(int width = 400, int height = 300) => Riff(Vp8L(width, height));

    public static byte[] WebPWithMetadata(int width = 400, int height = 300) => Riff(
        Vp8X(width, height, VP8XFlagsWithMetadata),
        RiffChunk("ALPH", [0x00, 0x01, 0x02]),
        Vp8(width, height),
        RiffChunk("EXIF", App1Exif()[10..]),
        RiffChunk("XMP ", Encoding.UTF8.GetBytes("<x:xmpmeta>LEAK-XMP</x:xmpmeta>")));

    // ---------- not images ----------

    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Text() => Encoding.UTF8.GetBytes("这不是图片，只是改了扩展名的文本文件。");

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
