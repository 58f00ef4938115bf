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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Problems;

/// <summary>
/// The problem ledger (问题台账) and its closed loop: raise, assign, accept, answer or send back, verify and close (销号),
/// reopen, escalate by hand or 交办 to a meeting. Who may do what is decided here, for the pages and the API alike: the
/// project's subtree for raisers, dispatchers and verifiers, the assigned department's subtree for answers.
/// </summary>
public sealed class ProblemService(AppDbContext db, TimeProvider clock, ProjectIndex index, WorkingDays workingDays,
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
            RaisedByName = actor.UserName,
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
        var cityPath = CityPathOf(s, project.OrgId);
        var city = new Subtree(cityPath);
        bool Ok(int id) => s.Orgs.TryGetValue(id, out var o) && o.IsActive && o.Kind == OrgKind.Department && city.Holds(o.Path);
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

    /// <summary>The raise form's choices: the named project if the caller may raise on it, else the caller's projects (up to 500).</summary>
    public async Task<RaiseChoices> RaiseChoicesAsync(Actor actor, string? projectCode, CancellationToken ct)
    {
        var s = await SnapshotAsync(ct);
        var scope = s.ScopeOf(actor);
        var project = string.IsNullOrWhiteSpace(projectCode) ? null : s.FindByCode(Domain.Projects.ProjectCode.Normalize(projectCode));
        if (project is not null && !scope.Contains(project)) project = null;
        var list = project is null ? scope.Projects.Where(p => !p.IsRetired).OrderBy(p => p.Code, StringComparer.Ordinal).Take(500).ToList() : [];
        var departments = await DepartmentsForAsync(project?.OrgId ?? actor.OrgId, ct);
        return new RaiseChoices(project, list, departments, DefaultSource(actor.Role));
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

    // ---------------------------------------------------------------- reading

    public async Task<Result<ProblemDetail>> DetailAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var p = await db.Problems.AsNoTracking().Include(x => x.Steps).SingleOrDefaultAsync(x => x.Id == id, ct);
        var s = await SnapshotAsync(ct);
        if (p is null || !Sees(actor, p, s)) return Result<ProblemDetail>.Fail(new NotFound(AuditType, Key(id)));
        var attachments = (await photos.ListAsync(actor, PhotoOwnerKind.Problem, [p.Id], ct))[p.Id].ToList();
        return DetailOf(actor, p, s, attachments);
    }

    private ProblemDetail DetailOf(Actor actor, Problem p, ProjectSnapshot s, IReadOnlyList<Photos.PhotoInfo> attachments)
    {
        var today = Today;
        var ladder = options.Value.LadderFor(p.OrgId, s.Orgs);
        return new ProblemDetail(
            RowOf(p, s, ladder, today),
            p.Description, p.RaisedByName, p.RaisedAtUtc,
            p.Cooperating.Select(c => (c, s.Orgs.TryGetValue(c, out var o) ? o.Name : "")).ToList(),
            p.Answer, p.AnsweredByName, p.AnsweredAtUtc, p.ClosedOn, p.VerifiedByName, p.Satisfaction,
            ladder.Top,
            p.Steps.OrderBy(x => x.AtUtc).ThenBy(x => x.Id).Select(x => new ProblemStepView(x.Action, x.FromStatus, x.ToStatus, x.FromLevel, x.ToLevel,
                x.Deadline, x.DepartmentOrgId is { } d && s.Orgs.TryGetValue(d, out var o) ? o.Name : null, x.MeetingId, x.Note, x.ActorName, x.AtUtc)).ToList(),
            Rights.OnProblem(actor, FactsOf(p, s, ladder)),
            attachments);
    }

    private ProblemRow RowOf(Problem p, ProjectSnapshot s, EscalationLadder ladder, DateOnly today)
    {
        s.ById.TryGetValue(p.ProjectId, out var project);
        return new ProblemRow(p.Id, project?.Code ?? "", project?.Name ?? "", p.OrgId, s.Orgs.TryGetValue(p.OrgId, out var o) ? o.Name : "",
            p.Title, p.Category, p.Source, p.Status, p.Level, ladder.Level(p.Level).Name, p.RaisedOn, p.DueOn, p.Deadline,
            ProblemWorkflow.IsOverdue(p.Status, p.DueOn, today),
            p.DepartmentOrgId, p.DepartmentOrgId is { } d && s.Orgs.TryGetValue(d, out var dep) ? dep.Name : null, p.MeetingId, p.Version);
    }

    /// <summary>What scope and rights on a problem depend on (<see cref="Rights.SeesProblem"/>, <see cref="Rights.OnProblem"/>).</summary>
    private static ProblemFacts FactsOf(Problem p, ProjectSnapshot s, EscalationLadder? ladder = null) =>
        new(s.ById.TryGetValue(p.ProjectId, out var project) ? s.PlacesOf(project) : default,
            s.PathOf(p.DepartmentOrgId), p.Cooperating.Select(c => s.PathOf(c)).ToList(), p.RaisedById, p.Status, p.Level,
            (ladder ?? EscalationLadder.Default).Top);

    private static bool Sees(Actor actor, Problem p, ProjectSnapshot s) => Rights.SeesProblem(actor, FactsOf(p, s));

    private static bool SeesProject(Actor actor, Problem p, ProjectSnapshot s) => Rights.SeesProject(actor, FactsOf(p, s).Project);

    /// <summary>Organisation ids of a subtree (the caller's, or a node within it).</summary>
    private static HashSet<int> SubtreeIds(ProjectSnapshot s, string path) =>
        s.Orgs.Values.Where(o => new Subtree(path).Holds(o.Path)).Select(o => o.Id).ToHashSet();

    /// <summary>
    /// The problems of the caller's subtree (by the project's organisation, the project's unit, or the department that
    /// answers), filtered; overdue first by deadline, then newest. Lists of open problems (the overdue list, 未办结) come
    /// from this server's copy of the open problems (<see cref="OpenProblemIndex"/>), the rest from the database.
    /// </summary>
    public async Task<Result<ProblemPage>> ListAsync(Actor actor, ProblemQuery q, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var path = actor.OrgPath;
        if (q.Org is { } orgId)
        {
            if (s.PathOf(orgId) is not { } p || !actor.Covers(p)) return Result<ProblemPage>.Fail(new NotFound("Organisation", orgId.ToString(CultureInfo.InvariantCulture)));
            path = p;
        }
        var today = Today;
        var scope = ScopeOf(actor, s, path);
        var projectId = string.IsNullOrWhiteSpace(q.Project) ? (int?)null : s.FindByCode(Domain.Projects.ProjectCode.Normalize(q.Project))?.Id ?? -1;
        var take = Math.Clamp(q.Take, 1, MaxPageSize);
        var skip = Math.Max(0, q.Skip);
        var openOnly = (q.Open || q.Overdue || q.Status is { } only && ProblemWorkflow.IsOpen(only)) && !q.Solved;
        var (rows, total, overdue) = openOnly
            ? await OpenPageAsync(scope, q, projectId, today, skip, take, ct)
            : await StoredPageAsync(scope, q, projectId, today, skip, take, ct);
        var result = rows.Select(p => RowOf(p, s, options.Value.LadderFor(p.OrgId, s.Orgs), today)).ToList();
        return new ProblemPage(result, total, overdue, today, q with { Take = take });
    }

    /// <summary>A page of open problems, filtered, counted and ordered in memory.</summary>
    private async Task<(List<Problem> Rows, int Total, int Overdue)> OpenPageAsync(ProblemScope scope, ProblemQuery q, int? projectId, DateOnly today,
        int skip, int take, CancellationToken ct)
    {
        var open = await openProblems.CurrentAsync(db, await NumbersAsync(ct), ct);
        // The same list asked for again (the 18 cities' overdue lists, page after page) is filtered and sorted once per
        // snapshot of the open problems and of the registry (the scope's projects), and day.
        var key = new OpenListKey(scope.Key, q with { Org = null, Project = null, Skip = 0, Take = 0 }, projectId, today);
        var snapshot = await SnapshotAsync(ct);
        if (open.Cache.TryGet<OpenListKey, OpenProblems.Sorted>(key, out var hit) && ReferenceEquals(hit.Registry, snapshot))
            return (hit.Rows.Skip(skip).Take(take).ToList(), hit.Rows.Length, hit.Overdue);
        var tests = FiltersOf(q, projectId, today).Select(f => f.Compile()).ToArray();
        bool Matches(Problem p)
        {
            foreach (var test in tests)
                if (!test(p)) return false;
            return true;
        }
        var found = scope.Candidates(open).Where(Matches).ToList();
        if (q.Overdue) found.Sort((a, b) => a.DueOn != b.DueOn ? a.DueOn.CompareTo(b.DueOn) : a.Id.CompareTo(b.Id));
        else found.Sort((a, b) => a.RaisedOn != b.RaisedOn ? b.RaisedOn.CompareTo(a.RaisedOn) : b.Id.CompareTo(a.Id));
        var overdue = q.Overdue ? found.Count : found.Count(p => p.DueOn < today);
        open.Cache.Set(key, new OpenProblems.Sorted(snapshot, [.. found], overdue));
        return (found.Skip(skip).Take(take).ToList(), found.Count, overdue);
    }

    /// <summary>A list of open problems as asked (its filters, not its page), for a scope, project and day.</summary>
    private sealed record OpenListKey(string Scope, ProblemQuery Filters, int? ProjectId, DateOnly Today) : ICacheKey<OpenProblems.Sorted>;

    /// <summary>A page from the database: a count, the page's ids from the indexes, then only those rows.</summary>
    private async Task<(List<Problem> Rows, int Total, int Overdue)> StoredPageAsync(ProblemScope scope, ProblemQuery q, int? projectId, DateOnly today,
        int skip, int take, CancellationToken ct)
    {
        var query = scope.Filter(db.Problems);
        if (q.Open || q.Overdue) query = query.Where(IsOpen);
        foreach (var filter in FiltersOf(q, projectId, today)) query = query.Where(filter);
        if (q.Solved) query = q.To is { } end ? query.Where(p => p.Status == ProblemStatus.Closed && p.ClosedOn <= end) : query.Where(p => p.Status == ProblemStatus.Closed);

        var total = await query.CountAsync(ct);
        var overdue = q.Overdue ? total : await query.Where(IsOpen).CountAsync(p => p.DueOn < today, ct);
        var ordered = q.Overdue ? query.OrderBy(p => p.DueOn).ThenBy(p => p.Id) : query.OrderByDescending(p => p.RaisedOn).ThenByDescending(p => p.Id);
        var ids = await ordered.Skip(skip).Take(take).Select(p => p.Id).ToListAsync(ct);
        var byId = await OpenProblemIndex.Rows(db, db.Problems.Where(p => ids.Contains(p.Id))).ToDictionaryAsync(p => p.Id, ct);
        return (ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList(), total, overdue);
    }

    /// <summary>
    /// The list's nine filters, written once: the database applies them as SQL (<see cref="StoredPageAsync"/>) and the
    /// open problems' copy in memory runs them compiled (<see cref="OpenPageAsync"/>). Only the filters asked for are
    /// returned, so the SQL holds no "@p IS NULL OR …" that would keep the database from its indexes.
    /// </summary>
    internal static List<System.Linq.Expressions.Expression<Func<Problem, bool>>> FiltersOf(ProblemQuery q, int? projectId, DateOnly today)
    {
        var filters = new List<System.Linq.Expressions.Expression<Func<Problem, bool>>>();
        if (q.Status is { } st) filters.Add(p => p.Status == st);
        if (q.Overdue) filters.Add(p => p.DueOn < today);
        if (q.Level is { } level) filters.Add(p => p.Level == level);
        if (q.Category is { } c) filters.Add(p => p.Category == c);
        if (q.Department is { } dep) filters.Add(dep == ProblemStatistics.Unassigned ? p => p.DepartmentOrgId == null : p => p.DepartmentOrgId == dep);
        if (q.Meeting is { } m) filters.Add(p => p.MeetingId == m);
        if (q.From is { } from) filters.Add(p => p.RaisedOn >= from);
        if (q.To is { } to) filters.Add(p => p.RaisedOn <= to);
        if (projectId is { } pid) filters.Add(p => p.ProjectId == pid);
        return filters;
    }

    /// <summary>Open (<see cref="ProblemWorkflow.OpenStatuses"/>), for queries.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Problem, bool>> IsOpen = ProblemWorkflow.IsOpenWhere<Problem>(p => p.Status);

    /// <summary>Problems of a subtree: of its organisations' projects, of projects its units build, or answered by its departments.</summary>
    private IQueryable<Problem> Scoped(Actor actor, ProjectSnapshot s, string path) => ScopeOf(actor, s, path).Filter(db.Problems);

    /// <summary>Worked out once per registry snapshot, caller's node and subtree.</summary>
    private static ProblemScope ScopeOf(Actor actor, ProjectSnapshot s, string path) =>
        s.Cache.GetOrAdd(new ProblemScopeKey(actor.OrgPath, path), _ => BuildScope(actor, s, path));

    private sealed record ProblemScopeKey(string ActorPath, string Path) : ICacheKey<ProblemScope>;

    private static ProblemScope BuildScope(Actor actor, ProjectSnapshot s, string path)
    {
        if (OrgTree.DepthOf(path) <= 1 && OrgTree.DepthOf(actor.OrgPath) <= 1) return ProblemScope.Everything;
        var orgIds = SubtreeIds(s, path);
        // Projects outside the subtree's regions that it still sees (it builds them, or answers for them).
        var subtree = new Subtree(path);
        var extra = s.ScopeOf(actor).Projects.Where(p => s.PlacesOf(p) is var places && !subtree.HoldsOnList(places) && subtree.HoldsProject(places))
            .Select(p => p.Id).ToHashSet();
        // A department answers only for projects of its own city (CheckDepartments, when raised and when assigned), so the
        // problems of a department whose whole city lies in the subtree are among the subtree's own already: only the
        // departments of a city the subtree covers in part (a county's) can bring problems of projects elsewhere. Without
        // them the lists of a city or the province need no OR, which cost a row read for every problem of every
        // department in the city (docs/PERFORMANCE.md, issue 4).
        var departments = orgIds.Where(id => s.Orgs.TryGetValue(id, out var o) && o.Kind == OrgKind.Department && !subtree.Holds(CityPathOf(s, id))).ToHashSet();
        // A problem's OrgId is its project's region (OrgService.RegionForProjectAsync): the subtree's departments and units
        // never match it, and leaving them out keeps PostgreSQL's row estimate near the truth (with them it sorted a
        // bitmap scan of every open problem instead of reading the index).
        var regions = orgIds.Where(id => s.Orgs.TryGetValue(id, out var o) && OrgTree.IsRegion(o.Kind)).ToHashSet();
        // A department's own list (its node or below) also holds the problems it cooperates on (配合部门); a region's lists
        // hold its projects' problems already, whoever cooperates.
        var cooperating = s.Orgs.Values.FirstOrDefault(o => o.Path == path) is { Kind: OrgKind.Department } ? departments : [];
        return new ProblemScope(false, regions, extra, departments, cooperating, $"{actor.OrgPath}|{path}");
    }

    /// <summary>Which problems a subtree sees: of its regions, of the projects elsewhere it builds or answers for, and those
    /// its departments answer (<see cref="ScopeOf"/>).</summary>
    private sealed record ProblemScope(bool All, HashSet<int> Regions, HashSet<int> Projects, HashSet<int> Departments, HashSet<int> Cooperating, string Key)
    {
        public static readonly ProblemScope Everything = new(true, [], [], [], [], "*");

        public IQueryable<Problem> Filter(IQueryable<Problem> all)
        {
            if (All) return all;
            var regions = Regions.ToList();
            var extra = Projects.ToList();
            var departments = Departments.ToList();
            if (Cooperating.Count > 0)
            {
                // ",12," within ",7,12,": the ids are stored comma-separated (at most a few per problem).
                var marks = Cooperating.Select(d => "," + d.ToString(CultureInfo.InvariantCulture) + ",").ToList();
                return all.Where(p => regions.Contains(p.OrgId) || extra.Contains(p.ProjectId)
                    || (p.DepartmentOrgId != null && departments.Contains(p.DepartmentOrgId.Value))
                    || (p.CooperatingOrgIds != null && marks.Any(m => ("," + p.CooperatingOrgIds + ",").Contains(m))));
            }
            if (departments.Count == 0)
                return extra.Count == 0 ? all.Where(p => regions.Contains(p.OrgId)) : all.Where(p => regions.Contains(p.OrgId) || extra.Contains(p.ProjectId));
            return extra.Count == 0
                ? all.Where(p => regions.Contains(p.OrgId) || (p.DepartmentOrgId != null && departments.Contains(p.DepartmentOrgId.Value)))
                : all.Where(p => regions.Contains(p.OrgId) || extra.Contains(p.ProjectId) || (p.DepartmentOrgId != null && departments.Contains(p.DepartmentOrgId.Value)));
        }

        /// <summary>The open problems this scope sees, each once: its regions', then its departments' from elsewhere.</summary>
        public IEnumerable<Problem> Candidates(OpenProblems open)
        {
            if (All) return open.All;
            if (Projects.Count > 0)
                return open.All.Where(p => Regions.Contains(p.OrgId) || Projects.Contains(p.ProjectId) || (p.DepartmentOrgId is { } d && Departments.Contains(d)));
            var own = Regions.SelectMany(r => open.ByOrg.TryGetValue(r, out var a) ? a : []);
            var answered = Departments.SelectMany(d => open.ByDepartment.TryGetValue(d, out var a) ? a : []).Where(p => !Regions.Contains(p.OrgId));
            if (Cooperating.Count == 0) return own.Concat(answered);
            var helped = Cooperating.SelectMany(d => open.ByCooperating.TryGetValue(d, out var a) ? a : [])
                .Where(p => !Regions.Contains(p.OrgId) && !(p.DepartmentOrgId is { } d && Departments.Contains(d)));
            return own.Concat(answered).Concat(helped).DistinctBy(p => p.Id);
        }
    }

    // ---------------------------------------------------------------- statistics

    public async Task<Result<ProblemStatsView>> StatsAsync(Actor actor, int? orgId, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var id = orgId ?? actor.OrgId;
        if (s.PathOf(id) is not { } path || !actor.Covers(path)) return Result<ProblemStatsView>.Fail(new NotFound("Organisation", id.ToString(CultureInfo.InvariantCulture)));
        var today = Today;
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, 1, 1);
        if (start > end) return Result<ProblemStatsView>.Fail(new FieldInvalid("from", "Problem.Error.RangeReversed"));
        var facts = await Scoped(actor, s, path).AsNoTracking()
            .Where(p => p.RaisedOn >= start && p.RaisedOn <= end)
            .Select(p => new ProblemFact(p.Category, p.DepartmentOrgId, p.Level, p.Status, p.RaisedOn, p.DueOn, p.ClosedOn, p.Satisfaction))
            .ToListAsync(ct);
        var stats = ProblemStatistics.Of(facts, start, end, today, await CalendarAsync(ct));
        var names = stats.ByDepartment.Keys.Where(k => s.Orgs.ContainsKey(k)).ToDictionary(k => k, k => s.Orgs[k].Name);
        return new ProblemStatsView(id, s.Orgs[id].Name, start, end, today, stats, names, options.Value.LadderFor(id, s.Orgs));
    }

    // ---------------------------------------------------------------- the loop

    public Task<Result<ProblemDetail>> AcceptAsync(Actor actor, long id, int? version, CancellationToken ct = default) =>
        ActAsync(actor, id, version, ProblemAction.Accepted, ct, (p, s, r, _) => r.Accept ? null : Refusal(actor, p, s, department: true));

    public Task<Result<ProblemDetail>> AnswerAsync(Actor actor, long id, int? version, string? answer, CancellationToken ct = default) =>
        ActAsync(actor, id, version, ProblemAction.Answered, ct, (p, s, r, _) =>
        {
            if (!r.Answer) return Refusal(actor, p, s, department: true);
            if (ProblemWorkflow.CheckReason(answer, "Text") is { } e) return e with { MessageKey = e.MessageKey == "Problem.Error.ReasonRequired" ? "Problem.Error.AnswerRequired" : e.MessageKey };
            p.Answer = answer!.Trim();
            p.AnsweredByName = actor.UserName;
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
            p.VerifiedByName = actor.UserName;
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
        ActorName = actor.UserName,
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

    // ---------------------------------------------------------------- attachments

    public PhotoOptions PhotoLimits => photos.Limits;

    public async Task<Result<int>> AttachAsync(Actor actor, long id, IReadOnlyList<PhotoInput> inputs, CancellationToken ct = default)
    {
        var detail = await DetailAsync(actor, id, ct);
        if (!detail.Succeeded) return Result<int>.Fail(detail.Errors);
        if (!detail.Value.Rights.Attach) return Result<int>.Fail(new Forbidden("Problem.Error.MayNotAct"));
        if (inputs.Count == 0) return Result<int>.Fail(new FieldInvalid(PhotoService.Field, "Problem.Error.NoFile"));
        var errors = new List<DomainError>();
        var checkedPhotos = await photos.CheckAllAsync(inputs, errors, ct);
        if (errors.Count > 0) return Result<int>.Fail(errors);
        var s = await SnapshotAsync(ct);
        var projectId = s.FindByCode(detail.Value.Row.ProjectCode)!.Id;
        var saved = checkedPhotos.Select(p => photos.Attach(actor, projectId, PhotoOwnerKind.Problem, id, p)).ToList();
        AuditLog.Add(db, clock, actor, AuditType, Key(id), s.PathOf(detail.Value.Row.OrgId) ?? "/", AuditAction.Updated,
            AuditLog.Diff(null, new Dictionary<string, string?> { ["Attachments"] = string.Join(", ", saved.Select(p => p.Sha256[..12])) }), detail.Value.Row.Version);
        await using var tx = await db.UnitOfWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return saved.Count;
    }
}
