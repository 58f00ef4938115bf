using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace KeyProjects.Web.Infrastructure;

/// <summary>Posted forms with files: read up to a limit, refused unread when the body says it is larger.</summary>
public static class Uploads
{
    /// <summary>The form (its token checked when an antiforgery service is given), or null when the body is over the limit.</summary>
    public static async Task<IFormCollection?> ReadFormAsync(HttpContext http, long limit, IAntiforgery? antiforgery, CancellationToken ct = default)
    {
        try
        {
            if (http.Request.ContentLength > limit) return null;
            var form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
            if (antiforgery is not null) await antiforgery.ValidateRequestAsync(http);
            return form;
        }
        catch (Exception e) when (e is InvalidDataException || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return null;
        }
    }
}
