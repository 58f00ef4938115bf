using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Problems;

/// <summary>/problems: the ledger, the raise form (phone first), a problem with its loop, the statistics, the export.</summary>
public static class ProblemPages
{
    public static IEndpointRouteBuilder MapProblemPages(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/problems").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("", ListAsync);
        g.MapGet("/export", ExportAsync);
        g.MapGet("/export.pdf", ExportPdfAsync);
        g.MapGet("/stats", StatsAsync);
        g.MapGet("/new", NewAsync);
        g.MapPost("/new", RaiseAsync).DisableAntiforgery();
        g.MapPost("/sweep", SweepAsync);
        g.MapGet("/{id:long}", ShowAsync);
        g.MapPost("/{id:long}/attachments", AttachAsync).DisableAntiforgery();
        g.MapPost("/{id:long}/{action}", ActAsync);
        return app;
    }

    // ------------------------------------------------------------ list

    private static async Task<IResult> ListAsync(HttpContext http, ProblemService problems, OrgService orgs, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var (query, _) = ProblemQueryReader.Read(http.Request.Query);
        // The page's "全部" (page size and print): as many as the export gives.
        if (string.Equals(http.Request.Query["take"], "all", StringComparison.OrdinalIgnoreCase)) query = query with { Take = ProblemService.MaxPageSize };
        var result = await problems.ListAsync(actor, query, ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        return Pages.Render<ProblemListPage>(new
        {
            Data = result.Value,
            Orgs = await RegionsAsync(actor, orgs, ct),
            Departments = (await orgs.SubtreeAsync(actor, ct)).Where(n => n.IsActive && n.Kind == Domain.Organisations.OrgKind.Department).ToList(),
            Ladder = await problems.LadderForAsync(query.Org ?? actor.OrgId, ct),
            Swept = SweptText(http, t),
        });
    }

    private static string? SweptText(HttpContext http, UiText t) =>
        http.Request.Query["swept"].ToString() is { Length: > 0 } n && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? t.Format("Problems.Swept", count) : null;

    private static async Task<IReadOnlyList<OrgNode>> RegionsAsync(Actor actor, OrgService orgs, CancellationToken ct) =>
        (await orgs.SubtreeAsync(actor, ct)).Where(n => n.IsActive && Domain.Organisations.OrgTree.IsRegion(n.Kind) || n.Id == actor.OrgId).ToList();

    private static async Task<IResult> ExportAsync(HttpContext http, ProblemService problems, UiText t, CancellationToken ct)
    {
        var (query, _) = ProblemQueryReader.Read(http.Request.Query);
        var result = await problems.ListAsync(http.UiActor(), query with { Skip = 0, Take = ProblemService.MaxPageSize }, ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        var bytes = ProblemLedger.Write(result.Value, t);
        return Results.File(bytes, ProblemLedger.ContentType, $"{t["Problems.FileName"]}-{Display.Date(result.Value.Today)}.xlsx");
    }

    private static Task<IResult> ExportPdfAsync(HttpContext http, ProblemService problems, UiText t, PdfConverter pdf, CancellationToken ct) =>
        pdf.PageAsync(() => ExportAsync(http, problems, t, ct), t, ct);

    private static async Task<IResult> StatsAsync(HttpContext http, ProblemService problems, OrgService orgs, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var invalid = new List<string>();
        var org = QueryValues.Int(http.Request.Query["org"], "org", invalid);
        var from = QueryValues.Date(http.Request.Query["from"], "from", invalid);
        var to = QueryValues.Date(http.Request.Query["to"], "to", invalid);
        var result = await problems.StatsAsync(actor, org, from, to, ct);
        if (!result.Succeeded && result.Errors[0] is NotFound) return Pages.NotFoundPage(t);
        if (!result.Succeeded) result = await problems.StatsAsync(actor, org, null, null, ct);
        return Pages.Render<ProblemStatsPage>(new { Data = result.Value, Orgs = await RegionsAsync(actor, orgs, ct), Invalid = invalid.Count > 0 });
    }

    private static async Task<IResult> SweepAsync(HttpContext http, EscalationSweep sweep, UiText t, IAntiforgery antiforgery, CancellationToken ct)
    {
        await antiforgery.ValidateRequestAsync(http);
        var result = await sweep.RunByHandAsync(http.UiActor(), ct);
        if (!result.Succeeded) return Pages.ForbiddenPage(t);
        if (!result.Value.Ran) return Pages.ForbiddenPage(t, t["Problem.Error.SweepRunning"]);
        return Results.Redirect($"/problems?overdue=true&swept={result.Value.Escalated.ToString(CultureInfo.InvariantCulture)}");
    }

    // ------------------------------------------------------------ raise

    private static async Task<IResult> NewAsync(HttpContext http, [FromQuery] string? project, ProblemService problems, UiText t, CancellationToken ct) =>
        await RenderFormAsync(http, problems, new ProblemForm { ProjectCode = project }, null, StatusCodes.Status200OK, ct) ?? Pages.ForbiddenPage(t);

    private static async Task<IResult?> RenderFormAsync(HttpContext http, ProblemService problems, ProblemForm form, Dictionary<string, string[]>? errors, int status, CancellationToken ct)
    {
        var actor = http.UiActor();
        if (!actor.Can(Permission.RaiseProblems)) return null;
        var choices = await problems.RaiseChoicesAsync(actor, form.ProjectCode, ct);
        return Pages.Render<ProblemFormPage>(new { Form = form, Errors = errors, Choices = choices, Limits = problems.PhotoLimits }, status);
    }

    /// <summary>The raise form, multipart (photos of the site, with the browser's thumbnails); over the size limit it is refused unread.</summary>
    private static async Task<IResult> RaiseAsync(HttpContext http, ProblemService problems, IAntiforgery antiforgery, UiText t, CancellationToken ct)
    {
        var posted = await Uploads.ReadFormAsync(http, problems.PhotoLimits.MaxRequestBytes, antiforgery, ct);
        if (posted is null)
            return await RenderFormAsync(http, problems, new ProblemForm { ProjectCode = http.Request.Query["project"] },
                new() { [PhotoService.Field] = [t.Format("Error.Photo.RequestTooLarge", problems.PhotoLimits.MaxPerPost, PhotoService.SizeText(problems.PhotoLimits.MaxBytes))] },
                StatusCodes.Status413PayloadTooLarge, ct) ?? Pages.ForbiddenPage(t);
        var form = ProblemForm.From(posted);
        var (request, parseErrors) = form.Read();
        var photoFiles = posted.Files.GetFiles("photos").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var thumbs = posted.Files.GetFiles("thumbnails").Where(f => f.Length > 0).ToList();
        var paired = thumbs.Count == photoFiles.Count;
        var inputs = photoFiles.Select((p, i) => new PhotoInput(p.OpenReadStream(), p.Length, paired ? thumbs[i].OpenReadStream() : null, paired ? thumbs[i].Length : null)).ToList();
        var result = parseErrors.Count > 0 ? Result<ProblemDetail>.Fail(parseErrors) : await problems.RaiseAsync(http.UiActor(), request, ct, inputs);
        if (result.Succeeded) return Results.Redirect($"/problems/{result.Value.Row.Id.ToString(CultureInfo.InvariantCulture)}?done=problem-raised");
        if (result.Errors[0] is Forbidden f) return Pages.ForbiddenPage(t, t.Describe(f));
        return await RenderFormAsync(http, problems, form, t.ByField(result.Errors), StatusCodes.Status422UnprocessableEntity, ct) ?? Pages.ForbiddenPage(t);
    }

    // ------------------------------------------------------------ one problem

    private static async Task<IResult> ShowAsync(HttpContext http, long id, ProblemService problems, UiText t, CancellationToken ct) =>
        await RenderDetailAsync(http, id, problems, t, null, null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> RenderDetailAsync(HttpContext http, long id, ProblemService problems, UiText t, string? failedAction,
        Dictionary<string, string[]>? errors, int status, CancellationToken ct, string? typed = null)
    {
        var actor = http.UiActor();
        var result = await problems.DetailAsync(actor, id, ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        var p = result.Value;
        var departments = p.Rights.Assign ? await problems.DepartmentsForAsync(p.Row.OrgId, ct) : [];
        var ladder = await problems.LadderForAsync(p.Row.OrgId, ct);
        var meetings = p.Rights.Escalate || p.Rights.Assign ? await problems.MeetingChoicesAsync(p.Row.OrgId, ct) : [];
        return Pages.Render<ProblemDetailPage>(new
        {
            Data = p,
            Departments = departments,
            Owners = await problems.OwnersOfAsync(departments, ct),
            Ladder = ladder,
            Meetings = meetings,
            FailedAction = failedAction,
            Errors = errors,
            Typed = typed,
            Today = problems.Today,
        }, status);
    }

    private static async Task<IResult> ActAsync(HttpContext http, long id, string action, IFormCollection posted, ProblemService problems, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var version = FormValues.Version(posted);
        var text = posted["Text"].ToString();
        var parseErrors = new List<DomainError>();
        int? IntField(string name)
        {
            var raw = posted[name].ToString();
            if (string.IsNullOrWhiteSpace(raw)) return null;
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            parseErrors.Add(new FieldInvalid(name, "Error.ValueUnknown"));
            return null;
        }
        var task = action switch
        {
            "accept" => problems.AcceptAsync(actor, id, version, ct),
            "answer" => problems.AnswerAsync(actor, id, version, text, ct),
            "send-back" => problems.SendBackAsync(actor, id, version, text, ct),
            "verify" => problems.VerifyAsync(actor, id, version, true, IntField("Satisfaction"), text, ct),
            "reject" => problems.VerifyAsync(actor, id, version, false, null, text, ct),
            "reopen" => problems.ReopenAsync(actor, id, version, text, ct),
            "assign" => problems.AssignAsync(actor, id, version, IntField("DepartmentOrgId"),
                posted["CooperatingOrgIds"].Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : -1).ToList(), text, ct),
            "escalate" => problems.EscalateAsync(actor, id, version, IntField("Level"), null, text, ct),
            "refer" => IntField("MeetingId") is { } m ? problems.EscalateAsync(actor, id, version, null, m, text, ct)
                : Task.FromResult(Result<ProblemDetail>.Fail(new FieldInvalid("MeetingId", "Problem.Error.MeetingRequired"))),
            _ => null,
        };
        if (task is null) return Pages.NotFoundPage(t);
        var result = parseErrors.Count > 0 ? Result<ProblemDetail>.Fail(parseErrors) : await task;
        if (result.Succeeded) return Results.Redirect($"/problems/{id.ToString(CultureInfo.InvariantCulture)}?done=problem-updated");
        var first = result.Errors[0];
        if (first is NotFound) return Pages.NotFoundPage(t);
        if (first is Forbidden f) return Pages.ForbiddenPage(t, t.Describe(f));
        var errors = first is ConcurrencyConflict
            ? new Dictionary<string, string[]> { [""] = [t["Problem.Error.Changed"]] }
            : t.ByField(result.Errors);
        return await RenderDetailAsync(http, id, problems, t, action, errors,
            first is ConcurrencyConflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity, ct, text);
    }

    private static async Task<IResult> AttachAsync(HttpContext http, long id, ProblemService problems, PhotoService photos, IAntiforgery antiforgery, UiText t, CancellationToken ct)
    {
        var upload = await PhotoForm.ReadAsync(http, photos.Limits, antiforgery);
        if (upload.TooLarge)
            return await RenderDetailAsync(http, id, problems, t, "attach",
                new() { [PhotoService.Field] = [t.Format("Error.Photo.RequestTooLarge", photos.Limits.MaxPerPost, PhotoService.SizeText(photos.Limits.MaxBytes))] },
                StatusCodes.Status413PayloadTooLarge, ct);
        var result = await problems.AttachAsync(http.UiActor(), id, upload.Inputs(), ct);
        if (result.Succeeded) return Results.Redirect($"/problems/{id.ToString(CultureInfo.InvariantCulture)}?done=problem-updated");
        if (result.Errors[0] is NotFound) return Pages.NotFoundPage(t);
        if (result.Errors[0] is Forbidden f) return Pages.ForbiddenPage(t, t.Describe(f));
        return await RenderDetailAsync(http, id, problems, t, "attach", t.ByField(result.Errors), StatusCodes.Status422UnprocessableEntity, ct);
    }
}
