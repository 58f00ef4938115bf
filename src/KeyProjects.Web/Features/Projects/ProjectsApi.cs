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
        g.MapGet("/export.pdf", ExportPdfAsync).WithSummary("The filtered list's ledger as PDF (A4 landscape, one page wide); 503 where LibreOffice is not installed")
            .Produces(StatusCodes.Status200OK, contentType: PdfConverter.ContentType);
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

    private static async Task<Results<Ok<ProjectListDto>, ReadProblem>> ListAsync(HttpContext http, ProjectService projects, UiText t, CancellationToken ct)
    {
        var (query, invalid) = ApiQuery(http.Request.Query);
        if (invalid.Count > 0) return t.InvalidValues(invalid);
        var page = await projects.ListAsync(ApiActor(http), query.ToFilter(), ct);
        return TypedResults.Ok(ProjectListDto.From(page));
    }

    private static async Task<Results<FileStreamHttpResult, ReadProblem>> ExportAsync(HttpContext http, ProjectService projects, TimeProvider clock, UiText t, CancellationToken ct)
    {
        var (query, invalid) = ApiQuery(http.Request.Query);
        if (invalid.Count > 0) return t.InvalidValues(invalid);
        return await ProjectsExcel.ExportAsync(ApiActor(http), query.ToFilter(), projects, clock, ct);
    }

    private static Task<Results<FileContentHttpResult, ReadProblem, PdfProblem>> ExportPdfAsync(HttpContext http, ProjectService projects, TimeProvider clock,
        UiText t, PdfConverter pdf, CancellationToken ct) =>
        pdf.ApiAsync(() => ExportAsync(http, projects, clock, t, ct), t, ct);

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

    private static async Task<Results<Ok<ProjectDto>, ReadProblem>> GetAsync(HttpContext http, string code, ProjectService projects, UiText t, CancellationToken ct)
    {
        var result = await projects.GetAsync(ApiActor(http), code, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        ETags.Set(http, result.Value.Version);
        return TypedResults.Ok(ProjectDto.From(result.Value));
    }

    private static async Task<Results<Created<ProjectDto>, WriteProblem>> CreateAsync(HttpContext http, ProjectInput input, ProjectService projects, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        var created = await projects.CreateAsync(actor, input.ToDraft(), ct);
        if (!created.Succeeded) return t.WriteProblem(created.Errors);
        // Read back: the answer names the organisation, which the saved entity does not carry.
        var saved = await projects.GetAsync(actor, created.Value.Code, ct);
        ETags.Set(http, saved.Value.Version);
        return TypedResults.Created($"/api/v1/projects/{saved.Value.Code}", ProjectDto.From(saved.Value));
    }

    private static async Task<Results<Ok<ProjectDto>, ChangeProblem>> UpdateAsync(HttpContext http, string code, ProjectInput input, ProjectService projects, UiText t, CancellationToken ct)
    {
        var version = ETags.Read(http, input.Version);
        if (version.IsMissing) return t.VersionRequired();
        var actor = ApiActor(http);
        var updated = await projects.UpdateAsync(actor, code, version.Value, input.ToDraft(input.Code ?? code), ct);
        if (!updated.Succeeded) return t.ChangeProblem(updated.Errors, version);
        // Read back: a changed organisation is named in the answer, which the tracked entity may not have loaded.
        var saved = await projects.GetAsync(actor, updated.Value.Code, ct);
        ETags.Set(http, saved.Value.Version);
        return TypedResults.Ok(ProjectDto.From(saved.Value));
    }

    private static Task<Results<Ok<ProjectDto>, ChangeProblem>> RetireAsync(HttpContext http, string code, [FromQuery] string? reason, [FromQuery] int? version, ProjectService projects, UiText t, CancellationToken ct) =>
        SetRetiredAsync(http, code, reason, version, retire: true, projects, t, ct);

    private static Task<Results<Ok<ProjectDto>, ChangeProblem>> RestoreAsync(HttpContext http, string code, RetireInput input, ProjectService projects, UiText t, CancellationToken ct) =>
        SetRetiredAsync(http, code, input.Reason, input.Version, retire: false, projects, t, ct);

    private static async Task<Results<Ok<ProjectDto>, ChangeProblem>> SetRetiredAsync(HttpContext http, string code, string? reason, int? bodyVersion, bool retire, ProjectService projects, UiText t, CancellationToken ct)
    {
        var version = ETags.Read(http, bodyVersion);
        if (version.IsMissing) return t.VersionRequired();
        var actor = ApiActor(http);
        var result = retire ? await projects.RetireAsync(actor, code, version.Value, reason, ct) : await projects.RestoreAsync(actor, code, version.Value, reason, ct);
        if (!result.Succeeded) return t.ChangeProblem(result.Errors, version);
        // The retire path loads the project with its organisation, so the saved entity is the answer.
        ETags.Set(http, result.Value.Version);
        return TypedResults.Ok(ProjectDto.From(result.Value));
    }

    private static async Task<Results<Ok<ImportResultDto>, ImportProblem>> ImportAsync(HttpContext http, ProjectImport import, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        var (file, dryRun, tooLarge) = await ProjectsExcel.ReadUploadAsync(http, antiforgery: null);
        if (QueryValues.Bool(http.Request.Query["dryRun"], "dryRun", [])) dryRun = true;
        ImportOutcome outcome;
        if (tooLarge) outcome = ProjectsExcel.TooLarge();
        else if (file is null) return ApiProblems.ImportProblem(StatusCodes.Status400BadRequest, t.Get("Problem.Validation"), t.Get("Error.Import.NoFile"));
        else
        {
            await using var stream = file.OpenReadStream();
            outcome = await import.ImportAsync(actor, stream, dryRun, ct);
        }
        if (outcome.Succeeded)
            return TypedResults.Ok(new ImportResultDto(outcome.Rows, outcome.Created, outcome.Updated, outcome.Unchanged, outcome.PlanYear, outcome.DryRun));
        var status = outcome.Errors[0].Error.MessageKey == "Error.Import.TooLarge" ? StatusCodes.Status413PayloadTooLarge
            : outcome.Errors[0].Error is Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return ApiProblems.ImportProblem(status, t.Get("Import.FailedProblem"), t.Get("Import.NothingWritten"), new Dictionary<string, object?>
            {
                ["errors"] = outcome.Errors.Select(e => new ImportErrorDto(e.Row, e.Column, t.Describe(e.Error))).ToList(),
            });
    }

}
