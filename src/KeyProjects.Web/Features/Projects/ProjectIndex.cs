using System.Collections.Frozen;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Projects;

/// <summary>What the list needs to know of a project, held in memory.</summary>
public sealed record IndexedProject(
    int Id,
    string Code,
    string Name,
    int OrgId,
    string? Location,
    string? UnitName,
    string? ResponsibleUnit,
    int? UnitOrgId,
    int? ResponsibleOrgId,
    ProjectLevel Levels,
    ProjectStage Stage,
    Sector? Sector,
    InvestmentKind? InvestmentKind,
    decimal TotalInvestment,
    DateOnly? PlannedStart,
    DateOnly? PlannedCompletion,
    DateOnly? ActualStart,
    DateOnly? ActualCompletion,
    bool IsRetired,
    DateTime UpdatedAtUtc,
    IReadOnlyList<(int Year, decimal Plan, ConstructionKind Kind)> Plans,
    IReadOnlyList<ProjectList> Lists,
    IReadOnlyList<string> Leaders,
    string SearchText)
{
    public (int Year, decimal Plan, ConstructionKind Kind)? PlanFor(int year)
    {
        foreach (var p in Plans) if (p.Year == year) return p;
        return null;
    }
}

/// <summary>An organisation as the list needs it; <see cref="Order"/> is its place in the tree's display order.</summary>
public sealed record IndexedOrg(int Id, int? ParentId, string Name, OrgKind Kind, string Path, string? DivisionCode, bool IsActive, int Order)
{
    public OrgNode Node => new(Id, ParentId, Name, Kind, Path, DivisionCode, IsActive);
}

/// <summary>
/// The registry's list, kept in each server's memory and brought up to date from the change numbers (Counter.Projects,
/// Counter.Organisations) on every request: one tiny query when nothing changed, and only the changed projects when
/// something did. Filtering, sorting, paging and the 合计 of 20,000 projects then take a millisecond or two instead of
/// several SQL scans, on any number of servers. Snapshots are immutable; a refresh builds the next one.
/// </summary>
public sealed class ProjectIndex() : CountedIndex<ProjectSnapshot>(ProjectSnapshot.Empty)
{
    public override string Name => "Registry index";

    protected override bool Holds(ProjectSnapshot s, ChangeNumbers n) => s.ProjectSeq >= n.Projects && s.OrgSeq >= n.Organisations;

    protected override Task<ProjectSnapshot> RefreshAsync(AppDbContext db, ProjectSnapshot held, ChangeNumbers n, CancellationToken ct) =>
        held.RefreshAsync(db, n.Projects, n.Organisations, ct);

    protected override string Describe(ProjectSnapshot s) => $"Registry index: {s.ById.Count} projects, {s.Orgs.Count} organisations";
}

public sealed class ProjectSnapshot
{
    public static readonly ProjectSnapshot Empty = new(-1, -1, FrozenDictionary<int, IndexedOrg>.Empty, FrozenDictionary<int, IndexedProject>.Empty, []);

    private ProjectSnapshot(long projectSeq, long orgSeq, FrozenDictionary<int, IndexedOrg> orgs, FrozenDictionary<int, IndexedProject> byId, IndexedProject[] byCode)
    {
        ProjectSeq = projectSeq;
        OrgSeq = orgSeq;
        Orgs = orgs;
        ById = byId;
        ByCode = byCode;
    }

    public long ProjectSeq { get; }
    public long OrgSeq { get; }
    public FrozenDictionary<int, IndexedOrg> Orgs { get; }
    public FrozenDictionary<int, IndexedProject> ById { get; }
    /// <summary>Every project, in code order (the list's default order).</summary>
    public IndexedProject[] ByCode { get; }

    internal async Task<ProjectSnapshot> RefreshAsync(AppDbContext db, long projectSeq, long orgSeq, CancellationToken ct)
    {
        var orgs = orgSeq == OrgSeq ? Orgs : await LoadOrgsAsync(db, ct);
        var byId = ById;
        var byCode = ByCode;
        if (projectSeq != ProjectSeq)
        {
            var since = ProjectSeq;
            var changed = await LoadProjectsAsync(db, since, ct);
            if (changed.Count > 0)
            {
                var all = new Dictionary<int, IndexedProject>(byId);
                foreach (var p in changed) all[p.Id] = p;
                byId = all.ToFrozenDictionary();
                byCode = [.. all.Values.OrderBy(p => p.Code, StringComparer.Ordinal)];
            }
        }
        return new ProjectSnapshot(projectSeq, orgSeq, orgs, byId, byCode);
    }

    private static async Task<FrozenDictionary<int, IndexedOrg>> LoadOrgsAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Organisations.AsNoTracking()
            .Select(o => new { o.Id, o.ParentId, o.Name, o.Kind, o.Path, o.DivisionCode, o.IsActive, o.SortOrder })
            .ToListAsync(ct);
        var children = rows.ToLookup(r => r.ParentId);
        var result = new Dictionary<int, IndexedOrg>(rows.Count);
        var order = 0;
        void Walk(int? parent)
        {
            foreach (var r in children[parent].OrderBy(r => r.SortOrder).ThenBy(r => r.Name, StringComparer.Ordinal))
            {
                result[r.Id] = new IndexedOrg(r.Id, r.ParentId, r.Name, r.Kind, r.Path, r.DivisionCode, r.IsActive, order++);
                Walk(r.Id);
            }
        }
        Walk(null);
        return result.ToFrozenDictionary();
    }

    private static async Task<List<IndexedProject>> LoadProjectsAsync(AppDbContext db, long since, CancellationToken ct)
    {
        var rows = await db.Projects.AsNoTracking()
            .Where(p => p.ChangeSeq > since)
            .Select(p => new
            {
                p.Id, p.Code, p.Name, p.OrgId, p.Location, p.UnitName, p.ResponsibleUnit, p.UnitOrgId, p.ResponsibleOrgId, p.Levels, p.Stage,
                p.Sector, p.InvestmentKind, p.TotalInvestment, p.PlannedStart, p.PlannedCompletion, p.ActualStart, p.ActualCompletion, p.IsRetired, p.UpdatedAtUtc,
            })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];
        var changed = db.Projects.Where(p => p.ChangeSeq > since).Select(p => p.Id);
        var plans = (await db.ProjectYearPlans.AsNoTracking().Where(y => changed.Contains(y.ProjectId))
                .Select(y => new { y.ProjectId, y.Year, y.PlannedInvestment, y.Kind }).ToListAsync(ct))
            .ToLookup(y => y.ProjectId);
        var lists = (await db.ProjectLists.AsNoTracking().Where(l => changed.Contains(l.ProjectId))
                .Select(l => new { l.ProjectId, l.List }).ToListAsync(ct))
            .ToLookup(l => l.ProjectId);
        var leaders = (await db.ProjectTeam.AsNoTracking().Where(t => t.Role == TeamRole.Leader && changed.Contains(t.ProjectId))
                .Select(t => new { t.ProjectId, t.Name, t.SortOrder }).ToListAsync(ct))
            .ToLookup(t => t.ProjectId);
        return rows.Select(p => new IndexedProject(
            p.Id, p.Code, p.Name, p.OrgId, p.Location, p.UnitName, p.ResponsibleUnit, p.UnitOrgId, p.ResponsibleOrgId, p.Levels, p.Stage,
            p.Sector, p.InvestmentKind, p.TotalInvestment, p.PlannedStart, p.PlannedCompletion, p.ActualStart, p.ActualCompletion, p.IsRetired, p.UpdatedAtUtc,
            plans[p.Id].OrderBy(y => y.Year).Select(y => (y.Year, y.PlannedInvestment, y.Kind)).ToArray(),
            lists[p.Id].Select(l => l.List).Order().ToArray(),
            leaders[p.Id].OrderBy(t => t.SortOrder).Select(t => t.Name).ToArray(),
            string.Join('\u0001', p.Name, p.Code, p.Location, p.UnitName, p.ResponsibleUnit).ToUpperInvariant())).ToList();
    }

    /// <summary>A project by its code (normalised), by binary search of the code order.</summary>
    public IndexedProject? FindByCode(string code)
    {
        int lo = 0, hi = ByCode.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(ByCode[mid].Code, code);
            if (c == 0) return ByCode[mid];
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return null;
    }

    public string? PathOf(int? orgId) => orgId is { } id && Orgs.TryGetValue(id, out var o) ? o.Path : null;

    /// <summary>Where a project sits, for the scope and rights rules (<see cref="Subtree.HoldsProject"/>, <see cref="Rights"/>).</summary>
    public ProjectPlaces PlacesOf(IndexedProject p) => new(PathOf(p.OrgId), PathOf(p.UnitOrgId), PathOf(p.ResponsibleOrgId));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProjectScope> _scopes = new(StringComparer.Ordinal);

    /// <summary>Results other services compute from this snapshot (a subtree's scope of problems), dropped with it.</summary>
    public SnapshotCache Cache { get; } = new();

    /// <summary>What a node's users see, worked out once per snapshot and node (their list, regions and years).</summary>
    public ProjectScope ScopeOf(Actor actor) => _scopes.GetOrAdd(actor.OrgPath, path => ProjectScope.Build(this, path));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(ProjectSort, bool, int), IndexedProject[]> _orders = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ProjectListKey, ProjectListSelection> _selections = new();

    /// <summary>At most this many selections are kept per snapshot (a selection of the whole province: 160 KB).</summary>
    internal const int SelectionLimit = 256;

    /// <summary>
    /// What a list's filter selects in this snapshot — its projects in order and the 合计 — worked out once per snapshot
    /// and filter, so that paging through a list, or many people opening the same one, costs a slice of an array and not
    /// a pass over the province's projects. Dropped with the snapshot; at most <see cref="SelectionLimit"/> kept.
    /// </summary>
    internal ProjectListSelection Selection(ProjectListKey key, Func<ProjectListKey, ProjectListSelection> select)
    {
        if (_selections.TryGetValue(key, out var hit)) return hit;
        var made = select(key);
        if (_selections.Count >= SelectionLimit) _selections.Clear();
        return _selections.GetOrAdd(key, made);
    }

    /// <summary>
    /// Every project in a list order (ties in code order, either direction), sorted once per snapshot and order: a
    /// sorted page is then one filtering pass, with no sorting per request.
    /// </summary>
    public IndexedProject[] Ordered(ProjectSort sort, bool descending, int planYear) =>
        _orders.GetOrAdd((sort, descending, sort == ProjectSort.AnnualPlan ? planYear : 0), key => Sort(key.Item1, key.Item2, key.Item3));

    private IndexedProject[] Sort(ProjectSort sort, bool descending, int planYear)
    {
        IEnumerable<IndexedProject> Desc<TKey>(Func<IndexedProject, TKey> key, IComparer<TKey>? comparer = null) =>
            descending ? ByCode.OrderByDescending(key, comparer) : ByCode.OrderBy(key, comparer);
        return sort switch
        {
            ProjectSort.Code => descending ? Enumerable.Reverse(ByCode).ToArray() : ByCode,
            ProjectSort.Name => Desc(p => p.Name, StringComparer.Ordinal).ToArray(),
            ProjectSort.Org => Desc(p => Orgs.TryGetValue(p.OrgId, out var o) ? o.Order : int.MaxValue).ToArray(),
            ProjectSort.TotalInvestment => Desc(p => p.TotalInvestment).ToArray(),
            ProjectSort.AnnualPlan => Desc(p => p.PlanFor(planYear)?.Plan).ToArray(),
            ProjectSort.PlannedStart => Desc(p => p.PlannedStart).ToArray(),
            ProjectSort.PlannedCompletion => Desc(p => p.PlannedCompletion).ToArray(),
            ProjectSort.Stage => Desc(p => p.Stage).ToArray(),
            ProjectSort.Updated => Desc(p => p.UpdatedAtUtc).ToArray(),
            _ => ByCode,
        };
    }
}

/// <summary>
/// A node's part of the registry in one snapshot: the projects its users may see — on a list of their subtree, or
/// built by or answerable to a node of it — in code order, with the regions and plan years the list's filters offer.
/// </summary>
public sealed class ProjectScope
{
    private ProjectScope(IndexedProject[] projects, IReadOnlyList<OrgNode> nodes, IReadOnlyList<int> years, IReadOnlyList<int> activeYears)
    {
        Projects = projects;
        Nodes = nodes;
        Years = years;
        ActiveYears = activeYears;
    }

    public IndexedProject[] Projects { get; }

    /// <summary>True for the province's root, whose users see every project.</summary>
    public bool All { get; private init; }

    private HashSet<int>? _ids;

    public bool Contains(IndexedProject p) => All || (_ids ??= Projects.Select(x => x.Id).ToHashSet()).Contains(p.Id);
    /// <summary>The node and its subtree, depth-first in display order.</summary>
    public IReadOnlyList<OrgNode> Nodes { get; }
    public IReadOnlyList<OrgNode> Regions => Nodes.Where(n => OrgTree.IsRegion(n.Kind) && n.IsActive).ToList();
    /// <summary>Plan years of every visible project, latest first.</summary>
    public IReadOnlyList<int> Years { get; }
    /// <summary>Plan years of the visible projects that are not retired, latest first.</summary>
    public IReadOnlyList<int> ActiveYears { get; }

    internal static ProjectScope Build(ProjectSnapshot s, string path)
    {
        var subtree = new Subtree(path);
        var nodes = s.Orgs.Values.Where(o => subtree.Holds(o.Path)).OrderBy(o => o.Order).ToList();
        var projects = subtree.IsWhole ? s.ByCode : s.ByCode.Where(p => subtree.HoldsProject(s.PlacesOf(p))).ToArray();
        var years = projects.SelectMany(p => p.Plans.Select(y => y.Year)).Distinct().OrderDescending().ToList();
        var active = projects.Where(p => !p.IsRetired).SelectMany(p => p.Plans.Select(y => y.Year)).Distinct().OrderDescending().ToList();
        return new ProjectScope(projects, nodes.Select(n => n.Node).ToList(), years, active) { All = subtree.IsWhole };
    }
}

/// <summary>
/// A list's filter as it selects projects: the caller's scope (one object per snapshot and node), the node asked for
/// (its path, or "\0" for one outside the scope), the plan year resolved, and the filters and order.
/// </summary>
internal readonly record struct ProjectListKey(
    ProjectScope Scope,
    string? OrgPath,
    int PlanYear,
    bool AllYears,
    ProjectLevel? Level,
    ProjectList? List,
    ProjectStage? Stage,
    Sector? Sector,
    InvestmentKind? Investment,
    ConstructionKind? Construction,
    string? Text,
    bool IncludeRetired,
    ProjectSort Sort,
    bool Descending);

/// <summary>The projects a filter selects, in its order, with the 合计 of all of them (not only a page). Immutable.</summary>
internal sealed class ProjectListSelection(IndexedProject[] rows, int planYear, decimal sumTotal, decimal sumPlan, int newCount, int continuingCount)
{
    public IndexedProject[] Rows { get; } = rows;
    public int Count => Rows.Length;
    public int PlanYear { get; } = planYear;
    public decimal SumTotal { get; } = sumTotal;
    public decimal SumPlan { get; } = sumPlan;
    public int NewCount { get; } = newCount;
    public int ContinuingCount { get; } = continuingCount;

    public ReadOnlySpan<IndexedProject> Take(int skip, int take) =>
        skip >= Rows.Length ? [] : Rows.AsSpan(skip, Math.Min(take, Rows.Length - skip));
}
