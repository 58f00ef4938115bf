using KeyProjects.Domain.Access;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Visits;

/// <summary>/api/v1/visits: 分包督导 for other systems and phone apps. Same service and rules as the pages.</summary>
public static class VisitsApi
{
    public static IEndpointRouteBuilder MapVisitsApi(this IEndpointRouteBuilder app, PhotoOptions limits)
    {
        var g = app.MapGroup("/api/v1/visits").RequireAuthorization().WithTags("Visits");
        g.MapPost("", LogAsync)
            .WithSummary("Record a leader's visit: JSON {projectCode, date (yyyy-MM-dd, default today), leaderName, type, findings, problems[]}, or the same as multipart with photos (repeat) and thumbnails")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes))
            .Accepts<VisitRequest>("application/json", "multipart/form-data");
        g.MapGet("", ListAsync).WithSummary("A month's visits (month=YYYY-MM, default this month) in an organisation's subtree (org=id), optionally of one project or leader");
        g.MapGet("/compliance", ComplianceAsync).WithSummary("Each leader's visits against the monthly requirement in an organisation's subtree (org=id, month=YYYY-MM)");
        return app;
    }

    private static Actor ApiActor(HttpContext http) => AuthSetup.ActorOf(http, "api")
        ?? throw new InvalidOperationException("An API endpoint ran without a valid token.");

    private static async Task<Results<Created<VisitDto>, TooLargeProblem, WriteProblem>> LogAsync(HttpContext http, VisitService visits, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        VisitInput input;
        List<Domain.Common.DomainError> errors;
        List<PhotoInput> photos = [];
        if (http.Request.HasFormContentType)
        {
            var upload = await VisitUpload.ReadAsync(http, visits.PhotoLimits, antiforgery: null);
            if (upload.TooLarge) return PhotoEndpoints.TooLarge(t, visits.PhotoLimits);
            (input, errors) = upload.Input();
            photos = upload.Inputs();
        }
        else
        {
            VisitRequest? body;
            try { body = await http.Request.ReadFromJsonAsync<VisitRequest>(ct); }
            catch (System.Text.Json.JsonException) { body = null; }
            if (body is null) return t.BadRequest("Error.Visit.BodyInvalid").AsWrite();
            (input, errors) = VisitUpload.Parse(body.ProjectCode, body.Date, body.LeaderName, null, body.Findings, body.Problems ?? []);
            input = input with
            {
                Type = body.Type,
                ProblemCategory = string.IsNullOrWhiteSpace(body.ProblemCategory) ? null : body.ProblemCategory.Trim(),
                ProblemDepartmentOrgId = body.ProblemDepartmentOrgId,
            };
        }
        if (errors.Count > 0) return t.WriteProblem(errors);
        var result = await visits.LogAsync(actor, input, photos, ct);
        if (!result.Succeeded) return t.WriteProblem(result.Errors);
        var v = result.Value;
        return TypedResults.Created($"/api/v1/visits?project={v.ProjectCode}&month={Period.Of(v.Date)}", VisitDto.From(v));
    }

    private static async Task<Results<Ok<List<VisitDto>>, ReadProblem>> ListAsync(HttpContext http, [FromQuery] string? org, [FromQuery] string? month, [FromQuery] string? project,
        [FromQuery] string? leader, VisitService visits, UiText t, CancellationToken ct)
    {
        var (orgId, period, invalid) = Query(org, month, visits.Today, t);
        if (invalid is not null) return invalid;
        var result = await visits.ListAsync(ApiActor(http), orgId, period, project, leader, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        return TypedResults.Ok(result.Value.Visits.Select(VisitDto.From).ToList());
    }

    private static async Task<Results<Ok<ComplianceDto>, ReadProblem>> ComplianceAsync(HttpContext http, [FromQuery] string? org, [FromQuery] string? month, VisitService visits, UiText t, CancellationToken ct)
    {
        var (orgId, period, invalid) = Query(org, month, visits.Today, t);
        if (invalid is not null) return invalid;
        var result = await visits.ComplianceAsync(ApiActor(http), orgId, period, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        return TypedResults.Ok(ComplianceDto.From(result.Value));
    }

    private static (int? Org, Period Month, ReadProblem? Invalid) Query(string? org, string? month, DateOnly today, UiText t)
    {
        var invalid = new List<string>();
        var orgId = QueryValues.Id(org, "org", invalid);
        var period = QueryValues.Month(month, "month", invalid) ?? Period.Of(today);
        if (invalid.Count == 0) return (orgId, period, null);
        return (null, period, t.InvalidValues(invalid, n => n == "month" ? "Error.Visit.MonthInvalid" : "Error.ValueUnknown"));
    }
}
