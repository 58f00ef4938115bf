using KeyProjects.Domain.Common;
using KeyProjects.Domain.Media;
using static KeyProjects.Domain.Tests.Media.TestImages;

namespace KeyProjects.Domain.Tests.Media;

public sealed class ImageSanitizerTests
{
    /// <summary>Input, expected output byte for byte, format, width, height.</summary>
    public static TheoryData<string, byte[], byte[], ImageFormat, int, int> Cleaned => new()
    {
        { "plain JPEG unchanged", Jpeg(), Jpeg(), ImageFormat.Jpeg, 640, 480 },
        { "phone JPEG: EXIF with GPS, XMP, comment", JpegWithGps(4032, 3024), Jpeg(4032, 3024), ImageFormat.Jpeg, 4032, 3024 },
        {
            "JPEG: ICC and IPTC dropped, APP0 and tables kept",
            [.. Soi, .. App0Jfif(), .. App2Icc(), .. App13Iptc(), .. Dqt(), .. Sof0(100, 50), .. Dht(), .. Sos(), .. ScanData, .. Eoi],
            [.. Soi, .. App0Jfif(), .. Dqt(), .. Sof0(100, 50), .. Dht(), .. Sos(), .. ScanData, .. Eoi],
            ImageFormat.Jpeg, 100, 50
        },
        {
            "progressive JPEG: two scans, metadata between them",
            [.. Soi, .. Dqt(), .. Segment(0xC2, Sof0(8, 8)[4..]), .. Dht(), .. Sos(), .. ScanData, .. Comment(), .. Dht(), .. Sos(), .. ScanData, .. Eoi],
            [.. Soi, .. Dqt(), .. Segment(0xC2, Sof0(8, 8)[4..]), .. Dht(), .. Sos(), .. ScanData, .. Dht(), .. Sos(), .. ScanData, .. Eoi],
            ImageFormat.Jpeg, 8, 8
        },
        {
            "JPEG: bytes after EOI (a Motion Photo video) dropped",
            [.. Jpeg(), .. "ftypmp4 LEAK-VIDEO"u8],
            Jpeg(), ImageFormat.Jpeg, 640, 480
        },
        {
            "JPEG: EXIF orientation kept alone, GPS gone",
            [.. Soi, .. App0Jfif(), .. App1Exif(orientation: 6), .. Dqt(), .. Sof0(40, 30), .. Dht(), .. Sos(), .. ScanData, .. Eoi],
            [.. Soi, .. App0Jfif(), .. OrientationOnly(6), .. Dqt(), .. Sof0(40, 30), .. Dht(), .. Sos(), .. ScanData, .. Eoi],
            ImageFormat.Jpeg, 40, 30
        },
        {
            "JPEG: big-endian EXIF orientation read too",
            [.. Soi, .. App1Exif(orientation: 8, bigEndian: true), .. Dqt(), .. Sof0(40, 30), .. Dht(), .. Sos(), .. ScanData, .. Eoi],
            [.. Soi, .. OrientationOnly(8), .. Dqt(), .. Sof0(40, 30), .. Dht(), .. Sos(), .. ScanData, .. Eoi],
            ImageFormat.Jpeg, 40, 30
        },
        { "plain PNG unchanged", Png(), Png(), ImageFormat.Png, 1, 1 },
        { "PNG: tEXt, iTXt, zTXt, eXIf, tIME dropped", PngWithMetadata(1200, 900), Png(1200, 900), ImageFormat.Png, 1200, 900 },
        { "PNG: bytes after IEND dropped", [.. Png(), .. "LEAK-TAIL"u8], Png(), ImageFormat.Png, 1, 1 },
        { "lossy WebP unchanged", WebPLossy(), WebPLossy(), ImageFormat.WebP, 400, 300 },
        { "lossless WebP unchanged", WebPLossless(7999, 9), WebPLossless(7999, 9), ImageFormat.WebP, 7999, 9 },
        {
            "extended WebP: EXIF and XMP dropped, flags cleared, RIFF size fixed",
            WebPWithMetadata(1920, 1080),
            Riff(Vp8X(1920, 1080, 0x10), RiffChunk("ALPH", [0x00, 0x01, 0x02]), Vp8(1920, 1080)),
            ImageFormat.WebP, 1920, 1080
        },
    };

    [Theory]
    [MemberData(nameof(Cleaned))]
    public void Clean_KeepsTheImageAndDropsTheMetadata(string name, byte[] input, byte[] expected, ImageFormat format, int width, int height)
    {
        var result = ImageSanitizer.Clean(input);

        result.Succeeded.ShouldBeTrue(name);
        var image = result.Value;
        image.Format.ShouldBe(format, name);
        (image.Width, image.Height).ShouldBe((width, height), name);
        image.Bytes.ShouldBe(expected, name);
        Contains(image.Bytes, Leak).ShouldBeFalse(name);
        ImageSanitizer.Clean(image.Bytes).Value.Bytes.ShouldBe(image.Bytes, "cleaning twice changes nothing: " + name);
    }

    [Theory]
    [InlineData(EncodedImages.ChromiumPng, ImageFormat.Png)]
    [InlineData(EncodedImages.ChromiumWebP, ImageFormat.WebP)]
    public void Clean_WhatABrowserEncodes_PassesUnchanged(string base64, ImageFormat format)
    {
        var bytes = Convert.FromBase64String(base64);

        var image = ImageSanitizer.Clean(bytes).Value;

        (image.Format, image.Width, image.Height).ShouldBe((format, 24, 16));
        image.Bytes.ShouldBe(bytes);
    }

    [Fact]
    public void Clean_ABrowserJpeg_KeepsEverythingButItsIccProfile()
    {
        var browser = Convert.FromBase64String(EncodedImages.ChromiumJpeg);
        // Chromium writes SOI, APP0 (JFIF, 20 bytes in all), then an sRGB ICC profile in APP2.
        browser[20..22].ShouldBe(new byte[] { 0xFF, 0xE2 });
        var iccEnd = 22 + (browser[22] << 8 | browser[23]);
        byte[] withoutIcc = [.. browser[..20], .. browser[iccEnd..]];

        var image = ImageSanitizer.Clean(browser).Value;

        (image.Format, image.Width, image.Height).ShouldBe((ImageFormat.Jpeg, 24, 16));
        image.Bytes.ShouldBe(withoutIcc);
        byte[] withExif = [.. browser[..2], .. App1Exif(), .. Comment(), .. browser[2..]];
        ImageSanitizer.Clean(withExif).Value.Bytes.ShouldBe(withoutIcc);
    }

    [Fact]
    public void Clean_PhoneJpeg_LeavesNoExifGpsOrCameraBehind()
    {
        var input = JpegWithGps();
        Contains(input, "LEAK-GPS").ShouldBeTrue();

        var output = ImageSanitizer.Clean(input).Value.Bytes;

        Contains(output, "Exif").ShouldBeFalse();
        Contains(output, "LEAK-GPS").ShouldBeFalse();
        Contains(output, "LEAK-CAMERA").ShouldBeFalse();
        Contains(output, "拍摄").ShouldBeFalse();
        output.Length.ShouldBeLessThan(input.Length);
    }

    [Fact]
    public void Clean_ExtendedWebP_ClearsTheExifAndXmpFlagsButKeepsAlpha()
    {
        var output = ImageSanitizer.Clean(WebPWithMetadata()).Value.Bytes;

        var flags = output[20];
        (flags & 0x08).ShouldBe(0);
        (flags & 0x04).ShouldBe(0);
        (flags & 0x10).ShouldBe(0x10);
        BitConverter.ToUInt32(output, 4).ShouldBe((uint)(output.Length - 8));
    }

    [Theory]
    [InlineData("PDF named .jpg")]
    [InlineData("text file")]
    [InlineData("GIF")]
    [InlineData("HEIC")]
    [InlineData("empty")]
    [InlineData("one byte")]
    public void Clean_SomethingElse_IsNotAnImage(string what)
    {
        byte[] input = what switch
        {
            "PDF named .jpg" => Pdf(),
            "text file" => Text(),
            "GIF" => [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0],
            "HEIC" => [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0],
            "empty" => [],
            _ => [0xFF],
        };

        var result = ImageSanitizer.Clean(input);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Single().MessageKey.ShouldBe(ImageSanitizer.NotAnImage);
    }

    public static TheoryData<string, byte[]> Broken => new()
    {
        { "JPEG cut in the scan data", JpegWithGps()[..^4] },
        { "JPEG cut inside the EXIF segment", JpegWithGps()[..40] },
        { "JPEG signature only", [0xFF, 0xD8, 0xFF] },
        { "JPEG without a frame", [.. Soi, .. App0Jfif(), .. Dqt(), .. Eoi] },
        { "JPEG scan before the frame", [.. Soi, .. Dqt(), .. Dht(), .. Sos(), .. ScanData, .. Eoi] },
        { "JPEG segment length past the end", [.. Soi, 0xFF, 0xE0, 0x40, 0x00, 1, 2, 3] },
        { "JPEG segment length below 2", [.. Soi, 0xFF, 0xDB, 0x00, 0x01, .. Sof0(8, 8), .. Eoi] },
        { "JPEG with zero height", Jpeg(640, 0) },
        { "JPEG garbage between segments", [.. Soi, .. App0Jfif(), 0x00, 0x11, .. Dqt(), .. Sof0(8, 8), .. Dht(), .. Sos(), .. ScanData, .. Eoi] },
        { "PNG cut before IEND", Png()[..^12] },
        { "PNG cut in a chunk", PngWithMetadata()[..60] },
        { "PNG with a wrong CRC", Flip(Png(), 8 + 8 + 13) },
        { "PNG without IHDR first", [.. PngSignature, .. Idat(), .. Ihdr(1, 1), .. Iend()] },
        { "PNG without image data", [.. PngSignature, .. Ihdr(1, 1), .. Iend()] },
        { "PNG with zero width", Png(0, 1) },
        { "WebP RIFF size past the end", WebPLossy()[..^2] },
        { "WebP chunk size past the RIFF", Riff(RiffChunk("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 1, 0, 1, 0]))[..^4] },
        { "WebP without a bitstream", Riff(RiffChunk("EXIF", [1, 2, 3, 4])) },
        { "WebP VP8 without the start code", Riff(RiffChunk("VP8 ", [0x30, 0x01, 0x00, 0, 0, 0, 1, 0, 1, 0])) },
        { "WebP VP8L with a bad signature", Riff(RiffChunk("VP8L", [0x00, 0, 0, 0, 0])) },
    };

    /// <summary>Issue 12: at most 8,000 px a side and 40 megapixels, whatever the file's size in bytes.</summary>
    public static readonly TheoryData<string, byte[]> TooManyPixels = new()
    {
        { "WebP canvas larger than any phone", Riff(Vp8X(30_000, 10, 0), Vp8(100, 10)) },
        { "PNG of 20,000 × 20,000", Png(20_000, 20_000) },
        { "PNG 8,001 wide", Png(8_001, 10) },
        { "JPEG of 8,000 × 5,001 (40.008 MP)", Jpeg(8_000, 5_001) },
    };

    [Theory]
    [MemberData(nameof(TooManyPixels))]
    public void Clean_MorePixelsThanTheLimits_IsRefused(string name, byte[] input)
    {
        var result = ImageSanitizer.Clean(input);

        result.Succeeded.ShouldBeFalse(name);
        result.Errors.Single().ShouldBeOfType<RuleBroken>().MessageKey.ShouldBe(ImageSanitizer.TooManyPixels, name);
    }

    [Fact]
    public void Clean_AtTheLimits_IsAccepted()
    {
        ImageSanitizer.Clean(Jpeg(8_000, 5_000)).Succeeded.ShouldBeTrue();
        ImageSanitizer.Clean(Png(8_000, 1)).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Clean_TruncatedOrCorrupt_IsRefused(string name, byte[] input)
    {
        var result = ImageSanitizer.Clean(input);

        result.Succeeded.ShouldBeFalse(name);
        result.Errors.Single().ShouldBeOfType<RuleBroken>().MessageKey.ShouldBe(ImageSanitizer.Corrupt, name);
    }

    [Fact]
    public void Clean_EveryTruncationOfAPhoneJpeg_IsRefusedNeverThrown()
    {
        var full = JpegWithGps();
        for (var n = 3; n < full.Length; n++)
            ImageSanitizer.Clean(full[..n]).Succeeded.ShouldBeFalse($"cut at {n}");
    }

    [Fact]
    public void Clean_EveryTruncationOfAPngAndWebP_IsRefusedNeverThrown()
    {
        foreach (var full in new[] { PngWithMetadata(), WebPWithMetadata() })
            for (var n = 12; n < full.Length - 1; n++)
                ImageSanitizer.Clean(full[..n]).Succeeded.ShouldBeFalse($"cut at {n}");
    }

    [Fact]
    public void Crc32_OfIend_IsThePngConstant() => Crc32.Compute("IEND"u8).ShouldBe(0xAE426082u);

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, ImageFormat.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, ImageFormat.Png)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, ImageFormat.WebP)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45 }, null)] // RIFF WAVE
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, null)]
    public void Sniff_ReadsTheSignatureOnly(byte[] head, ImageFormat? expected) => ImageFormats.Sniff(head).ShouldBe(expected);

    private static byte[] OrientationOnly(int orientation) =>
        Segment(0xE1, [.. "Exif\0\0"u8, .. "MM"u8, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0]);

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0xFF;
        return copy;
    }
}
