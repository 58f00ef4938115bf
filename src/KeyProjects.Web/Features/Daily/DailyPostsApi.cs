using KeyProjects.Domain.Access;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Daily;

/// <summary>/api/v1/…/daily-posts: 每日进度 for other systems and phone apps. Same service and rules as the pages.</summary>
public static class DailyPostsApi
{
    public static IEndpointRouteBuilder MapDailyPostsApi(this IEndpointRouteBuilder app, PhotoOptions limits)
    {
        var g = app.MapGroup("/api/v1").RequireAuthorization().WithTags("Daily posts");
        g.MapPost("/projects/{code}/daily-posts", PostAsync)
            .WithSummary("Post the day's progress: multipart text, date (yyyy-MM-dd, default today), photos (repeat), thumbnails (optional, same order)")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes))
            .Accepts<IFormFile>("multipart/form-data");
        g.MapGet("/projects/{code}/daily-posts", ListAsync).WithSummary("A project's posts from..to (yyyy-MM-dd; default the last 30 days), newest first");
        g.MapGet("/daily-posts/missing", MissingAsync).WithSummary("Days without a post in a month (month=YYYY-MM) for each project of an organisation (org=id)");
        return app;
    }

    private static Actor ApiActor(HttpContext http) => AuthSetup.ActorOf(http, "api")
        ?? throw new InvalidOperationException("An API endpoint ran without a valid token.");

    private static async Task<Results<Created<DailyPostDto>, TooLargeProblem, WriteProblem>> PostAsync(HttpContext http, string code, DailyPostService daily, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        var upload = await PhotoForm.ReadAsync(http, daily.PhotoLimits, antiforgery: null);
        if (upload.TooLarge) return PhotoEndpoints.TooLarge(t, daily.PhotoLimits);
        var (date, dateError) = upload.ParseDate();
        if (dateError is not null) return t.WriteProblem([dateError]);
        var result = await daily.PostAsync(actor, code, upload.Text, date, upload.Inputs(), ct);
        if (!result.Succeeded) return t.WriteProblem(result.Errors);
        var saved = result.Value;
        var normalized = Domain.Projects.ProjectCode.Normalize(code);
        var day = Display.Date(saved.Date);
        return TypedResults.Created($"/api/v1/projects/{normalized}/daily-posts?from={day}&to={day}", DailyPostDto.From(normalized, saved));
    }

    private static async Task<Results<Ok<List<DailyPostDto>>, ReadProblem>> ListAsync(HttpContext http, string code, [FromQuery] string? from, [FromQuery] string? to, DailyPostService daily, UiText t, CancellationToken ct)
    {
        var invalid = new List<string>();
        var start = QueryValues.Date(from, "from", invalid);
        var end = QueryValues.Date(to, "to", invalid);
        if (invalid.Count > 0) return t.InvalidValues(invalid, _ => "Error.NotADate");
        var result = await daily.TimelineAsync(ApiActor(http), code, start, end, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        return TypedResults.Ok(result.Value.Posts.Select(p => DailyPostDto.From(result.Value.Project.Code, p)).ToList());
    }

    private static async Task<Results<Ok<MissingReportDto>, ReadProblem>> MissingAsync(HttpContext http, [FromQuery] string? org, [FromQuery] string? month, DailyPostService daily, UiText t, CancellationToken ct)
    {
        var invalid = new List<string>();
        var orgId = QueryValues.Id(org, "org", invalid);
        var period = QueryValues.Month(month, "month", invalid) ?? Period.Of(daily.Today);
        if (invalid.Count > 0) return t.InvalidValues(invalid, n => n == "month" ? "Error.Daily.MonthInvalid" : "Error.ValueUnknown");
        var result = await daily.MissingForOrgAsync(ApiActor(http), orgId, period, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        var r = result.Value;
        return TypedResults.Ok(new MissingReportDto(r.OrgId, r.OrgName, r.Month.ToString(), r.DueDays, r.PostedDays, r.MissingDays, r.Rows));
    }
}
