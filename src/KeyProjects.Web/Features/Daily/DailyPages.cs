using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Daily;

/// <summary>每日进度 pages: the phone form and timeline of a project, its 缺报 days, and the 缺报 table of a region.</summary>
public static class DailyPages
{
    public static IEndpointRouteBuilder MapDailyPages(this IEndpointRouteBuilder app, PhotoOptions limits)
    {
        var g = app.MapGroup("").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("/projects/{code}/daily", TimelineAsync);
        g.MapPost("/projects/{code}/daily", PostAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes));
        g.MapGet("/projects/{code}/daily/missing", ProjectMissingAsync);
        g.MapGet("/daily/missing", OrgMissingAsync);
        return app;
    }

    private static async Task<IResult> TimelineAsync(HttpContext http, string code, DailyPostService daily, UiText t, CancellationToken ct)
    {
        var result = await daily.TimelineAsync(http.UiActor(), code, null, null, ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        return Render(result.Value, daily, posted: http.Request.Query["done"] == "posted");
    }

    private static IResult Render(DailyTimeline data, DailyPostService daily, bool posted = false, string? text = null, string? date = null,
        Dictionary<string, string[]>? errors = null, int status = StatusCodes.Status200OK) =>
        Pages.Render<DailyPage>(new
        {
            Data = data,
            Limits = daily.PhotoLimits,
            Today = daily.Today,
            BackfillDays = daily.BackfillDays,
            Posted = posted,
            Text = text,
            Date = date,
            Errors = errors,
        }, status);

    private static async Task<IResult> PostAsync(HttpContext http, string code, DailyPostService daily, IAntiforgery antiforgery, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var timeline = await daily.TimelineAsync(actor, code, null, null, ct);
        if (!timeline.Succeeded) return Pages.NotFoundPage(t);
        var upload = await PhotoForm.ReadAsync(http, daily.PhotoLimits, antiforgery);
        if (upload.TooLarge)
            return Render(timeline.Value, daily, errors: new() { [PhotoService.Field] = [t.Format("Error.Photo.RequestTooLarge", daily.PhotoLimits.MaxPerPost, PhotoService.SizeText(daily.PhotoLimits.MaxBytes))] },
                status: StatusCodes.Status413PayloadTooLarge);
        var (date, dateError) = upload.ParseDate();
        var result = dateError is not null
            ? Domain.Common.Result<DailyPostView>.Fail(dateError)
            : await daily.PostAsync(actor, code, upload.Text, date, upload.Inputs(), ct);
        if (result.Succeeded) return Results.Redirect($"/projects/{timeline.Value.Project.Code}/daily?done=posted");
        if (result.Errors[0] is Domain.Common.Forbidden) return Pages.ForbiddenPage(t, t.Describe(result.Errors[0]));
        var errors = t.ByField(result.Errors);
        return Render(timeline.Value, daily, text: upload.Text, date: upload.Date, errors: errors, status: StatusCodes.Status422UnprocessableEntity);
    }

    private static Period MonthOf(HttpContext http, DailyPostService daily) =>
        Period.TryParse(http.Request.Query["month"].ToString(), out var p) ? p : Period.Of(daily.Today);

    private static async Task<IResult> ProjectMissingAsync(HttpContext http, string code, DailyPostService daily, UiText t, CancellationToken ct)
    {
        var result = await daily.MissingForProjectAsync(http.UiActor(), code, MonthOf(http, daily), ct);
        return result.Succeeded ? Pages.Render<DailyMissingPage>(new { Data = result.Value }) : Pages.NotFoundPage(t);
    }

    private static async Task<IResult> OrgMissingAsync(HttpContext http, [FromQuery] int? org, DailyPostService daily, OrgService orgs, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var result = await daily.MissingForOrgAsync(actor, org, MonthOf(http, daily), ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        // Regions to choose from (departments and units own no projects), and the caller's own node whatever it is.
        var nodes = (await orgs.SubtreeAsync(actor, ct))
            .Where(n => n.IsActive && Domain.Organisations.OrgTree.IsRegion(n.Kind) || n.Id == actor.OrgId).ToList();
        return Pages.Render<DailyMissingOrgPage>(new { Data = result.Value, Orgs = nodes });
    }
}
