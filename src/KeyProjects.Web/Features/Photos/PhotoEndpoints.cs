using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyProjects.Web.Features.Photos;

/// <summary>GET /photos/{id} and /photos/{id}/thumb for pages and API clients alike (cookie or bearer token).</summary>
public static class PhotoEndpoints
{
    /// <summary>
    /// The same photos at /photos/{id} for pages (login cookie) and at /api/v1/photos/{id} for API clients (bearer
    /// token): the API's authentication is chosen by path.
    /// </summary>
    public static IEndpointRouteBuilder MapPhotoEndpoints(this IEndpointRouteBuilder app)
    {
        Map(app.MapGroup(PagePrefix).RequireAuthorization().ExcludeFromDescription());
        Map(app.MapGroup(ApiPrefix).RequireAuthorization().WithTags("Photos"));
        return app;
    }

    public const string PagePrefix = "/photos";
    public const string ApiPrefix = "/api/v1/photos";

    private static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/{id:long}", (HttpContext http, long id, PhotoService photos, CancellationToken ct) => ServeAsync(http, id, thumbnail: false, photos, ct))
            .WithSummary("A photo, its metadata stripped (JPEG, PNG or WebP)").Produces(StatusCodes.Status200OK, contentType: "image/jpeg", additionalContentTypes: ["image/png", "image/webp"]);
        g.MapGet("/{id:long}/thumb", (HttpContext http, long id, PhotoService photos, CancellationToken ct) => ServeAsync(http, id, thumbnail: true, photos, ct))
            .WithSummary("A photo's thumbnail (at most 320 px), or the photo itself when it has none").Produces(StatusCodes.Status200OK, contentType: "image/jpeg", additionalContentTypes: ["image/png", "image/webp"]);
    }

    private static async Task<Results<FileContentHttpResult, UnauthorizedHttpResult, NotFound>> ServeAsync(HttpContext http, long id, bool thumbnail, PhotoService photos, CancellationToken ct)
    {
        var actor = Infrastructure.AuthSetup.ActorOf(http, AuthSetup.IsApi(http.Request) ? "api" : "ui");
        if (actor is null) return TypedResults.Unauthorized();
        var content = await photos.ContentAsync(actor, id, thumbnail, ct);
        // Outside the caller's subtree looks the same as not there at all.
        if (content is not { } c) return TypedResults.NotFound();
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // A photo never changes under its id; only the logged-in user's browser may keep it.
        headers.CacheControl = "private, max-age=31536000, immutable";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{c.Sha256}{(thumbnail ? "-t" : "")}\"");
        return TypedResults.File(c.Bytes, c.ContentType, entityTag: etag);
    }

    /// <summary>The answer to a form whose photos exceed the limits (daily posts, problems, visits).</summary>
    public static TooLargeProblem TooLarge(UiText t, PhotoOptions limits) =>
        t.TooLarge(t.Format("Error.Photo.RequestTooLarge", limits.MaxPerPost, PhotoService.SizeText(limits.MaxBytes)));
}
