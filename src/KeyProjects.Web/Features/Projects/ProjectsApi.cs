using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Projects;

/// <summary>/api/v1/projects: the registry for other systems. Same service, same rules, same subtree as the pages.</summary>
public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/projects").RequireAuthorization().WithTags("Projects");

        g.MapGet("/", ListAsync).WithSummary("List projects (filters as the UI; paged)");
        g.MapGet("/export", ExportAsync).WithSummary("The filtered list as the province's .xlsx ledger")
            .Produces(StatusCodes.Status200OK, contentType: ProjectsExcel.ContentType);
        g.MapPost("/import", ImportAsync).WithSummary("Import a ledger (.xlsx, .xls, .csv); all rows or none")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(ProjectsExcel.RequestLimit))
            .Accepts<IFormFile>("multipart/form-data");
        g.MapGet("/{code}", GetAsync).WithSummary("One project");
        g.MapPost("/", CreateAsync).WithSummary("Create a project");
        g.MapPut("/{code}", UpdateAsync).WithSummary("Replace a project's data; send the version you read (body or If-Match)");
        g.MapDelete("/{code}", RetireAsync).WithSummary("Retire a project (never deleted): reason and version required");
        g.MapPost("/{code}/restore", RestoreAsync).WithSummary("Bring a retired project back");
        return app;
    }

    private static Actor ApiActor(HttpContext http) => AuthSetup.ActorOf(http, "api")
        ?? throw new InvalidOperationException("An API endpoint ran without a valid token.");

    private static Results<Ok<ProjectListDto>, ValidationProblem> Invalid(UiText t, IReadOnlyList<string> names) =>
        TypedResults.ValidationProblem(names.ToDictionary(n => n, _ => new[] { t.Get("Error.ValueUnknown") }), title: t.Get("Problem.Validation"));

    private static async Task<Results<Ok<ProjectListDto>, ValidationProblem>> ListAsync(HttpContext http, ProjectService projects, UiText t, CancellationToken ct)
    {
        var (query, invalid) = ApiQuery(http.Request.Query);
        if (invalid.Count > 0) return Invalid(t, invalid);
        var page = await projects.ListAsync(ApiActor(http), query.ToFilter(), ct);
        return TypedResults.Ok(ProjectListDto.From(page));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, ProjectService projects, TimeProvider clock, UiText t, CancellationToken ct)
    {
        var (query, invalid) = ApiQuery(http.Request.Query);
        if (invalid.Count > 0) return Invalid(t, invalid).Result;
        return await ProjectsExcel.ExportAsync(ApiActor(http), query.ToFilter(), projects, clock, ct);
    }

    /// <summary>The API's query names (pageSize, includeRetired) on the list's query; unknown values are reported, not ignored.</summary>
    internal static (ProjectListQuery Query, List<string> Invalid) ApiQuery(IQueryCollection q)
    {
        var query = ProjectListQuery.From(q) with
        {
            Size = q.ContainsKey("pageSize") ? q["pageSize"].ToString() : q["size"].ToString(),
            Retired = q.ContainsKey("includeRetired") ? q["includeRetired"].ToString() : q["retired"].ToString(),
            Desc = q.ContainsKey("descending") ? q["descending"].ToString() : q["desc"].ToString(),
        };
        var filter = query.ToFilter();
        var invalid = new List<string>();
        void Check(string name, string? raw, bool parsed) { if (!string.IsNullOrEmpty(raw) && !parsed) invalid.Add(name); }
        Check("org", query.Org, filter.OrgId is not null);
        Check("level", query.Level, filter.Level is not null);
        Check("list", query.List, filter.List is not null);
        Check("stage", query.Stage, filter.Stage is not null);
        Check("sector", query.Sector, filter.Sector is not null);
        Check("year", query.Year, filter.Year is not null || filter.AllYears);
        Check("kind", query.Kind, filter.Construction is not null);
        Check("investment", query.Investment, filter.Investment is not null);
        Check("sort", query.Sort, Enum.TryParse<ProjectSort>(query.Sort, true, out _));
        Check("page", query.Page, int.TryParse(query.Page, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        Check("pageSize", query.Size, int.TryParse(query.Size, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= ProjectFilter.MaxPageSize);
        return (query, invalid);
    }

    private static async Task<IResult> GetAsync(HttpContext http, string code, ProjectService projects, UiText t, CancellationToken ct)
    {
        var result = await projects.GetAsync(ApiActor(http), code, ct);
        if (!result.Succeeded) return t.ToProblem(result.Errors);
        http.Response.Headers.ETag = ProjectService.VersionTag(result.Value.Version);
        return TypedResults.Ok(ProjectDto.From(result.Value));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ProjectInput input, ProjectService projects, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        var created = await projects.CreateAsync(actor, input.ToDraft(), ct);
        if (!created.Succeeded) return t.ToProblem(created.Errors);
        var saved = await projects.GetAsync(actor, created.Value.Code, ct);
        http.Response.Headers.ETag = ProjectService.VersionTag(saved.Value.Version);
        return TypedResults.Created($"/api/v1/projects/{saved.Value.Code}", ProjectDto.From(saved.Value));
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string code, ProjectInput input, ProjectService projects, UiText t, CancellationToken ct)
    {
        var version = input.Version ?? (int?)FormValues.IfMatch(http);
        if (version is null) return VersionRequired(t);
        var actor = ApiActor(http);
        var updated = await projects.UpdateAsync(actor, code, version.Value, input.ToDraft(input.Code ?? code), ct);
        if (!updated.Succeeded) return t.ToProblem(updated.Errors);
        var saved = await projects.GetAsync(actor, updated.Value.Code, ct);
        http.Response.Headers.ETag = ProjectService.VersionTag(saved.Value.Version);
        return TypedResults.Ok(ProjectDto.From(saved.Value));
    }

    private static Task<IResult> RetireAsync(HttpContext http, string code, [FromQuery] string? reason, [FromQuery] int? version, ProjectService projects, UiText t, CancellationToken ct) =>
        SetRetiredAsync(http, code, reason, version, retire: true, projects, t, ct);

    private static Task<IResult> RestoreAsync(HttpContext http, string code, RetireInput input, ProjectService projects, UiText t, CancellationToken ct) =>
        SetRetiredAsync(http, code, input.Reason, input.Version, retire: false, projects, t, ct);

    private static async Task<IResult> SetRetiredAsync(HttpContext http, string code, string? reason, int? version, bool retire, ProjectService projects, UiText t, CancellationToken ct)
    {
        version ??= (int?)FormValues.IfMatch(http);
        if (version is null) return VersionRequired(t);
        var actor = ApiActor(http);
        var result = retire ? await projects.RetireAsync(actor, code, version.Value, reason, ct) : await projects.RestoreAsync(actor, code, version.Value, reason, ct);
        if (!result.Succeeded) return t.ToProblem(result.Errors);
        var saved = await projects.GetAsync(actor, result.Value.Code, ct);
        return TypedResults.Ok(ProjectDto.From(saved.Value));
    }

    private static async Task<IResult> ImportAsync(HttpContext http, ProjectImport import, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        var (file, dryRun, tooLarge) = await ProjectsExcel.ReadUploadAsync(http, antiforgery: null);
        if (http.Request.Query["dryRun"].ToString() is "true" or "1") dryRun = true;
        ImportOutcome outcome;
        if (tooLarge) outcome = ProjectsExcel.TooLarge();
        else if (file is null) return TypedResults.Problem(statusCode: 400, title: t.Get("Problem.Validation"), detail: t.Get("Error.Import.NoFile"));
        else
        {
            await using var stream = file.OpenReadStream();
            outcome = await import.ImportAsync(actor, stream, dryRun, ct);
        }
        if (outcome.Succeeded)
            return TypedResults.Ok(new ImportResultDto(outcome.Rows, outcome.Created, outcome.Updated, outcome.Unchanged, outcome.PlanYear, outcome.DryRun));
        var status = outcome.Errors[0].Error.MessageKey == "Error.Import.TooLarge" ? StatusCodes.Status413PayloadTooLarge
            : outcome.Errors[0].Error is Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return TypedResults.Problem(statusCode: status, title: t.Get("Import.FailedProblem"), detail: t.Get("Import.NothingWritten"),
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = outcome.Errors.Select(e => new ImportErrorDto(e.Row, e.Column, t.Describe(e.Error))).ToList(),
            });
    }


    private static IResult VersionRequired(UiText t) =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: t.Get("Problem.VersionRequired"), detail: t.Get("Error.VersionRequired"));
}
