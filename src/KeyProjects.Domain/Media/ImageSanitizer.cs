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
    public const string TooManyPixels = "Error.Photo.TooManyPixels";

    /// <summary>
    /// Pictures larger than this on a side are refused (issue 12): a phone's photo is 4,000–6,000 px, and a small file that
    /// declares 20,000 × 20,000 is a decoder bomb for every viewer that opens it.
    /// </summary>
    public const int MaxSide = 8_000;

    /// <summary>At most 40 megapixels (160 MB decoded): the largest ordinary phone photo is 50 MP modes binned to 12.5.</summary>
    public const long MaxPixels = 40_000_000;

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
        if (image is null || image.Width < 1 || image.Height < 1)
            return Result<CleanImage>.Fail(new RuleBroken(Corrupt));
        if (image.Width > MaxSide || image.Height > MaxSide || (long)image.Width * image.Height > MaxPixels)
            return Result<CleanImage>.Fail(new RuleBroken(TooManyPixels));
        return image;
    }
}
