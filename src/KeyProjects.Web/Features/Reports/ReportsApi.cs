using KeyProjects.Domain.Access;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyProjects.Web.Features.Reports;

/// <summary>/api/v1/reports and /api/v1/metrics: the same services and rules as the pages.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/reports").RequireAuthorization().WithTags("Reports");
        g.MapPost("/", SaveAsync).WithSummary("Fill in a month (or change a draft or returned one: send its version); submit: true submits at once; history: true loads history (administrators)");
        g.MapGet("/", ListAsync).WithSummary("Reports by projectCode, year, month, status");
        g.MapGet("/{id:long}", GetAsync).WithSummary("One report");
        g.MapPost("/{id:long}/submit", (HttpContext h, long id, ReportActionRequest? body, ReportService s, UiText t, CancellationToken ct) =>
            ActAsync(h, id, body, ReportAction.Submit, s, t, ct)).WithSummary("报送");
        g.MapPost("/{id:long}/approve", (HttpContext h, long id, ReportActionRequest? body, ReportService s, UiText t, CancellationToken ct) =>
            ActAsync(h, id, body, ReportAction.Approve, s, t, ct)).WithSummary("审核通过");
        g.MapPost("/{id:long}/return", (HttpContext h, long id, ReportActionRequest? body, ReportService s, UiText t, CancellationToken ct) =>
            ActAsync(h, id, body, ReportAction.Return, s, t, ct)).WithSummary("退回 (reason required)");
        g.MapPost("/{id:long}/reopen", (HttpContext h, long id, ReportActionRequest? body, ReportService s, UiText t, CancellationToken ct) =>
            ActAsync(h, id, body, ReportAction.Reopen, s, t, ct)).WithSummary("Reopen a locked report (administrators; reason required)");
        var limits = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Photos.PhotoOptions>>().Value;
        g.MapPost("/{id:long}/photos", PhotoAsync).WithSummary("Add a site photo to a report (multipart: photo, optional thumbnail); JPEG, PNG or WebP, metadata stripped")
            .DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limits.MaxBytes + limits.MaxThumbnailBytes + 64 * 1024))
            .Accepts<IFormFile>("multipart/form-data");
        g.MapPost("/history", HistoryAsync).WithSummary("Load a month of an old 月报台账 (.xlsx, .xls, .csv) as history, all rows or none: form fields file, year, month, knownFrom (yyyy-MM-dd, default the month's deadline)")
            .DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Projects.ProjectsExcel.RequestLimit))
            .Accepts<IFormFile>("multipart/form-data");
        app.MapPost("/api/v1/periods/close", CloseAsync).RequireAuthorization().WithTags("Reports")
            .WithSummary("Close (锁定) a month for an organisation's subtree: ?org=&year=&month=");
        app.MapGet("/api/v1/metrics", MetricsAsync).RequireAuthorization().WithTags("Metrics")
            .WithSummary("Every metric for a node: org, list (e.g. Provincial,SpecialBond), asOf=yyyy-MM-dd, period=yyyy-MM, convention=months|days|plan, by=children");
        return app;
    }

    private static Actor ApiActor(HttpContext http) => AuthSetup.ActorOf(http, "api")
        ?? throw new InvalidOperationException("An API endpoint ran without a valid token.");

    /// <summary>
    /// Fills in a month: a creation when there is no report yet (no version needed), otherwise a change of the report
    /// (its version required: 428 without, 412/409 when stale).
    /// </summary>
    private static async Task<Results<Created<ReportDto>, Ok<ReportDto>, ChangeProblem>> SaveAsync(HttpContext http, ReportRequest body, ReportService reports, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        if (string.IsNullOrWhiteSpace(body.ProjectCode)) return t.InvalidValues(["projectCode"], _ => "Error.Required").AsChange();
        var period = new Period(body.Year, body.Month);
        var version = ETags.Read(http, body.Version);
        var result = body.History
            ? await reports.LoadHistoryAsync(actor, body.ProjectCode, period, body.ToInput(), body.KnownFrom, ct)
            : await reports.SaveAsync(actor, body.ProjectCode, period, body.ToInput(), version.IsMissing ? null : version.Value, body.Submit, ct);
        if (!result.Succeeded) return body.History ? t.ReadProblem(result.Errors).AsChange() : t.ChangeProblem(result.Errors, version);
        var project = (await reports.ProjectAsync(actor, body.ProjectCode, ct)).Value.Project;
        var dto = ReportDto.From(result.Value, project);
        ETags.Set(http, result.Value.Version);
        return version.IsMissing && result.Value.Version == 1
            ? TypedResults.Created($"/api/v1/reports/{dto.Id}", dto)
            : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<List<ReportDto>>, ReadProblem>> ListAsync(HttpContext http, ReportService reports, UiText t, CancellationToken ct)
    {
        var q = http.Request.Query;
        var invalid = new List<string>();
        var year = QueryValues.Id(q["year"], "year", invalid, 2000, 2100);
        var month = QueryValues.Id(q["month"], "month", invalid, 1, 12);
        var status = QueryValues.Enum<ReportStatus>(q["status"], "status", invalid);
        if (invalid.Count > 0) return t.InvalidValues(invalid);
        var result = await reports.ListAsync(ApiActor(http), q["projectCode"].ToString(), year, month, status, ct: ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        return TypedResults.Ok(result.Value.Select(x => ReportDto.From(x.Report, x.Project)).ToList());
    }

    private static async Task<Results<Ok<ReportDto>, ReadProblem>> GetAsync(HttpContext http, long id, ReportService reports, UiText t, CancellationToken ct)
    {
        var result = await reports.GetAsync(ApiActor(http), id, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        ETags.Set(http, result.Value.Report.Version);
        return TypedResults.Ok(ReportDto.From(result.Value.Report, result.Value.Project));
    }

    private static async Task<Results<Ok<ReportDto>, ChangeProblem>> ActAsync(HttpContext http, long id, ReportActionRequest? body, ReportAction action, ReportService reports, UiText t, CancellationToken ct)
    {
        var version = ETags.Read(http, body?.Version);
        if (version.IsMissing) return t.VersionRequired();
        var actor = ApiActor(http);
        var result = action switch
        {
            ReportAction.Submit => await reports.SubmitAsync(actor, id, version.Value, ct),
            ReportAction.Approve => await reports.ApproveAsync(actor, id, version.Value, ct),
            ReportAction.Return => await reports.ReturnAsync(actor, id, version.Value, body?.Reason, ct),
            _ => await reports.ReopenAsync(actor, id, version.Value, body?.Reason, ct),
        };
        if (!result.Succeeded) return t.ChangeProblem(result.Errors, version);
        // The answer names the project, which the saved report does not carry; the project comes from the in-memory index.
        var got = await reports.GetAsync(actor, id, ct);
        ETags.Set(http, got.Value.Report.Version);
        return TypedResults.Ok(ReportDto.From(got.Value.Report, got.Value.Project));
    }

    private static async Task<Results<Created<ReportPhotoDto>, TooLargeProblem, WriteProblem>> PhotoAsync(HttpContext http, long id, ReportService reports, UiText t, CancellationToken ct)
    {
        var limits = reports.PhotoLimits;
        var form = await Uploads.ReadFormAsync(http, limits.MaxBytes + limits.MaxThumbnailBytes + 64 * 1024, antiforgery: null, ct);
        if (form is null) return t.TooLarge(t.Format("Error.Photo.TooLarge", 1, Photos.PhotoService.SizeText(limits.MaxBytes)));
        var file = form.Files.GetFile("photo") ?? form.Files.GetFile("photos") ?? form.Files.FirstOrDefault(f => f.Name != "thumbnail");
        if (file is null) return t.InvalidValues(["photo"], _ => "Error.Required").AsWrite();
        var thumb = form.Files.GetFile("thumbnail");
        await using var content = file.OpenReadStream();
        await using var thumbnail = thumb?.OpenReadStream();
        var result = await reports.AddPhotoAsync(ApiActor(http), id, new Photos.PhotoInput(content, file.Length, thumbnail, thumb?.Length), ct);
        if (!result.Succeeded) return t.WriteProblem(result.Errors);
        var p = result.Value;
        return TypedResults.Created($"/api/v1/photos/{p.Id}", new ReportPhotoDto(p.Id, p.ContentType, p.Width, p.Height, p.SizeBytes, p.Sha256));
    }

    private static async Task<Results<Ok<HistoryLoadedDto>, ImportProblem>> HistoryAsync(HttpContext http, ReportHistoryImport import, UiText t, CancellationToken ct)
    {
        var (outcome, _) = await ReportHistoryForm.RunAsync(http, ApiActor(http), import, antiforgery: null, ct);
        if (outcome.Succeeded) return TypedResults.Ok(new HistoryLoadedDto(outcome.Loaded));
        var status = outcome.Errors[0].Error.MessageKey == "Error.Import.TooLarge" ? StatusCodes.Status413PayloadTooLarge
            : outcome.Errors[0].Error is Domain.Common.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return ApiProblems.ImportProblem(status, t.Get("Problem.Validation"),
            string.Join(" ", outcome.Errors.Take(5).Select(e => ReportHistoryForm.Describe(t, e))),
            new Dictionary<string, object?>
            {
                ["errors"] = outcome.Errors.Select(e => new { row = e.Row, column = e.Column, message = t.Describe(e.Error) }).ToList(),
            });
    }

    private static async Task<Results<Ok<PeriodClosedDto>, WriteProblem>> CloseAsync(HttpContext http, ReportService reports, UiText t, CancellationToken ct)
    {
        var q = http.Request.Query;
        // Each of the three is required; the first missing or unreadable one is named, as before.
        foreach (var name in new[] { "org", "year", "month" })
            if (QueryValues.Id(q[name], name, []) is null) return t.InvalidValues([name]).AsWrite();
        var result = await reports.ClosePeriodAsync(ApiActor(http), QueryValues.Id(q["org"], "org", [])!.Value,
            new Period(QueryValues.Id(q["year"], "year", [])!.Value, QueryValues.Id(q["month"], "month", [])!.Value), ct);
        if (!result.Succeeded) return t.WriteProblem(result.Errors);
        return TypedResults.Ok(new PeriodClosedDto(result.Value));
    }

    private static async Task<Results<Ok<MetricsResponse>, ReadProblem>> MetricsAsync(HttpContext http, ProgressService progress, UiText t, CancellationToken ct)
    {
        var parsed = MetricsQuery.Parse(http.Request.Query);
        if (parsed.Invalid.Count > 0) return t.InvalidValues(parsed.Invalid);
        var result = await progress.ViewAsync(ApiActor(http), parsed.OrgId, parsed.Selection, parsed.AsOf, parsed.Period, parsed.Convention, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        var v = result.Value;
        return TypedResults.Ok(new MetricsResponse(v.Period.ToString(), v.AsOf, v.Metrics.Convention, v.Selection.ToString(), v.MonthsEarlyForHalf,
            v.Corrections, MetricsDto.From(v.Node, v.Metrics),
            parsed.ByChildren ? v.Children.Select(c => MetricsDto.From(c.Org, c.Metrics, c.PointsAboveParent)).ToList() : null));
    }
}

/// <summary>The query of a metrics view, shared by the dashboard page and the API; unknown values are reported, not ignored.</summary>
public sealed record MetricsQuery(int? OrgId, ProjectSelection Selection, DateOnly? AsOf, Period? Period, TimeConvention? Convention, bool ByChildren,
    IReadOnlyList<string> Invalid)
{
    public static MetricsQuery Parse(IQueryCollection q)
    {
        var invalid = new List<string>();
        var org = QueryValues.Id(q["org"], "org", invalid);
        if (!ProjectSelection.TryParse(q["list"].ToString(), out var selection)) invalid.Add("list");
        var asOf = QueryValues.Date(q["asOf"], "asOf", invalid);
        var period = QueryValues.Month(q["period"], "period", invalid);
        var convention = QueryValues.Enum<TimeConvention>(q["convention"], "convention", invalid);
        var by = q["by"].ToString();
        if (by.Length > 0 && by != "children") invalid.Add("by");
        return new MetricsQuery(org, selection, asOf, period, convention, by == "children", invalid);
    }
}
