using System.Globalization;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Features.Photos;
using Microsoft.AspNetCore.Antiforgery;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Daily;

/// <summary>
/// The multipart body of a post, for the page and the API: text, date, photos (field "photos") and the browser's
/// thumbnails (field "thumbnails", in the same order). A body over the limit is refused before it is read.
/// </summary>
public sealed record DailyUpload(string? Text, string? Date, IReadOnlyList<IFormFile> Photos, IReadOnlyList<IFormFile> Thumbnails, bool TooLarge)
{
    public static async Task<DailyUpload> ReadAsync(HttpContext http, PhotoOptions limits, IAntiforgery? antiforgery)
    {
        var form = await Uploads.ReadFormAsync(http, limits.MaxRequestBytes, antiforgery, http.RequestAborted);
        if (form is null) return Refused;
        // Empty parts are what a form sends for an empty file input.
        var photos = form.Files.GetFiles("photos").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var thumbs = form.Files.GetFiles("thumbnails").Where(f => f.Length > 0).ToList();
        return new DailyUpload(form["text"].ToString(), form["date"].ToString(), photos, thumbs, false);
    }

    private static readonly DailyUpload Refused = new(null, null, [], [], true);

    /// <summary>The date field: empty is today; anything else must be yyyy-MM-dd.</summary>
    public (DateOnly? Date, DomainError? Error) ParseDate() =>
        string.IsNullOrWhiteSpace(Date) ? (null, null)
        : DateOnly.TryParseExact(Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? (d, null)
        : (null, new FieldInvalid("Date", "Error.Daily.DateInvalid"));

    /// <summary>Photos paired with thumbnails by position; thumbnails are ignored unless there is one per photo.</summary>
    public List<PhotoInput> Inputs()
    {
        var paired = Thumbnails.Count == Photos.Count;
        return Photos.Select((p, i) => new PhotoInput(p.OpenReadStream(), p.Length,
            paired ? Thumbnails[i].OpenReadStream() : null, paired ? Thumbnails[i].Length : null)).ToList();
    }
}
