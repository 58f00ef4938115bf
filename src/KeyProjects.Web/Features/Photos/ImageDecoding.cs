using KeyProjects.Domain.Media;
using SkiaSharp;

namespace KeyProjects.Web.Features.Photos;

/// <summary>
/// Decodes every photo once before it is stored (issue 12): a file whose header promises what its data does not hold —
/// a PNG whose header does not match its data, a JPEG cut short — is refused as damaged, not stored for every viewer to
/// stumble on; and when the browser sent no thumbnail, the server makes one (a 320 px JPEG, turned as the photo's EXIF
/// orientation says) instead of serving the full picture in every list. The sanitizer (<see cref="ImageSanitizer"/>)
/// has already bounded the size in pixels, so a decode needs at most 160 MB; at most one decode per core runs at once.
/// </summary>
public static class ImageDecoding
{
    public const int ThumbnailSide = 320;
    private const int JpegQuality = 80;
    private static readonly SemaphoreSlim Gate = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>Whether the picture decodes whole, and (when asked) its thumbnail.</summary>
    public static async Task<(bool Decodes, CleanImage? Thumbnail)> DecodeAsync(CleanImage image, bool makeThumbnail, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            return Decode(image, makeThumbnail);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static (bool, CleanImage?) Decode(CleanImage image, bool makeThumbnail)
    {
        using var data = SKData.CreateCopy(image.Bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width != image.Width || codec.Info.Height != image.Height) return (false, null);
        // JPEG decodes at 1/2 … 1/8 scale when a thumbnail needs no more (every compressed byte is still read); other
        // formats decode at full size.
        var scale = Math.Clamp((float)ThumbnailSide / Math.Max(image.Width, image.Height), 1f / 8, 1f);
        var size = codec.GetScaledDimensions(scale);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success) return (false, null);
        return (true, makeThumbnail ? Thumbnail(bitmap, codec.EncodedOrigin) : null);
    }

    private static CleanImage Thumbnail(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var factor = Math.Min(1.0, (double)ThumbnailSide / Math.Max(bitmap.Width, bitmap.Height));
        var w = Math.Max(1, (int)Math.Round(bitmap.Width * factor));
        var h = Math.Max(1, (int)Math.Round(bitmap.Height * factor));
        var turned = origin is SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom or SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightBottom;
        var (outW, outH) = turned ? (h, w) : (w, h);
        using var surface = SKSurface.Create(new SKImageInfo(outW, outH, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White); // a transparent PNG's thumbnail is on white, not black
        switch (origin)
        {
            case SKEncodedOrigin.BottomRight: canvas.Translate(w, h); canvas.RotateDegrees(180); break;
            case SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftTop: canvas.Translate(h, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.LeftBottom or SKEncodedOrigin.RightBottom: canvas.Translate(0, w); canvas.RotateDegrees(270); break;
            case SKEncodedOrigin.TopRight: canvas.Translate(w, 0); canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.BottomLeft: canvas.Translate(0, h); canvas.Scale(1, -1); break;
        }
        using var source = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(source, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return new CleanImage(ImageFormat.Jpeg, outW, outH, jpeg.ToArray());
    }
}
