namespace KeyProjects.Web.Features.Photos;

/// <summary>Upload limits, configuration section "Photos".</summary>
public sealed class PhotoOptions
{
    public const string Section = "Photos";

    /// <summary>Per photo, after the phone's own compression: a 12-megapixel JPEG is 3–6 MB.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Per thumbnail: a 320 px JPEG is 20–60 KB.</summary>
    public long MaxThumbnailBytes { get; set; } = 512 * 1024;

    /// <summary>Per post, as a WeChat moment: nine.</summary>
    public int MaxPerPost { get; set; } = 9;

    /// <summary>
    /// The largest request a post with photos may be: every photo and thumbnail at its limit, plus the text. A larger
    /// request is refused before it is read.
    /// </summary>
    public long MaxRequestBytes => MaxPerPost * (MaxBytes + MaxThumbnailBytes) + 1024 * 1024;
}
