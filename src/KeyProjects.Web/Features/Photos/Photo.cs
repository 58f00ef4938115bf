using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Photos;

/// <summary>
/// A site photo, stored in the database so that any app server behind the load balancer can serve it
/// (docs/decisions/006-photos.md). The bytes are the upload with its metadata stripped; never the original file.
/// </summary>
public sealed class Photo : IAudited
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public PhotoOwnerKind OwnerKind { get; set; }
    /// <summary>The id of the daily post, monthly report or visit the photo belongs to.</summary>
    public long OwnerId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Bytes { get; set; }
    /// <summary>At most 320 px, made by the uploading browser; null when the client sent none (the original stands in).</summary>
    public byte[]? Thumbnail { get; set; }
    public string? ThumbnailContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public int SizeBytes { get; set; }
    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex: the same photo posted twice is recognisable.</summary>
    public required string Sha256 { get; set; }
    public required string UploadedById { get; set; }
    public required string UploadedByName { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>What a photo is attached to.</summary>
public enum PhotoOwnerKind
{
    DailyPost = 1,
    MonthlyReport = 2,
    Visit = 3,
    /// <summary>A problem's attachment (a photo of the site, a letter, a drawing).</summary>
    Problem = 4,
}

/// <summary>A photo without its bytes, for lists and galleries.</summary>
public sealed record PhotoInfo(long Id, long OwnerId, string ContentType, int Width, int Height, int SizeBytes, bool HasThumbnail, string Sha256)
{
    public string Url => $"{PhotoEndpoints.PagePrefix}/{Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public string ThumbnailUrl => Url + "/thumb";

    public string ApiUrl => $"{PhotoEndpoints.ApiPrefix}/{Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
