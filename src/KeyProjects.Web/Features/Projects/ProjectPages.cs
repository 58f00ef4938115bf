using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Projects;

/// <summary>The registry's pages: list (with htmx partial updates), detail, create, edit, retire, history, import, export.</summary>
public static class ProjectPages
{
    public static IEndpointRouteBuilder MapProjectPages(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/projects").RequireAuthorization().ExcludeFromDescription();

        g.MapGet("/", ListAsync);
        g.MapGet("/export", ExportAsync);
        g.MapGet("/export.pdf", ExportPdfAsync);
        g.MapGet("/import", (HttpContext http, UiText t) =>
            http.UiActor().Can(Permission.ImportProjects) ? Pages.Render<ProjectImportPage>(new { }) : Pages.ForbiddenPage(t));
        g.MapPost("/import", ImportAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(ProjectsExcel.RequestLimit));
        g.MapGet("/import/template", () => ProjectsExcel.Template());
        g.MapGet("/new", NewAsync);
        g.MapPost("/new", CreateAsync);
        g.MapGet("/{code}", DetailAsync);
        g.MapGet("/{code}/edit", EditAsync);
        g.MapPost("/{code}/edit", UpdateAsync);
        g.MapPost("/{code}/retire", (HttpContext http, string code, IFormCollection posted, ProjectService projects, UiText t, TimeProvider clock, CancellationToken ct) =>
            SetRetiredAsync(http, code, RetireForm.Read(posted), retire: true, projects, t, clock, ct));
        g.MapPost("/{code}/restore", (HttpContext http, string code, IFormCollection posted, ProjectService projects, UiText t, TimeProvider clock, CancellationToken ct) =>
            SetRetiredAsync(http, code, RetireForm.Read(posted), retire: false, projects, t, clock, ct));
        g.MapGet("/{code}/history", HistoryAsync);
        return app;
    }

    public sealed class RetireForm
    {
        public string? Reason { get; set; }
        public int Version { get; set; }

        public static RetireForm Read(IFormCollection f) => new() { Reason = f.Text(nameof(Reason)), Version = f.Int(nameof(Version)) };
    }

    private static async Task<IResult> ListAsync(HttpContext http, ProjectService projects, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.UiActor();
        var query = ProjectListQuery.From(http.Request.Query);
        var page = await projects.ListAsync(actor, query.ToFilter(), ct);
        var today = Display.Today(clock);
        if (http.Request.IsHtmx() && http.Request.Headers["HX-Target"] == "project-results")
            return Pages.Render<ProjectTable>(new { Data = page, Query = query, Today = today });
        var years = (await projects.PlanYearsAsync(actor, ct)).Union([page.PlanYear]).OrderDescending().ToList();
        return Pages.Render<ProjectListPage>(new
        {
            Data = page,
            Query = query,
            Regions = await projects.RegionsAsync(actor, ct),
            Years = years,
            Today = today,
            CanCreate = actor.Can(Permission.CreateProject),
            CanImport = actor.Can(Permission.ImportProjects),
        });
    }

    private static async Task<IResult> ExportAsync(HttpContext http, ProjectService projects, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.UiActor();
        return await ProjectsExcel.ExportAsync(actor, ProjectListQuery.From(http.Request.Query).ToFilter(), projects, clock, ct);
    }

    private static Task<IResult> ExportPdfAsync(HttpContext http, ProjectService projects, TimeProvider clock, UiText t, PdfConverter pdf, CancellationToken ct) =>
        pdf.PageAsync(() => ExportAsync(http, projects, clock, ct), t, ct);

    private static async Task<IResult> ImportAsync(HttpContext http, ProjectImport import, IAntiforgery antiforgery, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        if (!actor.Can(Permission.ImportProjects)) return Pages.ForbiddenPage(t);
        var (file, dryRun, tooLarge) = await ProjectsExcel.ReadUploadAsync(http, antiforgery);
        ImportOutcome outcome;
        if (tooLarge) outcome = ProjectsExcel.TooLarge();
        else if (file is null) outcome = new ImportOutcome(0, 0, 0, 0, 0, dryRun, [new Domain.Ledger.ImportError(0, null, new RuleBroken("Error.Import.NoFile"))]);
        else
        {
            await using var stream = file.OpenReadStream();
            outcome = await import.ImportAsync(actor with { Channel = "ui" }, stream, dryRun, ct);
        }
        return Pages.Render<ProjectImportPage>(new { Outcome = outcome }, outcome.Succeeded ? 200 : 422);
    }

    private static async Task<IResult> NewAsync(HttpContext http, ProjectService projects, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        if (!actor.Can(Permission.CreateProject)) return Pages.ForbiddenPage(t);
        var regions = await projects.RegionsAsync(actor, ct);
        var form = new ProjectForm
        {
            OrgId = regions.FirstOrDefault(r => r.Id == actor.OrgId)?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Stage = nameof(ProjectStage.Procedures),
        };
        return Pages.Render<ProjectEditPage>(new { Form = form, Regions = regions, IsNew = true });
    }

    /// <summary>Values the form could not read, together with what the rules say about the fields it could.</summary>
    private static Result<Project> Unreadable(List<DomainError> parseErrors, ProjectDraft draft, TimeProvider clock) =>
        Result<Project>.Fail(parseErrors.Concat(ProjectRules.Validate(draft, Display.Today(clock)).Where(e => parseErrors.All(p => p.Field != e.Field))).ToList());

    private static async Task<IResult> CreateAsync(HttpContext http, IFormCollection posted, ProjectService projects, UiText t,
        TimeProvider clock, CancellationToken ct)
    {
        var form = ProjectForm.Read(posted);
        var actor = http.UiActor();
        if (!actor.Can(Permission.CreateProject)) return Pages.ForbiddenPage(t);
        var (draft, parseErrors) = form.ToDraft();
        var result = parseErrors.Count > 0 ? Unreadable(parseErrors, draft, clock) : await projects.CreateAsync(actor, draft, ct);
        if (result.Succeeded) return Results.Redirect($"/projects/{result.Value.Code}?done=created");
        return Pages.Render<ProjectEditPage>(new { Form = form, Regions = await projects.RegionsAsync(actor, ct), IsNew = true, Errors = t.ByField(result.Errors) }, 422);
    }

    private static async Task<IResult> DetailAsync(HttpContext http, string code, ProjectService projects, UiText t, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.UiActor();
        var result = await projects.ViewAsync(actor, code, ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        return Pages.Render<ProjectDetailPage>(new { P = result.Value.Project, Rights = result.Value.Rights, Today = Display.Today(clock) });
    }

    private static async Task<IResult> EditAsync(HttpContext http, string code, ProjectService projects, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var result = await projects.ViewAsync(actor, code, ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        var rights = result.Value.Rights;
        if (!rights.Edit || result.Value.Project.IsRetired) return Pages.ForbiddenPage(t, t.Get("Error.Project.CannotEdit"));
        return Pages.Render<ProjectEditPage>(new
        {
            Form = ProjectForm.From(result.Value.Project.ToDraft(), result.Value.Project.Version),
            Regions = await RegionsForAsync(actor, result.Value.Project, projects, ct),
            UnitOnly = !rights.EditAll,
        });
    }

    /// <summary>The regions the form offers: the caller's, plus the project's own (a unit user sees it but cannot move it).</summary>
    private static async Task<IReadOnlyList<OrgNode>> RegionsForAsync(Actor actor, Project project, ProjectService projects, CancellationToken ct)
    {
        var regions = (await projects.RegionsAsync(actor, ct)).ToList();
        if (project.Org is { } org && regions.All(r => r.Id != org.Id))
            regions.Insert(0, new OrgNode(org.Id, org.ParentId, org.Name, org.Kind, org.Path, org.DivisionCode, org.IsActive));
        return regions;
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string code, IFormCollection fields, ProjectService projects,
        UiText t, TimeProvider clock, CancellationToken ct)
    {
        var form = ProjectForm.Read(fields);
        var actor = http.UiActor();
        var current = await projects.ViewAsync(actor, code, ct);
        if (!current.Succeeded) return Pages.NotFoundPage(t);
        var rights = current.Value.Rights;
        var (posted, parseErrors) = form.ToDraft();
        // A project unit's form carries only its own details; the rest is taken from the record, not from the browser.
        var draft = rights.EditAll ? posted : ProjectForm.OverlayUnitDetails(current.Value.Project.ToDraft(), posted);
        var result = parseErrors.Count > 0
            ? Unreadable(parseErrors, draft, clock)
            : await projects.UpdateAsync(actor, code, form.VersionNumber ?? -1, draft, ct);
        if (result.Succeeded) return Results.Redirect($"/projects/{result.Value.Code}?done=saved");
        if (result.Errors[0] is NotFound) return Pages.NotFoundPage(t);
        if (result.Errors[0] is Forbidden f) return Pages.ForbiddenPage(t, t.Describe(f));
        var conflict = result.Errors[0] as ConcurrencyConflict;
        // On a conflict the form keeps what this person typed, with the version now current, so saving again is a
        // deliberate choice made after seeing who changed what.
        if (conflict is not null) form.Version = conflict.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Pages.Render<ProjectEditPage>(new
        {
            Form = form,
            Regions = await RegionsForAsync(actor, current.Value.Project, projects, ct),
            UnitOnly = !rights.EditAll,
            Errors = conflict is null ? t.ByField(result.Errors) : new Dictionary<string, string[]>(),
            Conflict = conflict,
        }, conflict is null ? 422 : 409);
    }

    private static async Task<IResult> SetRetiredAsync(HttpContext http, string code, RetireForm form, bool retire, ProjectService projects, UiText t, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.UiActor();
        var result = retire
            ? await projects.RetireAsync(actor, code, form.Version, form.Reason, ct)
            : await projects.RestoreAsync(actor, code, form.Version, form.Reason, ct);
        if (result.Succeeded) return Results.Redirect($"/projects/{result.Value.Code}?done={(retire ? "retired" : "restored")}");
        if (result.Errors[0] is NotFound) return Pages.NotFoundPage(t);
        if (result.Errors[0] is Forbidden f) return Pages.ForbiddenPage(t, t.Describe(f));
        var current = await projects.ViewAsync(actor, code, ct);
        return Pages.Render<ProjectDetailPage>(new
        {
            P = current.Value.Project,
            Rights = current.Value.Rights,
            Today = Display.Today(clock),
            RetireError = string.Join(" ", result.Errors.Select(t.Describe)),
        }, result.Errors[0] is ConcurrencyConflict ? 409 : 422);
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, string code, int? page, ProjectService projects, AuditService audit, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var project = await projects.ViewAsync(actor, code, ct);
        if (!project.Succeeded) return Pages.NotFoundPage(t);
        if (!project.Value.Rights.History) return Pages.ForbiddenPage(t);
        var entries = await audit.ProjectHistoryAsync(actor, project.Value.Project.Code, page ?? 1, ct);
        return Pages.Render<ProjectHistoryPage>(new { Code = project.Value.Project.Code, Name = project.Value.Project.Name, Data = entries });
    }
}
