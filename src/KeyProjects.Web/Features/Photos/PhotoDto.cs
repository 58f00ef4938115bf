namespace KeyProjects.Web.Features.Photos;

/// <summary>A photo in an API answer (daily posts, visits, problems): where to fetch it and its thumbnail, and what it is.</summary>
public sealed record PhotoDto(long Id, string Url, string ThumbnailUrl, string ContentType, int Width, int Height, int SizeBytes, string Sha256)
{
    public static PhotoDto From(PhotoInfo p) => new(p.Id, p.ApiUrl, p.ApiUrl + "/thumb", p.ContentType, p.Width, p.Height, p.SizeBytes, p.Sha256);
}
