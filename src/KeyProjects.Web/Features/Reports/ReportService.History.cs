using KeyProjects.Domain.Access;
using KeyProjects.Domain.Audit;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Reports;

/// <summary>Months from old ledgers, and closing (锁定) a month.</summary>
public sealed partial class ReportService
{
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
        // Each report's own trail says it was locked, from which state (the closure's entry alone gave only a count).
        var toLock = await reports.Where(r => r.Status != ReportStatus.Locked).Select(r => new { r.ProjectId, r.Status, r.Version }).ToListAsync(ct);
        foreach (var r in toLock)
            if (s.ById.TryGetValue(r.ProjectId, out var project))
                AuditLog.Add(db, clock, actor, AuditType, KeyOf(project, period), s.PathOf(project.OrgId) ?? org.Path, AuditAction.Locked,
                    [new FieldChange("Status", r.Status.ToString(), nameof(ReportStatus.Locked))], r.Version + 1);
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
}
