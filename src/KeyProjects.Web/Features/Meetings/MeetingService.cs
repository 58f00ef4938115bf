using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Meetings;
using KeyProjects.Domain.Problems;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Features.Reports;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>A meeting with what its pages show around it.</summary>
public sealed record MeetingDetail(Meeting Meeting, MeetingSeries? Series, IndexedOrg Org, bool MayManage, IReadOnlyDictionary<string, string> ItemNotes);

/// <summary>An ad hoc meeting, or the next (or a given) meeting of a series.</summary>
public sealed record MeetingDraft
{
    public int? SeriesId { get; init; }
    public int? OrgId { get; init; }
    public string? Title { get; init; }
    public DateOnly? Date { get; init; }
    public TimeOnly? Time { get; init; }
    public int? Level { get; init; }
}

/// <summary>
/// Dispatch meetings (周调度/周例会): series, their meetings created on demand, the agenda (live until held, then frozen), the
/// minutes. Pages, API and demo data all come through here, so scope, rights, audit and concurrency are one.
/// </summary>
public sealed class MeetingService(AppDbContext db, TimeProvider clock, ProjectIndex projectIndex, ProgressService progress, ILogger<MeetingService> log)
{
    public const string SeriesAudit = "MeetingSeries";
    public const string MeetingAudit = "Meeting";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ProblemStatus[] OpenStatuses = [.. ProblemWorkflow.OpenStatuses];

    public DateOnly Today => Display.Today(clock);

    public EscalationLadder Ladder => EscalationLadder.Default;

    public Task<ProjectSnapshot> SnapshotAsync(CancellationToken ct) => projectIndex.CurrentAsync(db, ct);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The organisation, when the actor's subtree holds it.</summary>
    private static IndexedOrg? Visible(ProjectSnapshot s, Actor actor, int orgId) =>
        s.Orgs.TryGetValue(orgId, out var o) && actor.Covers(o.Path) ? o : null;

    /// <summary>Whether the actor may schedule and keep the meetings of an organisation (for the list page).</summary>
    public async Task<bool> MayManageAtAsync(Actor actor, int orgId, CancellationToken ct = default) =>
        Rights.MayManageMeetings(actor, (await SnapshotAsync(ct)).PathOf(orgId));

    // ---- series

    public async Task<IReadOnlyList<MeetingSeries>> SeriesAsync(Actor actor, int? orgId, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var rows = await db.MeetingSeries.AsNoTracking().ToListAsync(ct);
        return rows.Where(r => actor.Covers(s.PathOf(r.OrgId)) && (orgId is null || r.OrgId == orgId))
            .OrderBy(r => s.PathOf(r.OrgId), StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
    }

    /// <summary>One series, if the caller sees it (its organisation lies in the caller's subtree); null otherwise.</summary>
    public async Task<MeetingSeries?> FindSeriesAsync(Actor actor, int id, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var row = await db.MeetingSeries.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return row is not null && actor.Covers(s.PathOf(row.OrgId)) ? row : null;
    }

    public async Task<Result<MeetingSeries>> CreateSeriesAsync(Actor actor, int orgId, SeriesDraft draft, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        if (Visible(s, actor, orgId) is not { } org) return Result<MeetingSeries>.Fail(new FieldInvalid("OrgId", "Error.Meeting.OrgUnknown"));
        if (!Rights.MayManageMeetings(actor, org.Path)) return Result<MeetingSeries>.Fail(new Forbidden("Error.Meeting.CannotManage"));
        var errors = MeetingRules.ValidateSeries(draft, Ladder.Top);
        if (errors.Count > 0) return Result<MeetingSeries>.Fail(errors);

        var series = new MeetingSeries
        {
            OrgId = org.Id,
            Name = draft.Name.Trim(),
            Level = draft.Level,
            Weekday = draft.Weekday,
            Time = draft.Time,
            MarginPoints = draft.MarginPoints,
            DeepDiveCount = draft.DeepDiveCount,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(series);
        var entry = AuditLog.Add(db, clock, actor, SeriesAudit, "", org.Path, AuditAction.Created, [], 1);
        await using (var tx = await db.UnitOfWorkAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            AuditLog.Complete(entry, Id(series.Id), org.Path, AuditLog.Diff(null, series.AuditSnapshot()), 1);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        // Its first meeting is scheduled at once (the unit of work above is over: SQLite has one writer).
        await EnsureNextAsync(series, ct);
        return series;
    }

    /// <summary>
    /// Changes a series (weekday, level, margin …) or stops it (<paramref name="active"/> false: no further meetings are
    /// scheduled; those already held stay). Meetings already scheduled keep their date. Audited; a stale version is refused.
    /// </summary>
    public async Task<Result<MeetingSeries>> UpdateSeriesAsync(Actor actor, int id, int expectedVersion, SeriesDraft draft, bool active, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var series = await db.MeetingSeries.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (series is null || s.PathOf(series.OrgId) is not { } path || !actor.Covers(path))
            return Result<MeetingSeries>.Fail(new NotFound(SeriesAudit, Id(id)));
        if (!Rights.MayManageMeetings(actor, path)) return Result<MeetingSeries>.Fail(new Forbidden("Error.Meeting.CannotManage"));
        if (series.Version != expectedVersion) return Result<MeetingSeries>.Fail(new ConcurrencyConflict(series.Version, [], null, null));
        var errors = MeetingRules.ValidateSeries(draft, Ladder.Top);
        if (errors.Count > 0) return Result<MeetingSeries>.Fail(errors);
        var before = series.AuditSnapshot();
        var movedFrom = series.Weekday != draft.Weekday ? MeetingRules.NextDate(series.Weekday, Today) : (DateOnly?)null;
        series.Name = draft.Name.Trim();
        series.Level = draft.Level;
        series.Weekday = draft.Weekday;
        series.Time = draft.Time;
        series.MarginPoints = draft.MarginPoints;
        series.DeepDiveCount = draft.DeepDiveCount;
        series.IsActive = active;
        series.Version++;
        AuditLog.Add(db, clock, actor, SeriesAudit, Id(series.Id), path, AuditAction.Updated, AuditLog.Diff(before, series.AuditSnapshot()), series.Version);
        if (movedFrom is { } from && active) await MoveUpcomingAsync(actor, series, from, path, ct);
        try
        {
            await using var tx = await db.UnitOfWorkAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<MeetingSeries>.Fail(new ConcurrencyConflict(0, [], null, null));
        }
        if (series.IsActive) await EnsureNextAsync(series, ct);
        return series;
    }

    // ---- meetings

    /// <summary>
    /// The meetings of an organisation's subtree, latest first. Reading changes nothing (issue 12): the next meeting of
    /// each series is scheduled when the series is created or changed, and by the periodic job
    /// (<see cref="ScheduleAllAsync"/>) as the weeks turn.
    /// </summary>
    public async Task<Result<IReadOnlyList<Meeting>>> ListAsync(Actor actor, int? orgId, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var node = Visible(s, actor, orgId ?? actor.OrgId);
        if (node is null) return Result<IReadOnlyList<Meeting>>.Fail(new NotFound("Organisation", Id(orgId ?? actor.OrgId)));
        var subtree = new Subtree(node.Path);
        var ids = s.Orgs.Values.Where(o => subtree.Holds(o.Path)).Select(o => o.Id).ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.OrgId)).ToListAsync(ct);
        return meetings.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).ToList();
    }

    /// <summary>The next meeting (scheduled, today or later) of an organisation's subtree, or null (the 工作台's and the dashboard's).</summary>
    public async Task<Meeting?> NextAsync(Actor actor, int? orgId, CancellationToken ct = default) =>
        (await ListAsync(actor, orgId, ct)) is { Succeeded: true } list
            ? list.Value.Where(m => m.Status == MeetingStatus.Scheduled && m.Date >= Today).OrderBy(m => m.Date).ThenBy(m => m.Id).FirstOrDefault()
            : null;

    /// <summary>
    /// When a series moves to another weekday, its next meeting (scheduled, not yet held) moves with it, audited; a
    /// meeting already held, or one on the new date, stays as it is.
    /// </summary>
    private async Task MoveUpcomingAsync(Actor actor, MeetingSeries series, DateOnly from, string path, CancellationToken ct)
    {
        var to = MeetingRules.NextDate(series.Weekday, Today);
        var upcoming = await db.Meetings.SingleOrDefaultAsync(m => m.SeriesId == series.Id && m.Date == from && m.Status == MeetingStatus.Scheduled, ct);
        if (upcoming is null || await db.Meetings.AnyAsync(m => m.SeriesId == series.Id && m.Date == to, ct)) return;
        var before = upcoming.AuditSnapshot();
        upcoming.Date = to;
        upcoming.Version++;
        upcoming.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        AuditLog.Add(db, clock, actor, MeetingAudit, Id(upcoming.Id), path, AuditAction.Updated, AuditLog.Diff(before, upcoming.AuditSnapshot()), upcoming.Version);
    }

    /// <summary>The next meeting of every active series, created where missing (the periodic job "meetings.schedule", on every server).</summary>
    public async Task<int> ScheduleAllAsync(CancellationToken ct = default)
    {
        var created = 0;
        foreach (var series in await db.MeetingSeries.AsNoTracking().Where(x => x.IsActive).ToListAsync(ct))
            if ((await NextOfAsync(series, ct)).Created) created++;
        return created;
    }

    /// <summary>The next meeting of a series (today when today is its weekday), created if missing. Never two for one date.</summary>
    public async Task<Meeting> EnsureNextAsync(MeetingSeries series, CancellationToken ct = default) => (await NextOfAsync(series, ct)).Meeting;

    private async Task<(Meeting Meeting, bool Created)> NextOfAsync(MeetingSeries series, CancellationToken ct)
    {
        var date = MeetingRules.NextDate(series.Weekday, Today);
        var existing = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.SeriesId == series.Id && m.Date == date, ct);
        if (existing is not null) return (existing, false);
        var path = (await SnapshotAsync(ct)).PathOf(series.OrgId) ?? "/";
        var meeting = FromSeries(series, date, "system");
        db.Add(meeting);
        var entry = AuditLog.Add(db, clock, Actor.System("meeting-schedule"), MeetingAudit, "", path, AuditAction.Created, [], 1);
        try
        {
            await using var tx = await db.UnitOfWorkAsync(ct);
            await db.SaveChangesAsync(ct);
            AuditLog.Complete(entry, Id(meeting.Id), path, AuditLog.Diff(null, meeting.AuditSnapshot()), 1);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (meeting, true);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another request (or server) created it first: theirs is the meeting.
            db.ChangeTracker.Clear();
            log.LogDebug("Meeting of series {Series} on {Date} was created concurrently.", series.Id, date);
            return (await db.Meetings.AsNoTracking().SingleAsync(m => m.SeriesId == series.Id && m.Date == date, ct), false);
        }
    }

    private Meeting FromSeries(MeetingSeries series, DateOnly date, string by) => new()
    {
        SeriesId = series.Id,
        OrgId = series.OrgId,
        Title = series.Name + " " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Date = date,
        Time = series.Time,
        Level = series.Level,
        MarginPoints = series.MarginPoints,
        DeepDiveCount = series.DeepDiveCount,
        CreatedByName = by,
        CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        UpdatedAtUtc = clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>
    /// With a series: its meeting on the given date (its next one by default), the existing one when there is one already.
    /// Without: an ad hoc meeting of an organisation with a title, a date and a level.
    /// </summary>
    public async Task<Result<(Meeting Meeting, bool Created)>> CreateAsync(Actor actor, MeetingDraft draft, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        if (draft.SeriesId is { } seriesId)
        {
            var series = await db.MeetingSeries.AsNoTracking().SingleOrDefaultAsync(r => r.Id == seriesId, ct);
            if (series is null || Visible(s, actor, series.OrgId) is not { } sOrg)
                return Result<(Meeting, bool)>.Fail(new FieldInvalid("SeriesId", "Error.Meeting.SeriesUnknown"));
            if (!Rights.MayManageMeetings(actor, sOrg.Path)) return Result<(Meeting, bool)>.Fail(new Forbidden("Error.Meeting.CannotManage"));
            if (draft.Date is null)
            {
                var before = await db.Meetings.AnyAsync(m => m.SeriesId == seriesId && m.Date == MeetingRules.NextDate(series.Weekday, Today), ct);
                return (await EnsureNextAsync(series, ct), !before);
            }
            var found = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.SeriesId == seriesId && m.Date == draft.Date, ct);
            if (found is not null) return (found, false);
            var fromSeries = FromSeries(series, draft.Date.Value, actor.UserName);
            if (!string.IsNullOrWhiteSpace(draft.Title)) fromSeries.Title = draft.Title.Trim();
            var titleErrors = MeetingRules.ValidateMeeting(fromSeries.Title, fromSeries.Date, fromSeries.Level, Ladder.Top, Today);
            if (titleErrors.Count > 0) return Result<(Meeting, bool)>.Fail(titleErrors);
            return await InsertAsync(actor, fromSeries, sOrg.Path, ct);
        }

        if (draft.OrgId is not { } orgId || Visible(s, actor, orgId) is not { } org)
            return Result<(Meeting, bool)>.Fail(new FieldInvalid("OrgId", "Error.Meeting.OrgUnknown"));
        if (!Rights.MayManageMeetings(actor, org.Path)) return Result<(Meeting, bool)>.Fail(new Forbidden("Error.Meeting.CannotManage"));
        var level = draft.Level ?? DefaultLevel(org);
        var errors = MeetingRules.ValidateMeeting(draft.Title, draft.Date, level, Ladder.Top, Today);
        if (errors.Count > 0) return Result<(Meeting, bool)>.Fail(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var meeting = new Meeting
        {
            OrgId = org.Id,
            Title = draft.Title!.Trim(),
            Date = draft.Date!.Value,
            Time = draft.Time,
            Level = level,
            MarginPoints = MeetingRules.DefaultMarginPoints,
            DeepDiveCount = MeetingRules.DefaultDeepDiveCount,
            CreatedByName = actor.Name,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        return await InsertAsync(actor, meeting, org.Path, ct);
    }

    /// <summary>A city's meeting serves the city's rung of the default ladder (市级周例会, 4); anything below, the county's (2).</summary>
    private static int DefaultLevel(IndexedOrg org) =>
        org.Kind is Domain.Organisations.OrgKind.City or Domain.Organisations.OrgKind.Province ? 4 : 2;

    private async Task<Result<(Meeting, bool)>> InsertAsync(Actor actor, Meeting meeting, string orgPath, CancellationToken ct)
    {
        db.Add(meeting);
        var entry = AuditLog.Add(db, clock, actor, MeetingAudit, "", orgPath, AuditAction.Created, [], 1);
        try
        {
            await using var tx = await db.UnitOfWorkAsync(ct);
            await db.SaveChangesAsync(ct);
            AuditLog.Complete(entry, Id(meeting.Id), orgPath, AuditLog.Diff(null, meeting.AuditSnapshot()), 1);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (meeting, true);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e) && meeting.SeriesId is { } seriesId)
        {
            db.ChangeTracker.Clear();
            return (await db.Meetings.AsNoTracking().SingleAsync(m => m.SeriesId == seriesId && m.Date == meeting.Date, ct), false);
        }
    }

    public async Task<Result<MeetingDetail>> FindAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        var s = await SnapshotAsync(ct);
        if (meeting is null || Visible(s, actor, meeting.OrgId) is not { } org) return Result<MeetingDetail>.Fail(new NotFound(MeetingAudit, Id(id)));
        var series = meeting.SeriesId is { } sid ? await db.MeetingSeries.AsNoTracking().SingleOrDefaultAsync(r => r.Id == sid, ct) : null;
        return new MeetingDetail(meeting, series, org, Rights.MayManageMeetings(actor, org.Path), NotesOf(meeting));
    }

    public static IReadOnlyDictionary<string, string> NotesOf(Meeting m) =>
        string.IsNullOrEmpty(m.ItemNotesJson) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(m.ItemNotesJson, Json) ?? [];

    /// <summary>The agenda: frozen when the meeting was held, otherwise worked out now.</summary>
    public async Task<Result<MeetingAgenda>> AgendaAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var found = await FindAsync(actor, id, ct);
        if (!found.Succeeded) return Result<MeetingAgenda>.Fail(found.Errors);
        return await AgendaOfAsync(found.Value.Meeting, found.Value.Org, ct);
    }

    internal async Task<MeetingAgenda> AgendaOfAsync(Meeting meeting, IndexedOrg org, CancellationToken ct)
    {
        if (meeting.AgendaJson is { Length: > 0 } frozen)
            return JsonSerializer.Deserialize<MeetingAgenda>(frozen, Json)! with { Frozen = true };
        return await BuildAgendaAsync(meeting, org, ct);
    }

    /// <summary>
    /// The live agenda of a meeting: figures as of the meeting's date (today for a meeting still to come), in the default
    /// reporting period of that date — the last complete month, or the latest reported month of the latest planned year.
    /// </summary>
    private async Task<MeetingAgenda> BuildAgendaAsync(Meeting meeting, IndexedOrg org, CancellationToken ct)
    {
        var today = Today;
        var asOf = meeting.Date < today ? meeting.Date : today;
        var s = await SnapshotAsync(ct);

        var view = await progress.ViewAsync(Actor.System("meeting-agenda"), org.Id, ProjectSelection.All, asOf, null, null, ct);
        var lines = new Dictionary<int, AgendaProjectLine>();
        var weighed = new List<AgendaProject>();
        string? period = null;
        if (view.Succeeded)
        {
            period = view.Value.Period.ToString();
            foreach (var p in view.Value.Projects)
            {
                var m = p.Metrics;
                weighed.Add(new AgendaProject(p.Project.Id, p.Project.Code, p.Project.Name, m.PointsAhead?.Exact, m.CompletionRate?.Exact, m.TimeProgress?.Exact));
                lines[p.Project.Id] = new AgendaProjectLine(p.Project.Id, p.Project.Code, p.Project.Name, view.Value.NameOf(p.Project.OrgId),
                    m.PointsAhead?.Printed, m.CompletionRate?.Printed, m.TimeProgress?.Printed);
            }
        }
        var behind = AgendaRules.Behind(weighed, meeting.MarginPoints);

        var orgIds = s.Orgs.Values.Where(o => new Subtree(org.Path).Holds(o.Path)).Select(o => o.Id).ToList();
        var meetingId = meeting.Id;
        var rows = await db.Problems.AsNoTracking()
            .Where(p => (orgIds.Contains(p.OrgId) && OpenStatuses.Contains(p.Status)) || p.MeetingId == meetingId)
            .Select(p => new { p.Id, p.Title, p.ProjectId, p.Level, p.Status, Deadline = p.DueOn, p.MeetingId, p.DepartmentOrgId }) // 办理时限: overdue past it
            .ToListAsync(ct);
        var problems = rows.Select(p => new AgendaProblem(p.Id, p.Title, p.ProjectId, p.Level, p.Status, p.Deadline, p.MeetingId)).ToList();
        var departments = rows.ToDictionary(p => p.Id, p => p.DepartmentOrgId);
        AgendaProblemLine Line(AgendaProblem p)
        {
            var project = s.ById.GetValueOrDefault(p.ProjectId);
            var dept = departments.GetValueOrDefault(p.Id) is { } d && s.Orgs.TryGetValue(d, out var o) ? o.Name : null;
            return new AgendaProblemLine(p.Id, p.Title, project?.Code ?? "", project?.Name ?? "", p.Level, p.Status, p.Deadline, dept,
                ProblemWorkflow.IsOverdue(p.Status, p.Deadline, asOf));
        }

        IReadOnlySet<int> recent = new HashSet<int>();
        if (meeting.SeriesId is { } seriesId)
        {
            var previous = await db.Meetings.AsNoTracking()
                .Where(m => m.SeriesId == seriesId && m.Date < meeting.Date && m.Status == MeetingStatus.Held)
                .OrderByDescending(m => m.Date).Take(MeetingRules.RotationMeetings).Select(m => m.DeepDiveProjectIds).ToListAsync(ct);
            recent = previous.Where(p => !string.IsNullOrEmpty(p))
                .SelectMany(p => p!.Split(',')).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToHashSet();
        }
        var deep = AgendaRules.DeepDive(behind, meeting.DeepDiveCount, recent);

        return new MeetingAgenda(asOf, period, meeting.MarginPoints, false,
            behind.Select(b => lines[b.Id]).ToList(),
            AgendaRules.Overdue(problems, asOf).Select(Line).ToList(),
            AgendaRules.ForThisLevel(problems, meeting.Level, meetingId).Select(Line).ToList(),
            deep.Select(d => lines[d.Id]).ToList());
    }

    // ---- minutes and holding

    /// <summary>Attendees, the overall minutes and the minutes per agenda item; refused when someone saved since <paramref name="expectedVersion"/>.</summary>
    public async Task<Result<Meeting>> SaveMinutesAsync(Actor actor, long id, int expectedVersion, string? attendees, string? minutes,
        IReadOnlyDictionary<string, string>? notes, CancellationToken ct = default)
    {
        var errors = MeetingRules.ValidateMinutes(attendees, minutes, notes);
        return await ChangeAsync(actor, id, expectedVersion, errors, m =>
        {
            m.Attendees = Clean(attendees);
            m.Minutes = Clean(minutes);
            var kept = (notes ?? new Dictionary<string, string>()).Where(n => !string.IsNullOrWhiteSpace(n.Value))
                .ToDictionary(n => n.Key, n => n.Value.Trim(), StringComparer.Ordinal);
            m.ItemNotesJson = kept.Count == 0 ? null : JsonSerializer.Serialize(new SortedDictionary<string, string>(kept, StringComparer.Ordinal), Json);
            return Task.CompletedTask;
        }, AuditAction.Updated, ct);
    }

    /// <summary>Marks the meeting held: its agenda is frozen as it stands now and its deep dives count for the rotation.</summary>
    public async Task<Result<Meeting>> MarkHeldAsync(Actor actor, long id, int expectedVersion, CancellationToken ct = default)
    {
        var errors = new List<DomainError>();
        return await ChangeAsync(actor, id, expectedVersion, errors, async m =>
        {
            if (m.Status == MeetingStatus.Held) return;
            var s = await SnapshotAsync(ct);
            var agenda = await BuildAgendaAsync(m, s.Orgs[m.OrgId], ct);
            m.AgendaJson = JsonSerializer.Serialize(agenda with { Frozen = true }, Json);
            m.DeepDiveProjectIds = agenda.DeepDive.Count == 0 ? null : string.Join(',', agenda.DeepDive.Select(d => d.Id.ToString(CultureInfo.InvariantCulture)));
            m.Status = MeetingStatus.Held;
            m.HeldAtUtc = clock.GetUtcNow().UtcDateTime;
        }, AuditAction.Held, ct);
    }

    private async Task<Result<Meeting>> ChangeAsync(Actor actor, long id, int expectedVersion, List<DomainError> errors,
        Func<Meeting, Task> change, AuditAction action, CancellationToken ct)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == id, ct);
        var s = await SnapshotAsync(ct);
        if (meeting is null || Visible(s, actor, meeting.OrgId) is not { } org) return Result<Meeting>.Fail(new NotFound(MeetingAudit, Id(id)));
        if (!Rights.MayManageMeetings(actor, org.Path)) return Result<Meeting>.Fail(new Forbidden("Error.Meeting.CannotManage"));
        if (meeting.Version != expectedVersion) return Result<Meeting>.Fail(await ConflictAsync(meeting.Id, meeting.Version, expectedVersion, ct));
        if (errors.Count > 0) return Result<Meeting>.Fail(errors);
        var before = meeting.AuditSnapshot();
        await change(meeting);
        var changes = AuditLog.Diff(before, meeting.AuditSnapshot());
        if (changes.Count == 0) return meeting;
        meeting.Version++;
        meeting.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        AuditLog.Add(db, clock, actor, MeetingAudit, Id(meeting.Id), org.Path, action, changes, meeting.Version);
        try
        {
            await using var tx = await db.UnitOfWorkAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return meeting;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            return Result<Meeting>.Fail(await ConflictAsync(id, current.Version, expectedVersion, ct));
        }
    }

    private async Task<ConcurrencyConflict> ConflictAsync(long id, int current, int expected, CancellationToken ct)
    {
        var key = Id(id);
        var since = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == MeetingAudit && a.EntityKey == key && a.EntityVersion > expected)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var last = since.LastOrDefault();
        return new ConcurrencyConflict(current, since.SelectMany(AuditLog.ChangesOf).Select(c => c.Field).Distinct().ToList(), last?.UserName, last?.AtUtc);
    }

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
