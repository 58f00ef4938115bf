using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Calendar;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Problems;

/// <summary>
/// The problem ledger (问题台账) and its closed loop: raise, assign, accept, answer or send back, verify and close (销号),
/// reopen, escalate by hand or 交办 to a meeting. Who may do what is decided here, for the pages and the API alike: the
/// project's subtree for raisers, dispatchers and verifiers, the assigned department's subtree for answers. One class in
/// four files by section: raising (here), reading and statistics (.Reading), the loop (.Loop), attachments (.Attachments).
/// </summary>
public sealed partial class ProblemService(AppDbContext db, TimeProvider clock, ProjectIndex index, WorkingDays workingDays,
    IOptions<ProblemOptions> options, PhotoService photos, ProblemNotices notices, OpenProblemIndex openProblems, IReferralMeetings meetings)
{
    public const string AuditType = "Problem";
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public DateOnly Today => Display.Today(clock);

    public ProblemOptions Options => options.Value;

    private ChangeNumbers? _numbers;
    private ProjectSnapshot? _snapshot;

    /// <summary>
    /// The change numbers, read once per use case: one query serves the registry, the calendar and the open problems.
    /// Forgotten after this service writes problems, so a later read in the same scope sees the write.
    /// </summary>
    private async Task<ChangeNumbers> NumbersAsync(CancellationToken ct) => _numbers ??= await ChangeCounter.ReadAsync(db, ct);

    private async Task<ProjectSnapshot> SnapshotAsync(CancellationToken ct) => _snapshot ??= await index.CurrentAsync(db, await NumbersAsync(ct), ct);

    public async Task<WorkingCalendar> CalendarAsync(CancellationToken ct) => await workingDays.CurrentAsync(db, await NumbersAsync(ct), ct);

    /// <summary>The kind of an organisation in the registry snapshot (null if unknown).</summary>
    public async Task<OrgKind?> OrgKindAsync(int orgId, CancellationToken ct) =>
        (await SnapshotAsync(ct)).Orgs.TryGetValue(orgId, out var o) ? o.Kind : null;

    public async Task<EscalationLadder> LadderForAsync(int orgId, CancellationToken ct) => options.Value.LadderFor(orgId, (await SnapshotAsync(ct)).Orgs);

    // ---------------------------------------------------------------- raising

    /// <summary>Raises a problem, with photos of the site if any (all or nothing).</summary>
    public async Task<Result<ProblemDetail>> RaiseAsync(Actor actor, RaiseProblemRequest request, CancellationToken ct = default,
        IReadOnlyList<PhotoInput>? photoInputs = null)
    {
        if (!actor.Can(Permission.RaiseProblems)) return Result<ProblemDetail>.Fail(new Forbidden("Problem.Error.MayNotRaise"));
        var s = await SnapshotAsync(ct);
        var project = string.IsNullOrWhiteSpace(request.ProjectCode) ? null : s.FindByCode(Domain.Projects.ProjectCode.Normalize(request.ProjectCode));
        if (project is not null && !s.ScopeOf(actor).Contains(project)) project = null;
        // Every field's message at once: an unknown project does not hide a title that is too long.
        var errors = ProblemWorkflow.CheckText(request.Title, request.Description);
        if (project is null) errors.Add(new FieldInvalid("ProjectCode", "Problem.Error.UnknownProject", request.ProjectCode ?? ""));
        var category = ProblemCategory.Other;
        if (string.IsNullOrWhiteSpace(request.Category) || !TryEnum(request.Category, out category))
            errors.Add(new FieldInvalid("Category", "Problem.Error.Category", request.Category ?? ""));
        var source = DefaultSource(actor.Role);
        if (!string.IsNullOrWhiteSpace(request.Source) && !TryEnum(request.Source, out source))
            errors.Add(new FieldInvalid("Source", "Problem.Error.Source", request.Source));
        var cooperating = (request.CooperatingOrgIds ?? []).Distinct().Where(id => id != request.DepartmentOrgId).ToList();
        if (project is not null) errors.AddRange(CheckDepartments(s, project, request.DepartmentOrgId, cooperating));

        var now = clock.GetUtcNow();
        var raisedAt = now;
        if (request.RaisedAt is { } at)
        {
            if (!actor.Can(Permission.RecordProblemHistory)) errors.Add(new FieldInvalid("RaisedAt", "Problem.Error.HistoryNotAllowed"));
            else if (at > now) errors.Add(new FieldInvalid("RaisedAt", "Problem.Error.RaisedInFuture"));
            else if (PlausibleDates.Check("RaisedAt", DateOnly.FromDateTime(at.UtcDateTime), Display.Today(clock)) is { } outOfRange) errors.Add(outOfRange);
            else raisedAt = at;
        }
        var checkedPhotos = await photos.CheckAllAsync(photoInputs ?? [], errors, ct);
        if (errors.Count > 0 || project is null) return Result<ProblemDetail>.Fail(errors);

        var calendar = await CalendarAsync(ct);
        var ladder = options.Value.LadderFor(project.OrgId, s.Orgs);
        var raisedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(raisedAt, Display.ChinaTime).DateTime);
        var problem = new Problem
        {
            ProjectId = project.Id,
            OrgId = project.OrgId,
            Title = request.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            Category = category,
            Source = source,
            RaisedById = actor.UserId,
            RaisedByName = actor.Name,
            RaisedAtUtc = raisedAt.UtcDateTime,
            RaisedOn = raisedOn,
            DepartmentOrgId = request.DepartmentOrgId,
            CooperatingOrgIds = cooperating.Count == 0 ? null : string.Join(',', cooperating.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            Level = 1,
            Deadline = ladder.DeadlineAt(1, raisedOn, calendar),
            DueOn = ladder.DeadlineAt(1, raisedOn, calendar),
            Status = ProblemStatus.Pending,
            UpdatedAtUtc = now.UtcDateTime,
        };
        db.Add(problem);
        var orgPath = s.PathOf(project.OrgId) ?? "/";
        var entry = AuditLog.Add(db, clock, actor, AuditType, "", orgPath, AuditAction.Created, []);
        // Who is told is read before the transaction, so that SQLite's single writer is not held for it.
        var recipients = await notices.AssignedRecipientsAsync(problem, s, ct);
        // Four round trips in the transaction on PostgreSQL: the problem with its audit entry (for the id); in one batch its
        // first step, photos, the completed audit entry and the department's notices; the change number; the commit.
        await using var tx = await db.UnitOfWorkAsync(ct, savepoints: false);
        await db.SaveChangesAsync(ct);
        problem.Steps.Add(Step(actor, ProblemAction.Raised, ProblemStatus.Pending, problem, null, request.RaisedAt is null ? null : "history"));
        var saved = checkedPhotos.Select(p => photos.Attach(actor, project.Id, PhotoOwnerKind.Problem, problem.Id, p)).ToList();
        var fields = Fields(problem, s);
        if (saved.Count > 0) fields["Attachments"] = string.Join(", ", saved.Select(p => p.Sha256[..12]));
        AuditLog.Complete(entry, Key(problem.Id), orgPath, AuditLog.Diff(null, fields), problem.Version);
        notices.AddRaised(problem, s, recipients);
        await db.SaveChangesAsync(ct);
        await ChangeCounter.StampProblemsAsync(db, [problem.Id], ct);
        await tx.CommitAsync(ct);
        AppMetrics.ProblemsRaised.Add(1);
        _numbers = null;
        // The answer is made from the problem just saved rather than read back (unless photos came with it).
        return saved.Count == 0 ? DetailOf(actor, problem, s, []) : await DetailAsync(actor, problem.Id, ct);
    }

    private static ProblemSource DefaultSource(Role role) => role switch
    {
        Role.ProjectUnit => ProblemSource.ProjectUnit,
        Role.Inspector => ProblemSource.Inspection,
        Role.Leader => ProblemSource.Leader,
        _ => ProblemSource.ServiceOfficer,
    };

    private static bool TryEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    /// <summary>
    /// A responsible (or cooperating) department must be a department (or another body) of the project's city — the
    /// nodes the project's county and city own; nothing else can answer for it.
    /// </summary>
    private static List<DomainError> CheckDepartments(ProjectSnapshot s, IndexedProject project, int? department, IReadOnlyList<int> cooperating)
    {
        var errors = new List<DomainError>();
        var city = new Subtree(CityPathOf(s, project.OrgId));
        var region = s.PathOf(project.OrgId) ?? "/";
        // A department answers for a project of its own region or of a region below it: the county's, the city's or the
        // province's departments, never a sibling county's (decision 012, issue 12).
        bool Ok(int id) => s.Orgs.TryGetValue(id, out var o) && o.IsActive && o.Kind == OrgKind.Department && city.Holds(o.Path)
            && o.ParentId is { } parent && s.PathOf(parent) is { } home && region.StartsWith(home, StringComparison.Ordinal);
        if (department is { } d && !Ok(d)) errors.Add(new FieldInvalid("DepartmentOrgId", "Problem.Error.UnknownDepartment", d));
        foreach (var c in cooperating.Where(c => !Ok(c)))
            errors.Add(new FieldInvalid("CooperatingOrgIds", "Problem.Error.UnknownDepartment", c));
        return errors;
    }

    /// <summary>The path of the city (or the highest node below the province) above an organisation.</summary>
    private static string CityPathOf(ProjectSnapshot s, int orgId)
    {
        var path = s.PathOf(orgId) ?? "/";
        string? city = null;
        for (int? id = orgId; id is { } v && s.Orgs.TryGetValue(v, out var o); id = o.ParentId)
        {
            if (o.Kind == OrgKind.City) return o.Path;
            if (o.Kind != OrgKind.Province) city = o.Path;
        }
        return city ?? path;
    }

    /// <summary>The organisation owning a level for a project: its county-level node, or its city.</summary>
    public static IndexedOrg? OwnerOf(ProjectSnapshot s, int projectOrgId, LadderScope scope)
    {
        IndexedOrg? county = null, city = null;
        for (int? id = projectOrgId; id is { } v && s.Orgs.TryGetValue(v, out var o); id = o.ParentId)
        {
            if (county is null && o.Kind is OrgKind.County or OrgKind.District or OrgKind.Zone) county = o;
            if (city is null && o.Kind == OrgKind.City) city = o;
        }
        return scope == LadderScope.County ? county ?? city : city ?? county;
    }

    /// <summary>Departments a problem of this project can be assigned to (for the forms).</summary>
    public async Task<IReadOnlyList<IndexedOrg>> DepartmentsForAsync(int projectOrgId, CancellationToken ct)
    {
        var s = await SnapshotAsync(ct);
        var cityPath = CityPathOf(s, projectOrgId);
        // The project's own county (or zone) first, then the city's.
        var local = OwnerOf(s, projectOrgId, LadderScope.County)?.Path ?? cityPath;
        var city = new Subtree(cityPath);
        return s.Orgs.Values.Where(o => o.IsActive && o.Kind == OrgKind.Department && city.Holds(o.Path))
            .OrderByDescending(o => new Subtree(local).Holds(o.Path)).ThenBy(o => o.Path.Length).ThenBy(o => o.Order).ThenBy(o => o.Id).ToList();
    }

    /// <summary>Whether a department may answer for a project's problem (the rule the raise applies), for callers that check first.</summary>
    public async Task<IReadOnlyList<DomainError>> CheckDepartmentAsync(IndexedProject project, int department, CancellationToken ct) =>
        CheckDepartments(await SnapshotAsync(ct), project, department, []);

    /// <summary>The names of the organisations that own the departments (their parents), by id.</summary>
    public async Task<IReadOnlyDictionary<int, string>> OwnersOfAsync(IEnumerable<IndexedOrg> departments, CancellationToken ct)
    {
        var s = await SnapshotAsync(ct);
        return departments.Select(d => d.ParentId).OfType<int>().Distinct()
            .Where(s.Orgs.ContainsKey).ToDictionary(id => id, id => s.Orgs[id].Name);
    }

    /// <summary>The raise form's choices: the named project if the caller may raise on it, else the caller's projects (up to 500).</summary>
    public async Task<RaiseChoices> RaiseChoicesAsync(Actor actor, string? projectCode, CancellationToken ct)
    {
        var s = await SnapshotAsync(ct);
        var scope = s.ScopeOf(actor);
        var project = string.IsNullOrWhiteSpace(projectCode) ? null : s.FindByCode(Domain.Projects.ProjectCode.Normalize(projectCode));
        if (project is not null && !scope.Contains(project)) project = null;
        var list = project is null ? scope.Projects.Where(p => !p.IsRetired).OrderBy(p => p.Code, StringComparer.Ordinal).Take(500).ToList() : [];
        var departments = await DepartmentsForAsync(project?.OrgId ?? actor.OrgId, ct);
        return new RaiseChoices(project, list, departments, DefaultSource(actor.Role)) { Owners = await OwnersOfAsync(departments, ct) };
    }

    /// <summary>Meetings not yet held, of the project's organisation and those above it, that a problem can be 交办 to.</summary>
    public async Task<IReadOnlyList<MeetingChoice>> MeetingChoicesAsync(int projectOrgId, CancellationToken ct)
    {
        var s = await SnapshotAsync(ct);
        var orgIds = new List<int>();
        for (int? id = projectOrgId; id is { } v && s.Orgs.TryGetValue(v, out var o); id = o.ParentId) orgIds.Add(v);
        var today = Today;
        return await meetings.ScheduledAsync(orgIds, today, ct);
    }
}
