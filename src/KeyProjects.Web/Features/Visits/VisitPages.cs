using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Visits;

/// <summary>督导走访 pages: the phone form, a month's visits, and the compliance table of a region with its Excel export.</summary>
public static class VisitPages
{
    public static IEndpointRouteBuilder MapVisitPages(this IEndpointRouteBuilder app, PhotoOptions limits)
    {
        var g = app.MapGroup("/visits").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("", ListAsync);
        g.MapGet("/new", FormAsync);
        g.MapPost("/new", LogAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes));
        g.MapGet("/compliance", ComplianceAsync);
        g.MapGet("/compliance/export", ExportAsync);
        g.MapGet("/compliance/export.pdf", ExportPdfAsync);
        return app;
    }

    private static Period MonthOf(HttpContext http, VisitService visits) =>
        Period.TryParse(http.Request.Query["month"].ToString(), out var p) ? p : Period.Of(visits.Today);

    private static int? OrgOf(HttpContext http) =>
        int.TryParse(http.Request.Query["org"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static async Task<IReadOnlyList<OrgNode>> RegionsAsync(Actor actor, OrgService orgs, CancellationToken ct) =>
        (await orgs.SubtreeAsync(actor, ct)).Where(n => n.IsActive && OrgTree.IsRegion(n.Kind) || n.Id == actor.OrgId).ToList();

    private static async Task<IResult> ListAsync(HttpContext http, [FromQuery] string? project, [FromQuery] string? leader, VisitService visits, OrgService orgs,
        UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var result = await visits.ListAsync(actor, OrgOf(http), MonthOf(http, visits), project, leader, ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        return Pages.Render<VisitListPage>(new { Data = result.Value, Orgs = await RegionsAsync(actor, orgs, ct), CanLog = actor.Can(Permission.LogVisits) });
    }

    private static async Task<IResult> FormAsync(HttpContext http, [FromQuery] string? project, VisitService visits, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        if (!actor.Can(Permission.LogVisits)) return Pages.ForbiddenPage(t, t.Get("Error.Visit.CannotLog"));
        return RenderForm(await visits.FormAsync(actor, project, ct), visits, null, null);
    }

    private static IResult RenderForm(VisitFormData data, VisitService visits, IFormCollection? values, Dictionary<string, string[]>? errors,
        int status = StatusCodes.Status200OK) =>
        Pages.Render<VisitFormPage>(new { Data = data, Limits = visits.PhotoLimits, Values = values, Errors = errors }, status);

    private static async Task<IResult> LogAsync(HttpContext http, VisitService visits, IAntiforgery antiforgery, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        if (!actor.Can(Permission.LogVisits)) return Pages.ForbiddenPage(t, t.Get("Error.Visit.CannotLog"));
        var upload = await VisitUpload.ReadAsync(http, visits.PhotoLimits, antiforgery);
        var form = await visits.FormAsync(actor, upload.Value("projectCode"), ct);
        if (upload.TooLarge)
            return RenderForm(form, visits, null, new() { [PhotoService.Field] = [t.Format("Error.Photo.RequestTooLarge", visits.PhotoLimits.MaxPerPost, PhotoService.SizeText(visits.PhotoLimits.MaxBytes))] },
                StatusCodes.Status413PayloadTooLarge);
        var (input, parseErrors) = upload.Input();
        var result = parseErrors.Count > 0 ? Result<VisitView>.Fail(parseErrors) : await visits.LogAsync(actor, input, upload.Inputs(), ct);
        if (result.Succeeded)
            return Results.Redirect($"/visits?month={Period.Of(result.Value.Date)}&done=visit-logged");
        var first = result.Errors[0];
        if (first is Forbidden) return Pages.ForbiddenPage(t, t.Describe(first));
        // A project outside the caller's subtree, or unknown: said on the form, like any other mistake.
        var errors = t.ByField(result.Errors.Select(e => e is NotFound ? new FieldInvalid("ProjectCode", "Error.Visit.ProjectUnknown") : e));
        return RenderForm(form, visits, upload.Form, errors, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> ComplianceAsync(HttpContext http, [FromQuery] string? leader, VisitService visits, OrgService orgs, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var result = await visits.ComplianceAsync(actor, OrgOf(http), MonthOf(http, visits), ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        var selected = string.IsNullOrWhiteSpace(leader) ? null : result.Value.Result.Leaders.FirstOrDefault(l => Domain.Visits.LeaderNames.Same(l.LeaderName, leader));
        return Pages.Render<VisitCompliancePage>(new { Data = result.Value, Orgs = await RegionsAsync(actor, orgs, ct), Selected = selected });
    }

    private static async Task<IResult> ExportAsync(HttpContext http, VisitService visits, UiText t, CancellationToken ct)
    {
        var result = await visits.ComplianceAsync(http.UiActor(), OrgOf(http), MonthOf(http, visits), ct);
        return result.Succeeded ? VisitComplianceExcel.Export(result.Value, t) : Pages.NotFoundPage(t);
    }

    private static Task<IResult> ExportPdfAsync(HttpContext http, VisitService visits, UiText t, PdfConverter pdf, CancellationToken ct) =>
        pdf.PageAsync(() => ExportAsync(http, visits, t, ct), t, ct);
}
