using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Problems;

/// <summary>Reading the ledger: one problem, the lists (open ones from the in-memory index, the rest from the database), the statistics.</summary>
public sealed partial class ProblemService
{
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
            RowOf(p, s, ladder, today, actor),
            p.Description, p.RaisedByName, p.RaisedAtUtc,
            p.Cooperating.Select(c => (c, s.Orgs.TryGetValue(c, out var o) ? o.Name : "")).ToList(),
            p.Answer, p.AnsweredByName, p.AnsweredAtUtc, p.ClosedOn, p.VerifiedByName, p.Satisfaction,
            ladder.Top,
            p.Steps.OrderBy(x => x.AtUtc).ThenBy(x => x.Id).Select(x => new ProblemStepView(x.Action, x.FromStatus, x.ToStatus, x.FromLevel, x.ToLevel,
                x.Deadline, x.DepartmentOrgId is { } d && s.Orgs.TryGetValue(d, out var o) ? o.Name : null, x.MeetingId, x.Note, x.ActorName, x.AtUtc)).ToList(),
            Rights.OnProblem(actor, FactsOf(p, s, ladder)),
            attachments);
    }

    /// <summary>
    /// A problem as listed. <see cref="ProblemRow.ProjectVisible"/>: whether the viewer may open the project's page — a
    /// department of the city or the province answering for a county's problem sees the project's name and code on the
    /// problem, not the project (decision 012, issue 12).
    /// </summary>
    private ProblemRow RowOf(Problem p, ProjectSnapshot s, EscalationLadder ladder, DateOnly today, Actor viewer)
    {
        s.ById.TryGetValue(p.ProjectId, out var project);
        return new ProblemRow(p.Id, project?.Code ?? "", project?.Name ?? "", p.OrgId, s.Orgs.TryGetValue(p.OrgId, out var o) ? o.Name : "",
            p.Title, p.Category, p.Source, p.Status, p.Level, ladder.Level(p.Level).Name, p.RaisedOn, p.DueOn, p.Deadline,
            ProblemWorkflow.IsOverdue(p.Status, p.DueOn, today),
            p.DepartmentOrgId, p.DepartmentOrgId is { } d && s.Orgs.TryGetValue(d, out var dep) ? dep.Name : null, p.MeetingId, p.Version,
            project is not null && viewer.Subtree.HoldsProject(s.PlacesOf(project)));
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
        var result = rows.Select(p => RowOf(p, s, options.Value.LadderFor(p.OrgId, s.Orgs), today, actor)).ToList();
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

    // The statistics (问题统计).

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
}
