using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Notices;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Notices;

/// <summary>The inbox (/notices) and its API.</summary>
public static class NoticePages
{
    public static IEndpointRouteBuilder MapNoticePages(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notices").RequireAuthorization().WithTags("Notices");
        api.MapGet("", ListApiAsync).WithSummary("The caller's notices, unread first (unread=true for unread only), worded in the Accept-Language");
        api.MapPost("/{id:long}/read", ReadApiAsync).WithSummary("Mark one of the caller's notices read");
        api.MapPost("/read-all", ReadAllApiAsync).WithSummary("Mark all the caller's notices read");

        var g = app.MapGroup("/notices").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("", InboxAsync);
        g.MapGet("/{id:long}/open", OpenAsync);
        g.MapPost("/{id:long}/read", ReadAsync).DisableAntiforgery();
        g.MapPost("/read-all", ReadAllAsync).DisableAntiforgery();
        g.MapPost("/settings", SettingsAsync).DisableAntiforgery();
        return app;
    }

    private static Actor ApiActor(HttpContext http) => AuthSetup.ActorOf(http, "api")
        ?? throw new InvalidOperationException("An API endpoint ran without a valid token.");

    private static async Task<Ok<IReadOnlyList<NoticeView>>> ListApiAsync(HttpContext http, [FromQuery] bool? unread, NoticeService notices, CancellationToken ct) =>
        TypedResults.Ok(await notices.InboxAsync(ApiActor(http), unread == true, ct));

    /// <summary>Marking one's own notice read is idempotent and versionless: no If-Match.</summary>
    private static async Task<Results<Ok<NoticeView>, WriteProblem>> ReadApiAsync(HttpContext http, long id, NoticeService notices, UiText t, CancellationToken ct)
    {
        var result = await notices.MarkReadAsync(ApiActor(http), id, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : t.WriteProblem(result.Errors);
    }

    private static async Task<Ok<MarkedDto>> ReadAllApiAsync(HttpContext http, NoticeService notices, CancellationToken ct) =>
        TypedResults.Ok(new MarkedDto(await notices.MarkAllReadAsync(ApiActor(http), ct)));

    public sealed record MarkedDto(int Marked);

    private static async Task<IResult> InboxAsync(HttpContext http, NoticeService notices, CancellationToken ct)
    {
        var actor = http.UiActor();
        return Render(await notices.InboxAsync(actor, false, ct), await notices.SettingsAsync(actor, ct), null, null);
    }

    private static IResult Render(IReadOnlyList<NoticeView> items, NoticeSettings settings, Dictionary<string, string[]>? errors, IFormCollection? values,
        int status = StatusCodes.Status200OK) =>
        Pages.Render<NoticeInboxPage>(new { Notices = items, Settings = settings, Errors = errors, Values = values }, status);

    /// <summary>Following a notice marks it read and goes where it leads.</summary>
    private static async Task<IResult> OpenAsync(HttpContext http, long id, NoticeService notices, UiText t, CancellationToken ct)
    {
        var result = await notices.MarkReadAsync(http.UiActor(), id, ct);
        return result.Succeeded ? Results.Redirect(Pages.SafeReturnUrl(result.Value.Link)) : Pages.NotFoundPage(t);
    }

    /// <summary>The page's forms carry the form token; these endpoints read no bound form, so they check it themselves.</summary>
    private static async Task<bool> FromOurFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static IResult BadForm(UiText t) =>
        Pages.Render<Account.MessagePage>(new { Code = "400", Title = t.Get("Page.Forbidden"), Message = t.Get("Page.ForbiddenText") }, StatusCodes.Status400BadRequest);

    private static async Task<IResult> ReadAsync(HttpContext http, long id, NoticeService notices, IAntiforgery antiforgery, UiText t, CancellationToken ct)
    {
        if (!await FromOurFormAsync(http, antiforgery)) return BadForm(t);
        var result = await notices.MarkReadAsync(http.UiActor(), id, ct);
        return result.Succeeded ? Results.Redirect("/notices") : Pages.NotFoundPage(t);
    }

    private static async Task<IResult> ReadAllAsync(HttpContext http, NoticeService notices, IAntiforgery antiforgery, UiText t, CancellationToken ct)
    {
        if (!await FromOurFormAsync(http, antiforgery)) return BadForm(t);
        await notices.MarkAllReadAsync(http.UiActor(), ct);
        return Results.Redirect("/notices");
    }

    private static async Task<IResult> SettingsAsync(HttpContext http, NoticeService notices, IAntiforgery antiforgery, UiText t, CancellationToken ct)
    {
        if (!await FromOurFormAsync(http, antiforgery)) return BadForm(t);
        var actor = http.UiActor();
        var form = await http.Request.ReadFormAsync(ct);
        var errors = new List<Domain.Common.DomainError>();
        if (!Enum.TryParse<EmailMode>(form["mode"].ToString(), out var mode) || !Enum.IsDefined(mode))
            errors.Add(new Domain.Common.FieldInvalid("Mode", "Error.ValueUnknown"));
        if (!TimeOnly.TryParseExact(form["digestAt"].ToString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            errors.Add(new Domain.Common.FieldInvalid("DigestAt", "Error.Notice.TimeInvalid"));
        if (errors.Count == 0)
        {
            var saved = await notices.SaveSettingsAsync(actor, form["email"].ToString(), mode, at, form["phone"].ToString(), ct);
            if (saved.Succeeded) return Results.Redirect("/notices?done=saved");
            errors.AddRange(saved.Errors);
        }
        return Render(await notices.InboxAsync(actor, false, ct), await notices.SettingsAsync(actor, ct), t.ByField(errors), form,
            StatusCodes.Status422UnprocessableEntity);
    }
}
