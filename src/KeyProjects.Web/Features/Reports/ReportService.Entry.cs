using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Reports;

/// <summary>Filling in and reviewing a month: save (with photos), submit, approve, return, reopen.</summary>
public sealed partial class ReportService
{
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
        // A month is reported against the year's plan (完成率, 序时): without one there is nothing to report against, and the
        // registry must hold the plan first (issue 13: such a report used to fall out of every list).
        if (project.PlanFor(period.Year) is null)
            return Result<MonthlyReport>.Fail(new RuleBroken("Error.Report.NoAnnualPlan", period.Year));
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
        if (submit) AppMetrics.ReportsSubmitted.Add(1);
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
}
