using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Media;

/// <summary>
/// Checks that uploaded bytes are a whole JPEG, PNG or WebP image, whatever the file name or declared type says,
/// reads its size in pixels, and removes the metadata a phone writes into it: GPS position, camera, times, comments.
/// The picture data itself is copied byte for byte; nothing is decoded or re-encoded.
/// </summary>
public static class ImageSanitizer
{
    public const string NotAnImage = "Error.Photo.NotAnImage";
    public const string Corrupt = "Error.Photo.Corrupt";

    /// <summary>Pictures larger than this on a side are refused: no phone takes them, and a decoder bomb would.</summary>
    public const int MaxSide = 20_000;

    public static Result<CleanImage> Clean(ReadOnlySpan<byte> data)
    {
        var format = ImageFormats.Sniff(data);
        if (format is null) return Result<CleanImage>.Fail(new RuleBroken(NotAnImage));
        var image = format switch
        {
            ImageFormat.Jpeg => Jpeg.Clean(data),
            ImageFormat.Png => Png.Clean(data),
            _ => WebP.Clean(data),
        };
        if (image is null || image.Width is < 1 or > MaxSide || image.Height is < 1 or > MaxSide)
            return Result<CleanImage>.Fail(new RuleBroken(Corrupt));
        return image;
    }
}
