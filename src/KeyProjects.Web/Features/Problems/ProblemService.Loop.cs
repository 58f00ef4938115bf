using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Problems;

/// <summary>The closed loop: accept, answer, send back, verify and close (销号), reopen, assign, escalate; every action checked, versioned, audited and noticed.</summary>
public sealed partial class ProblemService
{
    public Task<Result<ProblemDetail>> AcceptAsync(Actor actor, long id, int? version, CancellationToken ct = default) =>
        ActAsync(actor, id, version, ProblemAction.Accepted, ct, (p, s, r, _) => r.Accept ? null : Refusal(actor, p, s, department: true));

    public Task<Result<ProblemDetail>> AnswerAsync(Actor actor, long id, int? version, string? answer, CancellationToken ct = default) =>
        ActAsync(actor, id, version, ProblemAction.Answered, ct, (p, s, r, _) =>
        {
            if (!r.Answer) return Refusal(actor, p, s, department: true);
            if (ProblemWorkflow.CheckReason(answer, "Text") is { } e) return e with { MessageKey = e.MessageKey == "Problem.Error.ReasonRequired" ? "Problem.Error.AnswerRequired" : e.MessageKey };
            p.Answer = answer!.Trim();
            p.AnsweredByName = actor.Name;
            p.AnsweredAtUtc = clock.GetUtcNow().UtcDateTime;
            return null;
        }, note: answer);

    public Task<Result<ProblemDetail>> SendBackAsync(Actor actor, long id, int? version, string? reason, CancellationToken ct = default) =>
        ActAsync(actor, id, version, ProblemAction.SentBack, ct, (p, s, r, _) =>
            !r.SendBack ? Refusal(actor, p, s, department: true) : ProblemWorkflow.CheckReason(reason, "Text"), note: reason);

    /// <summary>销号 (accept = true, with an optional satisfaction) or reject the answer with a reason (back to 办理中).</summary>
    public Task<Result<ProblemDetail>> VerifyAsync(Actor actor, long id, int? version, bool accept, int? satisfaction, string? note, CancellationToken ct = default) =>
        ActAsync(actor, id, version, accept ? ProblemAction.Verified : ProblemAction.Rejected, ct, (p, s, r, today) =>
        {
            if (p.Status != ProblemStatus.Answered && (SeesProject(actor, p, s) || p.RaisedById == actor.UserId))
                return new RuleBroken("Problem.Error.NotAnswered");
            if (!r.Verify) return Refusal(actor, p, s, department: false);
            if (!accept) return ProblemWorkflow.CheckReason(note, "Text");
            if (ProblemWorkflow.CheckSatisfaction(satisfaction) is { } e) return e;
            p.ClosedOn = today;
            p.VerifiedByName = actor.Name;
            p.Satisfaction = satisfaction;
            return null;
        }, note: note, freshDeadline: !accept); // a rejected answer: the department gets the level's time again, from today

    public Task<Result<ProblemDetail>> ReopenAsync(Actor actor, long id, int? version, string? reason, CancellationToken ct = default) =>
        ActAsync(actor, id, version, ProblemAction.Reopened, ct, (p, s, r, today) =>
        {
            if (!r.Reopen) return p.Status != ProblemStatus.Closed && SeesProject(actor, p, s) ? new RuleBroken("Problem.Error.NotClosed") : Refusal(actor, p, s, department: false);
            if (ProblemWorkflow.CheckReason(reason, "Text") is { } e) return e;
            p.ClosedOn = null;
            p.Satisfaction = null;
            p.VerifiedByName = null;
            return null;
        }, note: reason, freshDeadline: true, freshDue: true);

    public Task<Result<ProblemDetail>> AssignAsync(Actor actor, long id, int? version, int? departmentOrgId, IReadOnlyList<int>? cooperating, string? note,
        CancellationToken ct = default) =>
        ActAsync(actor, id, version, ProblemAction.Assigned, ct, (p, s, r, _) =>
        {
            if (!r.Assign) return Refusal(actor, p, s, department: false);
            if (departmentOrgId is null) return new FieldInvalid("DepartmentOrgId", "Problem.Error.DepartmentRequired");
            var others = (cooperating ?? []).Distinct().Where(c => c != departmentOrgId).ToList();
            if (s.ById.TryGetValue(p.ProjectId, out var project) && CheckDepartments(s, project, departmentOrgId, others) is [var first, ..]) return first;
            p.DepartmentOrgId = departmentOrgId;
            p.CooperatingOrgIds = others.Count == 0 ? null : string.Join(',', others.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            return null;
        }, note: note, freshDeadline: true);

    /// <summary>Up the ladder by hand (to <paramref name="level"/>, default the next), or 交办 to a named meeting at its level.</summary>
    public async Task<Result<ProblemDetail>> EscalateAsync(Actor actor, long id, int? version, int? level, long? meetingId, string? reason, CancellationToken ct = default)
    {
        int? meetingLevel = null;
        if (meetingId is { } mid)
        {
            meetingLevel = await MeetingLevelAsync(mid, ct);
            if (meetingLevel is null) return Result<ProblemDetail>.Fail(new FieldInvalid("MeetingId", "Problem.Error.UnknownMeeting", mid));
        }
        var calendar = await CalendarAsync(ct);
        return await ActAsync(actor, id, version, meetingId is null ? ProblemAction.Escalated : ProblemAction.ReferredToMeeting, ct, (p, s, r, today) =>
        {
            if (!r.Assign) return Refusal(actor, p, s, department: false);
            if (meetingId is null && ProblemWorkflow.CheckReason(reason, "Text") is { } e) return e;
            var ladder = options.Value.LadderFor(p.OrgId, s.Orgs);
            var target = level ?? meetingLevel ?? p.Level + 1;
            if (meetingId is not null && target <= p.Level)
            {
                p.MeetingId = meetingId; // 交办 to a meeting at or below its level: the level stays
                return null;
            }
            var step = ladder.To(p.Level, target, today, calendar);
            if (!step.Succeeded) return step.Errors[0];
            p.Level = step.Value.ToLevel;
            p.Deadline = step.Value.NewDeadline;
            if (meetingId is not null) p.MeetingId = meetingId;
            return null;
        }, note: reason, meetingId: meetingId);
    }

    /// <summary>The ladder level a meeting serves, or null when there is no such meeting (or it has been held).</summary>
    private Task<int?> MeetingLevelAsync(long meetingId, CancellationToken ct) => meetings.ScheduledLevelAsync(meetingId, ct);

    private static DomainError Refusal(Actor actor, Problem p, ProjectSnapshot s, bool department)
    {
        if (department && actor.Role == Role.Department && !Rights.IsAnsweringDepartment(actor, FactsOf(p, s))) return new Forbidden("Problem.Error.NotYourDepartment");
        if (!ProblemWorkflow.IsOpen(p.Status) && p.Status != ProblemStatus.Answered && department) return new RuleBroken("Problem.Error.Transition", p.Status, ProblemAction.Answered);
        return new Forbidden("Problem.Error.MayNotAct");
    }

    /// <summary>
    /// One step of the loop, all or nothing: the caller's rights and the workflow are checked, the change applied, the
    /// history step and the audit entry written in the same save; a stale version is a conflict.
    /// </summary>
    private async Task<Result<ProblemDetail>> ActAsync(Actor actor, long id, int? version, ProblemAction action, CancellationToken ct,
        Func<Problem, ProjectSnapshot, ProblemRights, DateOnly, DomainError?> apply, string? note = null, bool freshDeadline = false, long? meetingId = null,
        bool freshDue = false)
    {
        var s = await SnapshotAsync(ct);
        var calendar = await CalendarAsync(ct);
        var p = await db.Problems.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || !Sees(actor, p, s)) return Result<ProblemDetail>.Fail(new NotFound(AuditType, Key(id)));
        if (version is { } v && v != p.Version)
            return Result<ProblemDetail>.Fail(new ConcurrencyConflict(p.Version, [], null, p.UpdatedAtUtc));
        var ladder = options.Value.LadderFor(p.OrgId, s.Orgs);
        var today = Today;
        var before = Fields(p, s);
        var fromStatus = p.Status;
        var fromLevel = p.Level;
        var rights = Rights.OnProblem(actor, FactsOf(p, s, ladder));
        if (apply(p, s, rights, today) is { } error)
        {
            db.ChangeTracker.Clear();
            return Result<ProblemDetail>.Fail(error);
        }
        var next = ProblemWorkflow.Next(fromStatus, action);
        if (!next.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Result<ProblemDetail>.Fail(next.Errors);
        }
        p.Status = next.Value;
        // Reassigned or reopened: the department gets the level's time again, from today.
        if (freshDeadline) p.Deadline = ladder.DeadlineAt(p.Level, today, calendar);
        // Reopened: a new round, with its own time (办理时限) from today.
        if (freshDue) p.DueOn = p.Deadline;
        p.Version++;
        p.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        var step = Step(actor, action, fromStatus, p, note, null, fromLevel);
        step.ProblemId = p.Id;
        step.MeetingId = meetingId;
        db.Add(step);
        AuditLog.Add(db, clock, actor, AuditType, Key(p.Id), s.PathOf(p.OrgId) ?? "/", AuditAction.Updated, AuditLog.Diff(before, Fields(p, s)), p.Version,
            string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        try
        {
            await using var tx = await db.UnitOfWorkAsync(ct, savepoints: false);
            await db.SaveChangesAsync(ct);
            if (action == ProblemAction.Assigned) await notices.AssignedAsync(p, s, ct);
            if (action == ProblemAction.Answered) await notices.AnsweredAsync(p, s, ct);
            await ChangeCounter.StampProblemsAsync(db, [p.Id], ct);
            await tx.CommitAsync(ct);
            _numbers = null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<ProblemDetail>.Fail(new ConcurrencyConflict(0, [], null, null));
        }
        db.ChangeTracker.Clear();
        // Up the ladder by hand (or to a meeting's level): the new level's owners are told, as when the sweep moves it.
        if (p.Level > fromLevel && db.Database.CurrentTransaction is null)
            await notices.EscalatedAsync([new EscalatedProblem(p.Id, p.ProjectId, p.OrgId, p.Level, p.Deadline)], ct);
        return await DetailAsync(actor, id, ct);
    }

    private ProblemStep Step(Actor actor, ProblemAction action, ProblemStatus from, Problem p, string? note, string? marker, int? fromLevel = null) => new()
    {
        Action = action,
        FromStatus = from,
        ToStatus = p.Status,
        FromLevel = fromLevel ?? p.Level,
        ToLevel = p.Level,
        Deadline = p.Deadline,
        DepartmentOrgId = p.DepartmentOrgId,
        Note = string.IsNullOrWhiteSpace(note) ? marker : note.Trim(),
        ActorId = actor.UserId,
        ActorName = actor.Name,
        AtUtc = clock.GetUtcNow().UtcDateTime,
    };

    internal static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The audited fields, as shown in the audit log.</summary>
    internal static Dictionary<string, string?> Fields(Problem p, ProjectSnapshot s) => new()
    {
        ["Project"] = s.ById.TryGetValue(p.ProjectId, out var project) ? project.Code : null,
        [nameof(Problem.Title)] = p.Title,
        [nameof(Problem.Description)] = p.Description,
        [nameof(Problem.Category)] = p.Category.ToString(),
        [nameof(Problem.Source)] = p.Source.ToString(),
        [nameof(Problem.Status)] = p.Status.ToString(),
        [nameof(Problem.Level)] = p.Level.ToString(CultureInfo.InvariantCulture),
        [nameof(Problem.Deadline)] = Display.Date(p.Deadline),
        [nameof(Problem.DueOn)] = Display.Date(p.DueOn),
        ["Department"] = p.DepartmentOrgId is { } d && s.Orgs.TryGetValue(d, out var o) ? o.Name : null,
        ["Cooperating"] = p.CooperatingOrgIds is null ? null : string.Join("、", p.Cooperating.Select(c => s.Orgs.TryGetValue(c, out var x) ? x.Name : c.ToString(CultureInfo.InvariantCulture))),
        [nameof(Problem.Answer)] = p.Answer,
        [nameof(Problem.ClosedOn)] = Display.Date(p.ClosedOn),
        [nameof(Problem.Satisfaction)] = p.Satisfaction?.ToString(CultureInfo.InvariantCulture),
        [nameof(Problem.MeetingId)] = p.MeetingId?.ToString(CultureInfo.InvariantCulture),
    };
}
