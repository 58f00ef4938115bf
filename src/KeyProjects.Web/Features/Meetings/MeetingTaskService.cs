using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Meetings;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Calendar;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>Which tasks a list shows: all, the open ones, the overdue ones, or those the caller's own organisation owns.</summary>
public enum TaskFilter
{
    All = 0,
    Open = 1,
    Overdue = 2,
    Mine = 3,
}

/// <summary>A task with the names a list shows, and what the caller may do to it.</summary>
public sealed record TaskLine(MeetingTask Task, string MeetingTitle, DateOnly MeetingDate, string OwnerOrgName, string? ProjectCode, string? ProjectName,
    bool Overdue, bool MayReport, bool MayVerify);

/// <summary>A task list with its 合计: all, open, overdue, reported (awaiting verification), closed.</summary>
public sealed record TaskList(IReadOnlyList<TaskLine> Lines, int Total, int Open, int Overdue, int Reported, int Closed, DateOnly Today);

/// <summary>What a reminder is about.</summary>
public enum TaskReminder
{
    DueSoon = 1,
    Overdue = 2,
}

/// <summary>
/// 交办事项: created from a meeting's decisions, reported done by the owner, verified (销号), rejected or reopened by the
/// meeting's organisation; every change audited, every change checked against the version read.
/// </summary>
public sealed class MeetingTaskService(AppDbContext db, TimeProvider clock, ProjectIndex projectIndex, WorkingDays workingDays, Notices.NoticeService notices)
{
    public const string TaskAudit = "MeetingTask";

    public DateOnly Today => Display.Today(clock);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public async Task<Result<MeetingTask>> CreateAsync(Actor actor, long meetingId, TaskDraft draft, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        var s = await projectIndex.CurrentAsync(db, ct);
        if (meeting is null || s.PathOf(meeting.OrgId) is not { } path || !actor.Covers(path))
            return Result<MeetingTask>.Fail(new NotFound(MeetingService.MeetingAudit, Id(meetingId)));
        if (!Rights.MayManageMeetings(actor, path)) return Result<MeetingTask>.Fail(new Forbidden("Error.Meeting.CannotManage"));
        var today = Today;
        var errors = MeetingRules.ValidateTask(draft, today);
        // The owner is a department or unit in the meeting's organisation's subtree: the meeting can only give work to its own.
        if (draft.OwnerOrgId is { } ownerId && !new Subtree(path).Holds(s.PathOf(ownerId)))
            errors.Add(new FieldInvalid("OwnerOrgId", "Error.Meeting.OwnerOutside"));
        int? projectId = null;
        if (!string.IsNullOrWhiteSpace(draft.ProjectCode))
        {
            var project = s.FindByCode(ProjectCode.Normalize(draft.ProjectCode));
            if (project is null || !new Subtree(path).HoldsOnList(s.PlacesOf(project)))
                errors.Add(new FieldInvalid("ProjectCode", "Error.Meeting.ProjectUnknown"));
            else projectId = project.Id;
        }
        if (errors.Count > 0) return Result<MeetingTask>.Fail(errors);

        var deadline = draft.Deadline ?? (await workingDays.CurrentAsync(db, ct)).AddWorkingDays(meeting.Date > today ? meeting.Date : today, draft.WorkingDays!.Value);
        var now = clock.GetUtcNow().UtcDateTime;
        var task = new MeetingTask
        {
            MeetingId = meeting.Id,
            OrgId = meeting.OrgId,
            Title = draft.Title.Trim(),
            OwnerOrgId = draft.OwnerOrgId!.Value,
            OwnerName = MeetingService.Clean(draft.OwnerName),
            Deadline = deadline,
            ProjectId = projectId,
            CreatedByName = actor.Name,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Add(task);
        var entry = AuditLog.Add(db, clock, actor, TaskAudit, "", path, AuditAction.Created, [], 1);
        await using var tx = await db.UnitOfWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        AuditLog.Complete(entry, Id(task.Id), path, AuditLog.Diff(null, task.AuditSnapshot()), 1);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return task;
    }

    /// <summary>
    /// Tasks the caller sees — of meetings in their subtree, or owned by an organisation in it — optionally of one meeting,
    /// filtered; overdue first, then by deadline.
    /// </summary>
    public async Task<TaskList> ListAsync(Actor actor, TaskFilter filter, long? meetingId = null, CancellationToken ct = default)
    {
        var s = await projectIndex.CurrentAsync(db, ct);
        var today = Today;
        var query = db.MeetingTasks.AsNoTracking();
        if (meetingId is { } mid) query = query.Where(t => t.MeetingId == mid);
        var tasks = await query.ToListAsync(ct);
        var meetingIds = tasks.Select(t => t.MeetingId).Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Title, m.Date }).ToDictionaryAsync(m => m.Id, ct);
        bool Sees(MeetingTask t) => actor.Subtree.HoldsTask(s.PathOf(t.OrgId), s.PathOf(t.OwnerOrgId));
        var lines = tasks.Where(Sees).Select(t =>
        {
            var project = t.ProjectId is { } pid ? s.ById.GetValueOrDefault(pid) : null;
            var meeting = meetings[t.MeetingId];
            return new TaskLine(t, meeting.Title, meeting.Date, s.Orgs.TryGetValue(t.OwnerOrgId, out var o) ? o.Name : "", project?.Code, project?.Name,
                t.IsOverdue(today),
                t.Status == MeetingTaskStatus.InProgress && Rights.MayReportTask(actor, s.PathOf(t.OwnerOrgId)),
                Rights.MayManageMeetings(actor, s.PathOf(t.OrgId)));
        }).ToList();
        var shown = lines.Where(l => filter switch
        {
            TaskFilter.Open => MeetingRules.IsOpen(l.Task.Status),
            TaskFilter.Overdue => l.Overdue,
            TaskFilter.Mine => l.Task.OwnerOrgId == actor.OrgId,
            _ => true,
        }).OrderByDescending(l => l.Overdue).ThenBy(l => l.Task.Status).ThenBy(l => l.Task.Deadline).ThenBy(l => l.Task.Id).ToList();
        return new TaskList(shown, shown.Count, shown.Count(l => MeetingRules.IsOpen(l.Task.Status)), shown.Count(l => l.Overdue),
            shown.Count(l => l.Task.Status == MeetingTaskStatus.Reported), shown.Count(l => l.Task.Status == MeetingTaskStatus.Closed), today);
    }

    /// <summary>Reports done (the owner), verifies or rejects (the meeting's organisation) or reopens a task.</summary>
    public async Task<Result<MeetingTask>> ActAsync(Actor actor, long id, int expectedVersion, MeetingTaskAction action, string? note, CancellationToken ct = default)
    {
        var task = await db.MeetingTasks.SingleOrDefaultAsync(t => t.Id == id, ct);
        var s = await projectIndex.CurrentAsync(db, ct);
        var path = task is null ? null : s.PathOf(task.OrgId);
        var ownerPath = task is null ? null : s.PathOf(task.OwnerOrgId);
        if (task is null || path is null || !actor.Subtree.HoldsTask(path, ownerPath))
            return Result<MeetingTask>.Fail(new NotFound(TaskAudit, Id(id)));
        var allowed = action == MeetingTaskAction.ReportDone ? Rights.MayReportTask(actor, ownerPath) : Rights.MayManageMeetings(actor, path);
        if (!allowed) return Result<MeetingTask>.Fail(new Forbidden("Error.Meeting.CannotActOnTask"));
        if (task.Version != expectedVersion) return Result<MeetingTask>.Fail(await ConflictAsync(id, task.Version, expectedVersion, ct));
        var next = MeetingRules.Next(task.Status, action);
        if (!next.Succeeded) return Result<MeetingTask>.Fail(next.Errors);
        var text = MeetingService.Clean(note);
        if (action == MeetingTaskAction.ReportDone && text is null) return Result<MeetingTask>.Fail(new FieldInvalid("Note", "Error.Meeting.ReportRequired"));
        if (action is MeetingTaskAction.Reject or MeetingTaskAction.Reopen && text is null) return Result<MeetingTask>.Fail(new FieldInvalid("Note", "Error.Meeting.ReasonRequired"));
        if ((text?.Length ?? 0) > MeetingRules.TextMaxLength) return Result<MeetingTask>.Fail(new FieldInvalid("Note", "Error.Meeting.TooLong", MeetingRules.TextMaxLength));

        var before = task.AuditSnapshot();
        var now = clock.GetUtcNow().UtcDateTime;
        task.Status = next.Value;
        switch (action)
        {
            case MeetingTaskAction.ReportDone:
                task.Report = text;
                task.ReportedByName = actor.Name;
                task.ReportedAtUtc = now;
                break;
            case MeetingTaskAction.Verify:
                task.VerifiedByName = actor.Name;
                task.ClosedOn = Today;
                break;
            case MeetingTaskAction.Reopen:
                task.ClosedOn = null;
                break;
        }
        task.Version++;
        task.UpdatedAtUtc = now;
        var audit = action switch
        {
            MeetingTaskAction.ReportDone => AuditAction.Submitted,
            MeetingTaskAction.Verify => AuditAction.Approved,
            MeetingTaskAction.Reject => AuditAction.Returned,
            _ => AuditAction.Reopened,
        };
        AuditLog.Add(db, clock, actor, TaskAudit, Id(task.Id), path, audit, AuditLog.Diff(before, task.AuditSnapshot()), task.Version,
            action == MeetingTaskAction.ReportDone ? null : text);
        try
        {
            await using var tx = await db.UnitOfWorkAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return task;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.MeetingTasks.AsNoTracking().SingleAsync(t => t.Id == id, ct);
            return Result<MeetingTask>.Fail(await ConflictAsync(id, current.Version, expectedVersion, ct));
        }
    }

    private async Task<ConcurrencyConflict> ConflictAsync(long id, int current, int expected, CancellationToken ct)
    {
        var key = Id(id);
        var since = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == TaskAudit && a.EntityKey == key && a.EntityVersion > expected)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var last = since.LastOrDefault();
        return new ConcurrencyConflict(current, since.SelectMany(AuditLog.ChangesOf).Select(c => c.Field).Distinct().ToList(), last?.UserName, last?.AtUtc);
    }

    /// <summary>
    /// Finds the open tasks due within <see cref="MeetingRules.DueSoonDays"/> days or already overdue on today's date and hands
    /// each to <see cref="NotifyTaskDueOrOverdueAsync"/>. Meant for a daily job; returns how many were handed on.
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken ct = default)
    {
        var today = Today;
        var horizon = today.AddDays(MeetingRules.DueSoonDays);
        var open = await db.MeetingTasks.AsNoTracking()
            .Where(t => t.Status == MeetingTaskStatus.InProgress && t.Deadline <= horizon).ToListAsync(ct);
        foreach (var t in open)
            await NotifyTaskDueOrOverdueAsync(t, t.IsOverdue(today) ? TaskReminder.Overdue : TaskReminder.DueSoon, ct);
        return open.Count;
    }

    /// <summary>
    /// THE place where a 交办事项's owner (its department users and staff, and those of its sub-units) are told that it is
    /// due soon or overdue: once per task, deadline and kind, however often the job runs.
    /// </summary>
    public async Task NotifyTaskDueOrOverdueAsync(MeetingTask task, TaskReminder reminder, CancellationToken ct)
    {
        var users = (await notices.UsersAsync(Role.Department, task.OwnerOrgId, subtree: true, ct))
            .Concat(await notices.UsersAsync(Role.Staff, task.OwnerOrgId, subtree: false, ct)).ToList();
        var today = Today;
        var deadline = task.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var overdue = reminder == TaskReminder.Overdue;
        await notices.NotifyAsync(users, overdue ? Domain.Notices.NoticeKind.TaskOverdue : Domain.Notices.NoticeKind.TaskDueSoon,
            $"task:{task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{(overdue ? "overdue" : "due")}:{deadline}", "/meetings/tasks",
            overdue ? [task.Title, deadline, (today.DayNumber - task.Deadline.DayNumber).ToString(System.Globalization.CultureInfo.InvariantCulture)] : [task.Title, deadline], ct);
    }
}
