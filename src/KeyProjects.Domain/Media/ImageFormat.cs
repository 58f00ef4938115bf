namespace KeyProjects.Domain.Media;

/// <summary>The only image formats the system accepts: what phones and browsers produce, and what every browser shows.</summary>
public enum ImageFormat
{
    Jpeg = 1,
    Png = 2,
    WebP = 3,
}

public static class ImageFormats
{
    public static string ContentType(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.WebP => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The format the bytes are, by their signature; null for anything else (PDF, text, HEIC, GIF …).</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return ImageFormat.Jpeg;
        if (data.Length >= 8 && data[..8].SequenceEqual(Png.Signature)) return ImageFormat.Png;
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        return null;
    }
}
