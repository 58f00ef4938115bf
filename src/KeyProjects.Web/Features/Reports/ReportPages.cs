using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Reports;

/// <summary>The monthly reports' pages: a month's list, the phone form with its review, closing a month, the dashboard and its ledger.</summary>
public static class ReportPages
{
    public static IEndpointRouteBuilder MapReportPages(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("/reports", ListAsync);
        g.MapPost("/reports/close", CloseAsync);
        g.MapGet("/reports/history", (HttpContext http, UiText t) =>
            http.UiActor().Can(Permission.LoadReportHistory) ? Pages.Render<ReportHistoryPage>(new { }) : Pages.ForbiddenPage(t));
        g.MapPost("/reports/history", HistoryAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(Projects.ProjectsExcel.RequestLimit));
        g.MapGet("/reports/{code}", (string code, ReportService reports, TimeProvider clock) =>
            Results.Redirect($"/reports/{Uri.EscapeDataString(code)}/{CurrentPeriod(reports, clock)}"));
        g.MapGet("/reports/{code}/{period}", FormAsync);
        var limits = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Photos.PhotoOptions>>().Value;
        g.MapPost("/reports/{code}/{period}", SaveAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes));
        g.MapPost("/reports/{code}/{period}/review", ReviewAsync);
        g.MapGet("/dashboard", DashboardAsync);
        g.MapGet("/dashboard/ledger.xlsx", LedgerAsync);
        g.MapGet("/dashboard/ledger.pdf", LedgerPdfAsync);
        return app;
    }

    /// <summary>Rows a month's list shows at once; the counts above it cover all, the status filter narrows.</summary>
    public const int MaxRows = 500;

    private static Period CurrentPeriod(ReportService reports, TimeProvider clock) => reports.CurrentPeriod(Display.Today(clock));

    private static async Task<IResult> ListAsync(HttpContext http, string? period, string? status, string? done, ReportService reports, UiText t, TimeProvider clock,
        CancellationToken ct) => await RenderListAsync(http, period, status, reports, t, clock, Flash(t, done), false, ct);

    /// <summary>
    /// Where a refusal to close the period leads: the reports that hold it up (every blocking message links to what
    /// blocks it, issue 13).
    /// </summary>
    private static (string Href, string Text)? BlockingLink(UiText t, Period p, IReadOnlyList<DomainError> errors) =>
        errors.OfType<RuleBroken>().FirstOrDefault(e => e.MessageKey == "Error.Report.AwaitingReview") is { } waiting
            ? ($"/reports?period={p}&status={nameof(ReportStatus.Submitted)}", t.Format("Reports.ShowWaiting", waiting.Args.FirstOrDefault() ?? ""))
            : null;

    private static string? Flash(UiText t, string? done) => done is "closed" ? t.Get("Reports.Flash.closed") : null;

    private static async Task<IResult> RenderListAsync(HttpContext http, string? period, string? status, ReportService reports, UiText t, TimeProvider clock,
        string? message, bool isError, CancellationToken ct, int httpStatus = 200, (string Href, string Text)? messageLink = null)
    {
        var actor = http.UiActor();
        var p = Period.TryParse(period, out var parsed) ? parsed : CurrentPeriod(reports, clock);
        var all = await reports.MonthAsync(actor, p, ct);
        var rows = status switch
        {
            "missing" => all.Where(r => r.Report is null).ToList(),
            { Length: > 0 } s when Enum.TryParse<ReportStatus>(s, out var st) => all.Where(r => r.Report?.Status == st).ToList(),
            _ => all,
        };
        var counts = new List<(string, int, string)>
        {
            (t["Reports.Count.All"], all.Count, ""),
            (t["Reports.NotReported"], all.Count(r => r.Report is null), "text-danger"),
            (t.Enum(ReportStatus.Submitted), all.Count(r => r.Report?.Status == ReportStatus.Submitted), "text-blue"),
            (t.Enum(ReportStatus.Approved), all.Count(r => r.Report?.Status == ReportStatus.Approved), "text-green"),
            (t.Enum(ReportStatus.Returned), all.Count(r => r.Report?.Status == ReportStatus.Returned), "text-red"),
            (t.Enum(ReportStatus.Locked), all.Count(r => r.Report?.Status == ReportStatus.Locked), "text-secondary"),
        };
        var shown = rows.Count > MaxRows ? rows.Take(MaxRows).ToList() : rows;
        return Pages.Render<ReportListPage>(new
        {
            Period = p,
            Rows = (IReadOnlyList<ReportRow>)shown,
            Hidden = rows.Count - shown.Count,
            Counts = (IReadOnlyList<(string, int, string)>)counts,
            Status = status,
            CanClose = actor.Can(Permission.ClosePeriods),
            CanLoad = actor.Can(Permission.LoadReportHistory),
            Closed = await reports.IsClosedAsync(actor.OrgId, p, ct),
            Message = message,
            MessageIsError = isError,
            MessageLink = messageLink,
            TotalCompletion = reports.CompletionOf(shown.Sum(r => r.Report?.YtdCompleted ?? 0), shown.Sum(r => r.Project.PlanFor(p.Year)?.Plan ?? 0)),
        }, httpStatus);
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, ReportHistoryImport import, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery,
        UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        if (!actor.Can(Permission.LoadReportHistory)) return Pages.ForbiddenPage(t);
        var (outcome, fields) = await ReportHistoryForm.RunAsync(http, actor with { Channel = "ui" }, import, antiforgery, ct);
        return Pages.Render<ReportHistoryPage>(new { Outcome = outcome, Fields = fields }, outcome.Succeeded ? 200 : 422);
    }

    private static async Task<IResult> CloseAsync(HttpContext http, [FromForm] string? period, ReportService reports, UiText t, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.UiActor();
        if (!Period.TryParse(period, out var p)) return Pages.NotFoundPage(t);
        var result = await reports.ClosePeriodAsync(actor, actor.OrgId, p, ct);
        if (result.Succeeded) return Results.Redirect($"/reports?period={p}&done=closed");
        return await RenderListAsync(http, period, null, reports, t, clock, string.Join(" ", result.Errors.Select(t.Describe)), true, ct, 422,
            BlockingLink(t, p, result.Errors));
    }

    private static async Task<IResult> FormAsync(HttpContext http, string code, string period, ReportService reports, UiText t, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.UiActor();
        if (!Period.TryParse(period, out var p)) return Pages.NotFoundPage(t);
        var found = await reports.ProjectAsync(actor, code, ct);
        if (!found.Succeeded) return Pages.NotFoundPage(t);
        var report = await reports.FindAsync(found.Value.Project.Id, p, ct);
        return await RenderFormAsync(reports, clock, http, found.Value.Project, found.Value.Rights, p, report,
            report is null ? new ReportForm { StartStatus = nameof(StartStatus.Started) } : ReportForm.From(report), null, false, null, 200, ct);
    }

    private static async Task<IResult> RenderFormAsync(ReportService reports, TimeProvider clock, HttpContext http, Projects.IndexedProject project, ReportRights rights, Period p,
        MonthlyReport? report, ReportForm form, IReadOnlyDictionary<string, string[]>? errors, bool conflict, string? reviewError, int status, CancellationToken ct)
    {
        var today = Display.Today(clock);
        var schedule = await reports.ScheduleForAsync(project.OrgId, ct);
        var onReport = report is null ? rights : Rights.OnReport(http.UiActor(), rights, report.CreatedBy, report.SubmittedBy);
        return Pages.Render<ReportFormPage>(new
        {
            Project = project,
            Period = p,
            Report = report,
            Previous = await reports.PreviousAsync(project.Id, p, ct),
            Form = form,
            Errors = errors ?? new Dictionary<string, string[]>(),
            Rights = onReport,
            OwnReport = rights.Review && !onReport.Review,
            People = await reports.NamesAsync(report, ct),
            Conflict = conflict,
            State = schedule.StateOn(p, today),
            Deadline = schedule.Deadline(p),
            Completion = report is null ? null : reports.CompletionOf(report, project),
            Closed = await reports.IsClosedAsync(project.OrgId, p, ct),
            ReviewError = reviewError,
            Photos = report is null ? [] : (await reports.PhotosAsync(http.UiActor(), report.Id, ct))[report.Id].ToList(),
            PhotoLimits = reports.PhotoLimits,
        }, status);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, string code, string period, ReportService reports,
        Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, UiText t, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.UiActor();
        if (!Period.TryParse(period, out var p)) return Pages.NotFoundPage(t);
        var found = await reports.ProjectAsync(actor, code, ct);
        if (!found.Succeeded) return Pages.NotFoundPage(t);
        var limits = reports.PhotoLimits;
        var posted = await Uploads.ReadFormAsync(http, limits.MaxRequestBytes, antiforgery, ct);
        if (posted is null)
        {
            var current = await reports.FindAsync(found.Value.Project.Id, p, ct);
            var tooLarge = new Dictionary<string, string[]>
            {
                [Photos.PhotoService.Field] = [t.Format("Error.Photo.RequestTooLarge", limits.MaxPerPost, Photos.PhotoService.SizeText(limits.MaxBytes))],
            };
            return await RenderFormAsync(reports, clock, http, found.Value.Project, found.Value.Rights, p, current,
                current is null ? new ReportForm() : ReportForm.From(current), tooLarge, false, null, StatusCodes.Status413PayloadTooLarge, ct);
        }
        var form = ReportForm.From(posted);
        var photos = ReportForm.PhotosOf(posted);
        var (input, parseErrors) = form.ToInput();
        var submit = form.Action == "submit";
        var result = parseErrors.Count > 0
            ? Result<MonthlyReport>.Fail(parseErrors)
            : await reports.SaveAsync(actor, code, p, input, form.VersionNumber, submit, photos, ct);
        if (result.Succeeded) return Results.Redirect($"/reports/{found.Value.Project.Code}/{p}?done={(submit ? "submitted" : "saved")}");
        if (result.Errors[0] is Forbidden f) return Pages.ForbiddenPage(t, t.Describe(f));
        var report = await reports.FindAsync(found.Value.Project.Id, p, ct);
        var conflict = result.Errors[0] is ConcurrencyConflict;
        // On a conflict the form keeps what this person typed, with the version now current, so saving again is deliberate.
        if (conflict && report is not null) form.Version = report.Version.ToString(CultureInfo.InvariantCulture);
        var errors = conflict ? null : t.ByField(result.Errors);
        return await RenderFormAsync(reports, clock, http, found.Value.Project, found.Value.Rights, p, report, form, errors, conflict, null, conflict ? 409 : 422, ct);
    }

    private static async Task<IResult> ReviewAsync(HttpContext http, string code, string period, IFormCollection posted, ReportService reports, UiText t,
        TimeProvider clock, CancellationToken ct)
    {
        var form = ReviewForm.Read(posted);
        var actor = http.UiActor();
        if (!Period.TryParse(period, out var p)) return Pages.NotFoundPage(t);
        var found = await reports.ProjectAsync(actor, code, ct);
        if (!found.Succeeded) return Pages.NotFoundPage(t);
        var report = await reports.FindAsync(found.Value.Project.Id, p, ct);
        if (report is null) return Pages.NotFoundPage(t);
        var result = form.Action switch
        {
            "approve" => await reports.ApproveAsync(actor, report.Id, form.Version, ct),
            "return" => await reports.ReturnAsync(actor, report.Id, form.Version, form.Reason, ct),
            "reopen" => await reports.ReopenAsync(actor, report.Id, form.Version, form.Reason, ct),
            _ => Result<MonthlyReport>.Fail(new FieldInvalid("Action", "Error.ValueUnknown")),
        };
        var done = form.Action switch { "approve" => "approved", "return" => "returned", _ => "reopened" };
        if (result.Succeeded) return Results.Redirect($"/reports/{found.Value.Project.Code}/{p}?done={done}");
        if (result.Errors[0] is Forbidden f) return Pages.ForbiddenPage(t, t.Describe(f));
        var current = await reports.FindAsync(found.Value.Project.Id, p, ct);
        return await RenderFormAsync(reports, clock, http, found.Value.Project, found.Value.Rights, p, current, ReportForm.From(current!), null, false,
            string.Join(" ", result.Errors.Select(t.Describe)), result.Errors[0] is ConcurrencyConflict ? 409 : 422, ct);
    }

    private static async Task<IResult> DashboardAsync(HttpContext http, ProgressService progress, IDashboardExtras extras, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var q = MetricsQuery.Parse(http.Request.Query);
        var result = await progress.ViewAsync(actor, q.OrgId, q.Selection, q.AsOf, q.Period, q.Convention, ct);
        if (!result.Succeeded)
        {
            if (result.Errors[0] is NotFound) return Pages.NotFoundPage(t);
            result = await progress.ViewAsync(actor, null, Domain.Progress.ProjectSelection.All, null, null, null, ct);
            if (!result.Succeeded) return Pages.ForbiddenPage(t);
        }
        return Pages.Render<DashboardPage>(new
        {
            View = result.Value, Query = q, Invalid = q.Invalid,
            Standing = await progress.PeerStandingAsync(result.Value, ct),
            Extras = result.Value.IsPast ? null : await extras.ForAsync(actor, result.Value.Node.Id, ct),
        });
    }

    private static async Task<IResult> LedgerAsync(HttpContext http, ProgressService progress, Data.AppDbContext db, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var q = MetricsQuery.Parse(http.Request.Query);
        if (q.Invalid.Count > 0) return Pages.NotFoundPage(t);
        var result = await progress.ViewAsync(actor, q.OrgId, q.Selection, q.AsOf, q.Period, q.Convention, ct);
        if (!result.Succeeded) return Pages.NotFoundPage(t);
        return await ReportLedger.ExportAsync(result.Value, db, ct);
    }

    private static Task<IResult> LedgerPdfAsync(HttpContext http, ProgressService progress, Data.AppDbContext db, UiText t, PdfConverter pdf, CancellationToken ct) =>
        pdf.PageAsync(() => LedgerAsync(http, progress, db, t, ct), t, ct);
}
