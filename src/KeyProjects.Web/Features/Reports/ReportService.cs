using KeyProjects.Domain.Access;
using KeyProjects.Domain.Audit;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Reports;

/// <summary>When months open and fall due (appsettings "Reporting").</summary>
public sealed class ReportingOptions
{
    public int OpensOnDay { get; set; } = ReportingSchedule.Default.OpensOnDay;
    public int DeadlineDay { get; set; } = ReportingSchedule.Default.DeadlineDay;
    public ReportingSchedule Schedule => new(OpensOnDay, DeadlineDay);

    /// <summary>
    /// An organisation's own window, by its id or its exact name ("Reporting:Organisations:南乐县:OpensOnDay": 20); its
    /// subtree uses it unless a node below has one of its own. Days left out fall back to the installation's.
    /// </summary>
    public Dictionary<string, WindowOptions> Organisations { get; set; } = [];

    public sealed class WindowOptions
    {
        public int? OpensOnDay { get; set; }
        public int? DeadlineDay { get; set; }
    }

    /// <summary>The window for a project of an organisation: its own, the nearest ancestor's, or the installation's.</summary>
    public ReportingSchedule ScheduleFor(int orgId, IReadOnlyDictionary<int, Projects.IndexedOrg> orgs)
    {
        if (Organisations.Count > 0)
            for (int? id = orgId; id is { } v && orgs.TryGetValue(v, out var o); id = o.ParentId)
                if (Organisations.TryGetValue(v.ToString(System.Globalization.CultureInfo.InvariantCulture), out var w) || Organisations.TryGetValue(o.Name, out w))
                {
                    var schedule = new ReportingSchedule(w.OpensOnDay ?? OpensOnDay, w.DeadlineDay ?? DeadlineDay);
                    return schedule.IsValid ? schedule : Schedule;
                }
        return Schedule;
    }
}

/// <summary>A project's line in a month's list: its report, if one was filled in.</summary>
public sealed record ReportRow(IndexedProject Project, string OrgName, MonthlyReport? Report, Rate? Completion);

/// <summary>
/// Monthly reports through their workflow: fill in (填报), submit (报送), approve (审核通过) or return (退回) with a reason, lock
/// when the period closes (锁定), reopen by an administrator with a reason; and history loaded by an administrator. Every
/// write is audited; every approval makes an immutable revision, which is what the metrics count.
/// </summary>
public sealed class ReportService(AppDbContext db, TimeProvider clock, ProjectIndex projectIndex, PhotoService photoService, IOptions<ReportingOptions> options,
    IOptions<MetricsOptions> metrics)
{
    public const string AuditType = "MonthlyReport";
    public const string ClosureAuditType = "PeriodClosure";

    public ReportingSchedule Schedule => options.Value.Schedule;

    /// <summary>The reporting window that applies to an organisation's projects (decision 008; OPERATIONS.md).</summary>
    public async Task<ReportingSchedule> ScheduleForAsync(int orgId, CancellationToken ct = default) =>
        options.Value.ScheduleFor(orgId, (await SnapshotAsync(ct)).Orgs);

    private ProjectSnapshot? _snapshot;
    private async Task<ProjectSnapshot> SnapshotAsync(CancellationToken ct) => _snapshot ??= await projectIndex.CurrentAsync(db, ct);

    private static ReportRights RightsOf(Actor actor, IndexedProject project, ProjectSnapshot s) => Rights.OnReports(actor, s.PlacesOf(project));

    /// <summary>A project the actor may see, by code; otherwise not found (someone else's project does not exist for them).</summary>
    public async Task<Result<(IndexedProject Project, ReportRights Rights)>> ProjectAsync(Actor actor, string code, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var normalized = ProjectCode.Normalize(code);
        var p = s.FindByCode(normalized);
        if (p is null || !s.ScopeOf(actor).Contains(p)) return Result<(IndexedProject, ReportRights)>.Fail(new NotFound(Projects.ProjectService.AuditType, normalized));
        return (p, RightsOf(actor, p, s));
    }

    public async Task<MonthlyReport?> FindAsync(int projectId, Period period, CancellationToken ct = default) =>
        await db.MonthlyReports.AsNoTracking().SingleOrDefaultAsync(r => r.ProjectId == projectId && r.Year == period.Year && r.Month == period.Month, ct);

    public async Task<Result<(MonthlyReport Report, IndexedProject Project, ReportRights Rights)>> GetAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var report = await db.MonthlyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        var s = await SnapshotAsync(ct);
        if (report is null || !s.ById.TryGetValue(report.ProjectId, out var p) || !s.ScopeOf(actor).Contains(p))
            return Result<(MonthlyReport, IndexedProject, ReportRights)>.Fail(new NotFound(AuditType, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return (report, p, RightsOf(actor, p, s));
    }

    /// <summary>Reports the actor may see, newest first: of one project, one month, one status, or all of these.</summary>
    public async Task<Result<IReadOnlyList<(MonthlyReport Report, IndexedProject Project)>>> ListAsync(Actor actor, string? projectCode, int? year, int? month,
        ReportStatus? status, int limit = 500, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var scope = s.ScopeOf(actor);
        var q = db.MonthlyReports.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(projectCode))
        {
            var found = await ProjectAsync(actor, projectCode, ct);
            if (!found.Succeeded) return Result<IReadOnlyList<(MonthlyReport, IndexedProject)>>.Fail(found.Errors);
            var id = found.Value.Project.Id;
            q = q.Where(r => r.ProjectId == id);
        }
        if (year is { } y) q = q.Where(r => r.Year == y);
        if (month is { } m) q = q.Where(r => r.Month == m);
        if (status is { } st) q = q.Where(r => r.Status == st);
        if (!scope.All && string.IsNullOrWhiteSpace(projectCode))
        {
            var ids = scope.Projects.Select(p => p.Id).ToList();
            if (ids.Count <= 2000) q = q.Where(r => ids.Contains(r.ProjectId));
        }
        var rows = await q.OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).ThenBy(r => r.ProjectId).Take(limit * 4).ToListAsync(ct);
        return rows.Where(r => s.ById.TryGetValue(r.ProjectId, out var p) && scope.Contains(p))
            .Take(limit).Select(r => (r, s.ById[r.ProjectId])).ToList();
    }

    /// <summary>Every project the actor sees with a plan for the period's year, with its report of the month if any, in code order.</summary>
    public async Task<IReadOnlyList<ReportRow>> MonthAsync(Actor actor, Period period, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var projects = s.ScopeOf(actor).Projects.Where(p => !p.IsRetired && p.PlanFor(period.Year) is not null).ToList();
        var q = db.MonthlyReports.AsNoTracking().Where(r => r.Year == period.Year && r.Month == period.Month);
        if (projects.Count <= 2000)
        {
            var ids = projects.Select(p => p.Id).ToList();
            q = q.Where(r => ids.Contains(r.ProjectId));
        }
        var reports = await q.ToDictionaryAsync(r => r.ProjectId, ct);
        return projects.Select(p =>
        {
            var report = reports.GetValueOrDefault(p.Id);
            return new ReportRow(p, s.Orgs.TryGetValue(p.OrgId, out var o) ? o.Name : "", report, report is null ? null : CompletionOf(report, p));
        }).ToList();
    }

    /// <summary>A report's year-to-date share of its project's annual plan, at the precision the bulletins print.</summary>
    public Rate? CompletionOf(MonthlyReport report, IndexedProject project) =>
        project.PlanFor(report.Year) is { } plan
            ? Rate.OfAmounts(report.YtdCompleted, plan.Plan, metrics.Value.ToPrecision().Of(Metric.CompletionRate))
            : null;

    /// <summary>The figures the form starts from: the month before (to show the running totals) and the report if any.</summary>
    public async Task<MonthlyReport?> PreviousAsync(int projectId, Period period, CancellationToken ct = default)
    {
        var index = period.Index;
        return await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Year * 12 + r.Month - 1 < index)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Fills in (or corrects) a month and, if asked, submits it. A new report needs no version; changing one needs the
    /// version the caller read, so that two people editing the same month never overwrite each other unknowingly.
    /// </summary>
    public async Task<Result<MonthlyReport>> SaveAsync(Actor actor, string code, Period period, ReportInput input, int? expectedVersion, bool submit,
        CancellationToken ct = default) => await SaveAsync(actor, code, period, input, expectedVersion, submit, [], ct);

    /// <summary>As above, with photos of the site (形象进度照片): checked by content, cleaned, and saved with the report or not at all.</summary>
    public async Task<Result<MonthlyReport>> SaveAsync(Actor actor, string code, Period period, ReportInput input, int? expectedVersion, bool submit,
        IReadOnlyList<PhotoInput> photos, CancellationToken ct = default)
    {
        var found = await ProjectAsync(actor, code, ct);
        if (!found.Succeeded) return Result<MonthlyReport>.Fail(found.Errors);
        var (project, rights) = found.Value;
        if (!rights.Fill) return Result<MonthlyReport>.Fail(new Forbidden("Error.Report.CannotFill"));
        if (!period.IsValid) return Result<MonthlyReport>.Fail(new FieldInvalid("Period", "Error.Report.PeriodInvalid"));
        var today = Display.Today(clock);
        var schedule = await ScheduleForAsync(project.OrgId, ct);
        if (schedule.StateOn(period, today) == PeriodState.NotOpen)
            return Result<MonthlyReport>.Fail(new RuleBroken("Error.Report.FuturePeriod", Display.Date(schedule.OpensOn(period))));

        // Reads first, outside the transaction: on SQLite a transaction holds the one write lock from its start, so the
        // lock is held only for the write itself. The write is safe without it: a changed report fails on its version, a
        // month created meanwhile on the unique index, and a closed period is checked under the lock.
        // The month itself and the six before it, in one read: the report to change (if any) and the rules' context.
        var index = period.Index;
        var recent = await db.MonthlyReports
            .Where(r => r.ProjectId == project.Id && r.Year * 12 + r.Month - 1 <= index)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).Take(7).ToListAsync(ct);
        var report = recent.FirstOrDefault(r => r.Year == period.Year && r.Month == period.Month);
        if (report is not null)
        {
            var can = ReportWorkflow.Apply(report.Status, ReportAction.Edit);
            if (!can.Succeeded) return Result<MonthlyReport>.Fail(can.Errors);
            if (expectedVersion != report.Version) return Result<MonthlyReport>.Fail(Conflict(report));
        }

        var context = ContextOf(project, period, recent.Where(r => r != report).Take(6).ToList());
        var completed = ReportRules.Complete(input, context);
        var photoErrors = new List<DomainError>();
        var checkedPhotos = new List<CheckedPhoto>();
        if (photos.Count > photoService.Limits.MaxPerPost)
            photoErrors.Add(new FieldInvalid(PhotoService.Field, "Error.Photo.TooMany", photoService.Limits.MaxPerPost, photos.Count));
        else
            for (var i = 0; i < photos.Count; i++)
            {
                var photo = await photoService.CheckAsync(photos[i], i + 1, ct);
                if (photo.Succeeded) checkedPhotos.Add(photo.Value);
                else photoErrors.AddRange(photo.Errors);
            }
        if (!completed.Succeeded || photoErrors.Count > 0)
            return Result<MonthlyReport>.Fail([.. completed.Succeeded ? [] : completed.Errors, .. photoErrors]);
        var figures = completed.Value;

        await using var uow = await db.UnitOfWorkAsync(ct);
        if (report is null && await IsClosedAsync(project.OrgId, period, ct))
            return Result<MonthlyReport>.Fail(new RuleBroken("Error.Report.PeriodClosed", period.ToString()));
        var now = clock.GetUtcNow().UtcDateTime;
        var before = report?.AuditFields();
        if (report is null)
        {
            report = new MonthlyReport
            {
                ProjectId = project.Id, Year = period.Year, Month = period.Month, CreatedBy = actor.UserName, CreatedAtUtc = now,
            };
            db.MonthlyReports.Add(report);
        }
        else report.Version++;
        report.SetFigures(figures);
        report.Flags = MonthlyReport.FlagBits(ReportRules.Flags(figures, context));
        report.UpdatedBy = actor.UserName;
        report.UpdatedAtUtc = now;
        if (submit)
        {
            report.Status = ReportStatus.Submitted;
            report.SubmittedBy = actor.UserName;
            report.SubmittedAtUtc = now;
        }
        var key = KeyOf(project, period);
        var orgPath = (await SnapshotAsync(ct)).PathOf(project.OrgId) ?? "";
        AuditLog.Add(db, clock, actor, AuditType, key, orgPath, before is null ? AuditAction.Created : AuditAction.Updated,
            AuditLog.Diff(before, report.AuditFields()), report.Version);
        var saved = await SaveAsync(report, ct);
        if (!saved.Succeeded) return saved;
        if (checkedPhotos.Count > 0)
        {
            var attached = checkedPhotos.Select(p => photoService.Attach(actor, project.Id, PhotoOwnerKind.MonthlyReport, report.Id, p)).ToList();
            AuditLog.Add(db, clock, actor, PhotoService.AuditType, key, orgPath, AuditAction.Created,
                PhotoService.AuditChanges(project.Code, PhotoOwnerKind.MonthlyReport, report.Id, attached));
            await db.SaveChangesAsync(ct);
        }
        await uow.CommitAsync(ct);
        return report;
    }

    /// <summary>Photos added to a report that is still being filled in or reviewed (not to a locked one).</summary>
    public async Task<Result<Photo>> AddPhotoAsync(Actor actor, long id, PhotoInput photo, CancellationToken ct = default)
    {
        var got = await GetAsync(actor, id, ct);
        if (!got.Succeeded) return Result<Photo>.Fail(got.Errors);
        var (report, project, rights) = got.Value;
        if (!rights.Fill) return Result<Photo>.Fail(new Forbidden("Error.Report.CannotFill"));
        if (report.Status == ReportStatus.Locked) return Result<Photo>.Fail(new RuleBroken("Error.Report.Locked"));
        var existing = (await photoService.ListAsync(actor, PhotoOwnerKind.MonthlyReport, [id], ct))[id].Count();
        if (existing >= photoService.Limits.MaxPerPost)
            return Result<Photo>.Fail(new FieldInvalid(PhotoService.Field, "Error.Photo.TooMany", photoService.Limits.MaxPerPost, existing + 1));
        return await photoService.AddAsync(actor, project.Id, PhotoOwnerKind.MonthlyReport, id, photo.Content, photo.Thumbnail, ct);
    }

    public Task<ILookup<long, PhotoInfo>> PhotosAsync(Actor actor, long reportId, CancellationToken ct = default) =>
        photoService.ListAsync(actor, PhotoOwnerKind.MonthlyReport, [reportId], ct);

    public PhotoOptions PhotoLimits => photoService.Limits;

    public Task<Result<MonthlyReport>> SubmitAsync(Actor actor, long id, int expectedVersion, CancellationToken ct = default) =>
        TransitionAsync(actor, id, expectedVersion, ReportAction.Submit, null, ct);

    public Task<Result<MonthlyReport>> ApproveAsync(Actor actor, long id, int expectedVersion, CancellationToken ct = default) =>
        TransitionAsync(actor, id, expectedVersion, ReportAction.Approve, null, ct);

    public Task<Result<MonthlyReport>> ReturnAsync(Actor actor, long id, int expectedVersion, string? reason, CancellationToken ct = default) =>
        TransitionAsync(actor, id, expectedVersion, ReportAction.Return, reason, ct);

    public Task<Result<MonthlyReport>> ReopenAsync(Actor actor, long id, int expectedVersion, string? reason, CancellationToken ct = default) =>
        TransitionAsync(actor, id, expectedVersion, ReportAction.Reopen, reason, ct);

    private async Task<Result<MonthlyReport>> TransitionAsync(Actor actor, long id, int expectedVersion, ReportAction action, string? reason, CancellationToken ct)
    {
        var got = await GetAsync(actor, id, ct);
        if (!got.Succeeded) return Result<MonthlyReport>.Fail(got.Errors);
        var (_, project, rights) = got.Value;
        var allowed = action switch
        {
            ReportAction.Submit => rights.Fill,
            ReportAction.Approve or ReportAction.Return => rights.Review,
            ReportAction.Reopen => rights.Reopen,
            _ => false,
        };
        if (!allowed) return Result<MonthlyReport>.Fail(new Forbidden(action == ReportAction.Submit ? "Error.Report.CannotFill" : "Error.Report.CannotReview"));

        await using var uow = await db.UnitOfWorkAsync(ct);
        var report = await db.MonthlyReports.SingleAsync(r => r.Id == id, ct);
        if (report.Version != expectedVersion) return Result<MonthlyReport>.Fail(Conflict(report));
        var next = ReportWorkflow.Apply(report.Status, action, reason);
        if (!next.Succeeded) return Result<MonthlyReport>.Fail(next.Errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var before = report.AuditFields();
        report.Status = next.Value;
        report.Version++;
        report.UpdatedBy = actor.UserName;
        report.UpdatedAtUtc = now;
        AuditAction audit;
        switch (action)
        {
            case ReportAction.Submit:
                report.SubmittedBy = actor.UserName;
                report.SubmittedAtUtc = now;
                report.ReturnReason = null;
                audit = AuditAction.Submitted;
                break;
            case ReportAction.Approve:
                report.ReviewedBy = actor.UserName;
                report.ReviewedAtUtc = now;
                await AddRevisionAsync(report, now, actor.UserName, ct);
                audit = AuditAction.Approved;
                break;
            case ReportAction.Return:
                report.ReviewedBy = actor.UserName;
                report.ReviewedAtUtc = now;
                report.ReturnReason = reason!.Trim();
                audit = AuditAction.Returned;
                break;
            default:
                report.ReturnReason = reason!.Trim();
                audit = AuditAction.Reopened;
                break;
        }
        var orgPath = (await SnapshotAsync(ct)).PathOf(project.OrgId) ?? "";
        AuditLog.Add(db, clock, actor, AuditType, KeyOf(project, report.Period), orgPath, audit,
            AuditLog.Diff(before, report.AuditFields()), report.Version, reason?.Trim());
        var saved = await SaveAsync(report, ct);
        if (!saved.Succeeded) return saved;
        await uow.CommitAsync(ct);
        return report;
    }

    /// <summary>
    /// Brings in a month from an old ledger (administrators; API or Excel). The report is marked as loaded, by whom and
    /// when, and counts as known from the day the loader gives — by default the period's deadline — so views as of past
    /// dates include it. Loading a month again is a correction, known from its own date.
    /// </summary>
    public async Task<Result<MonthlyReport>> LoadHistoryAsync(Actor actor, string code, Period period, ReportInput input, DateOnly? knownFrom,
        CancellationToken ct = default)
    {
        var found = await ProjectAsync(actor, code, ct);
        if (!found.Succeeded) return Result<MonthlyReport>.Fail(found.Errors);
        var (project, rights) = found.Value;
        if (!Rights.MayLoadReportHistory(actor, (await SnapshotAsync(ct)).PlacesOf(project))) return Result<MonthlyReport>.Fail(new Forbidden("Error.Report.CannotLoad"));
        if (!period.IsValid) return Result<MonthlyReport>.Fail(new FieldInvalid("Period", "Error.Report.PeriodInvalid"));
        var today = Display.Today(clock);
        if (period >= Period.Of(today)) return Result<MonthlyReport>.Fail(new FieldInvalid("Period", "Error.Report.HistoryNotPast"));
        var known = knownFrom ?? (await ScheduleForAsync(project.OrgId, ct)).Deadline(period);
        if (known > today) return Result<MonthlyReport>.Fail(new FieldInvalid("KnownFrom", "Error.Report.KnownFromFuture"));
        if (known < period.FirstDay) return Result<MonthlyReport>.Fail(new FieldInvalid("KnownFrom", "Error.Report.KnownFromBeforePeriod"));

        await using var uow = await db.UnitOfWorkAsync(ct);
        var report = await db.MonthlyReports.SingleOrDefaultAsync(r => r.ProjectId == project.Id && r.Year == period.Year && r.Month == period.Month, ct);
        if (report is { IsLoaded: false }) return Result<MonthlyReport>.Fail(new RuleBroken("Error.Report.AlreadyReported", period.ToString()));
        var context = await ContextAsync(project, period, ct);
        var completed = ReportRules.Complete(input, context);
        if (!completed.Succeeded) return Result<MonthlyReport>.Fail(completed.Errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var before = report?.AuditFields();
        if (report is null)
        {
            report = new MonthlyReport { ProjectId = project.Id, Year = period.Year, Month = period.Month, CreatedBy = actor.UserName, CreatedAtUtc = now };
            db.MonthlyReports.Add(report);
        }
        else report.Version++;
        report.SetFigures(completed.Value);
        report.Status = ReportStatus.Locked;
        report.IsLoaded = true;
        report.LoadedBy = actor.UserName;
        report.LoadedAtUtc = now;
        report.UpdatedBy = actor.UserName;
        report.UpdatedAtUtc = now;
        // A date's figures are known at the end of that day in China.
        var knownUtc = Display.EndOfDayUtc(known).AddTicks(-1);
        var orgPath = (await SnapshotAsync(ct)).PathOf(project.OrgId) ?? "";
        AuditLog.Add(db, clock, actor, AuditType, KeyOf(project, period), orgPath, before is null ? AuditAction.Created : AuditAction.Updated,
            AuditLog.Diff(before, report.AuditFields()), report.Version, "history:" + Display.Date(known));
        var saved = await SaveAsync(report, ct);
        if (!saved.Succeeded) return saved;
        await AddRevisionAsync(report, knownUtc, actor.UserName, ct);
        await db.SaveChangesAsync(ct);
        await uow.CommitAsync(ct);
        return report;
    }

    /// <summary>
    /// Closes (锁定) a month for an organisation's subtree: refused while reports wait for review; every other report of the
    /// month is locked, and no new one may be written.
    /// </summary>
    public async Task<Result<int>> ClosePeriodAsync(Actor actor, int orgId, Period period, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        if (!s.Orgs.TryGetValue(orgId, out var org) || !actor.Covers(org.Path))
            return Result<int>.Fail(new NotFound("Organisation", orgId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!actor.Can(Permission.ClosePeriods)) return Result<int>.Fail(new Forbidden("Error.Report.CannotReview"));
        if (!period.IsValid || options.Value.ScheduleFor(orgId, s.Orgs).StateOn(period, Display.Today(clock)) == PeriodState.NotOpen)
            return Result<int>.Fail(new FieldInvalid("Period", "Error.Report.PeriodInvalid"));
        if (await IsClosedAsync(orgId, period, ct)) return Result<int>.Fail(new RuleBroken("Error.Report.PeriodClosed", period.ToString()));

        var subtree = new Subtree(org.Path);
        var ids = s.ByCode.Where(p => subtree.HoldsOnList(s.PlacesOf(p))).Select(p => p.Id).ToList();
        await using var uow = await db.UnitOfWorkAsync(ct);
        var reports = db.MonthlyReports.Where(r => r.Year == period.Year && r.Month == period.Month && ids.Contains(r.ProjectId));
        var waiting = await reports.CountAsync(r => r.Status == ReportStatus.Submitted, ct);
        if (waiting > 0) return Result<int>.Fail(new RuleBroken("Error.Report.AwaitingReview", waiting));
        var now = clock.GetUtcNow().UtcDateTime;
        var locked = await reports.Where(r => r.Status != ReportStatus.Locked)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatus.Locked).SetProperty(r => r.Version, r => r.Version + 1)
                .SetProperty(r => r.UpdatedBy, actor.UserName).SetProperty(r => r.UpdatedAtUtc, now), ct);
        db.PeriodClosures.Add(new PeriodClosure { OrgId = orgId, Year = period.Year, Month = period.Month, ClosedBy = actor.UserName, ClosedAtUtc = now });
        AuditLog.Add(db, clock, actor, ClosureAuditType, $"{org.Name} {period}", org.Path, AuditAction.Locked,
            [new FieldChange("LockedReports", null, locked.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        await db.SaveChangesAsync(ct);
        await uow.CommitAsync(ct);
        return locked;
    }

    /// <summary>Whether the month is closed for the organisation or any organisation above it.</summary>
    public async Task<bool> IsClosedAsync(int orgId, Period period, CancellationToken ct)
    {
        var s = await SnapshotAsync(ct);
        var ancestors = new List<int>();
        for (int? id = orgId; id is { } v && s.Orgs.TryGetValue(v, out var o); id = o.ParentId) ancestors.Add(v);
        return await db.PeriodClosures.AnyAsync(c => c.Year == period.Year && c.Month == period.Month && ancestors.Contains(c.OrgId), ct);
    }

    private async Task<ReportContext> ContextAsync(IndexedProject project, Period period, CancellationToken ct)
    {
        var index = period.Index;
        var earlier = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ProjectId == project.Id && r.Year * 12 + r.Month - 1 < index)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).Take(6).ToListAsync(ct);
        return ContextOf(project, period, earlier);
    }

    /// <summary>The rules' context from the months before, newest first.</summary>
    private static ReportContext ContextOf(IndexedProject project, Period period, IReadOnlyList<MonthlyReport> earlier)
    {
        var previous = earlier.FirstOrDefault();
        return new ReportContext
        {
            Period = period,
            TotalInvestment = project.TotalInvestment,
            PreviousFigures = previous?.Figures,
            PreviousPeriod = previous?.Period,
            RecentMonths = earlier.AsEnumerable().Reverse().Select(r => r.MonthCompleted).ToList(),
            UnderConstruction = project.Stage is ProjectStage.Started or ProjectStage.UnderConstruction,
        };
    }

    private async Task AddRevisionAsync(MonthlyReport report, DateTime knownFromUtc, string by, CancellationToken ct)
    {
        var last = report.Id == 0 ? 0 : await db.ReportRevisions.Where(r => r.ReportId == report.Id).MaxAsync(r => (int?)r.RevisionNo, ct) ?? 0;
        db.ReportRevisions.Add(ReportRevision.Of(report, last + 1, knownFromUtc, by, await ChangeCounter.NextAsync(db, Counter.Progress, 1, ct)));
    }

    private async Task<Result<MonthlyReport>> SaveAsync(MonthlyReport report, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return report;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            // Someone else created or changed the same month between our read and our write. The transaction is spoilt
            // (PostgreSQL refuses further commands in it), so the caller is told to reload rather than shown who.
            db.ChangeTracker.Clear();
            return Result<MonthlyReport>.Fail(new ConcurrencyConflict(0, [], null, null));
        }
    }

    private static ConcurrencyConflict Conflict(MonthlyReport current) =>
        new(current.Version, ["Status"], current.UpdatedBy, current.UpdatedAtUtc);

    public static string KeyOf(IndexedProject project, Period period) => $"{project.Code}/{period}";
}
