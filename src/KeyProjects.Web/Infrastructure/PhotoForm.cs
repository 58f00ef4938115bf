using System.Globalization;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Features.Photos;
using Microsoft.AspNetCore.Antiforgery;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// A multipart body of text, a date and photos (field "photos") with the browser's thumbnails (field "thumbnails", in the
/// same order), for the pages and the API of every feature that takes photos. A body over the limit is refused before
/// it is read.
/// </summary>
public sealed record PhotoForm(string? Text, string? Date, IReadOnlyList<IFormFile> Photos, IReadOnlyList<IFormFile> Thumbnails, bool TooLarge)
{
    public static async Task<PhotoForm> ReadAsync(HttpContext http, PhotoOptions limits, IAntiforgery? antiforgery)
    {
        var form = await Uploads.ReadFormAsync(http, limits.MaxRequestBytes, antiforgery, http.RequestAborted);
        if (form is null) return Refused;
        var (photos, thumbs) = FilesOf(form);
        return new PhotoForm(form["text"].ToString(), form["date"].ToString(), photos, thumbs, false);
    }

    private static readonly PhotoForm Refused = new(null, null, [], [], true);

    /// <summary>The photos and thumbnails of a posted form. Empty parts are what a form sends for an empty file input.</summary>
    public static (IReadOnlyList<IFormFile> Photos, IReadOnlyList<IFormFile> Thumbnails) FilesOf(IFormCollection form) =>
        (form.Files.GetFiles("photos").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList(),
         form.Files.GetFiles("thumbnails").Where(f => f.Length > 0).ToList());

    /// <summary>The date field: empty is today; anything else must be yyyy-MM-dd.</summary>
    public (DateOnly? Date, DomainError? Error) ParseDate() =>
        string.IsNullOrWhiteSpace(Date) ? (null, null)
        : DateOnly.TryParseExact(Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? (d, null)
        : (null, new FieldInvalid("Date", "Error.Daily.DateInvalid"));

    public List<PhotoInput> Inputs() => InputsOf(Photos, Thumbnails);

    /// <summary>Photos paired with thumbnails by position; thumbnails are ignored unless there is one per photo.</summary>
    public static List<PhotoInput> InputsOf(IReadOnlyList<IFormFile> photos, IReadOnlyList<IFormFile> thumbnails)
    {
        var paired = thumbnails.Count == photos.Count;
        return photos.Select((p, i) => new PhotoInput(p.OpenReadStream(), p.Length,
            paired ? thumbnails[i].OpenReadStream() : null, paired ? thumbnails[i].Length : null)).ToList();
    }
}
