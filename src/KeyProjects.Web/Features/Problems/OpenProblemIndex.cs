using KeyProjects.Domain.Problems;
using KeyProjects.Web.Data;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Problems;

/// <summary>
/// The problem ledger's change counter, one row (Counter.Problems; taken by <see cref="ChangeCounter.StampProblemsAsync"/>
/// as the last statement of every transaction that writes problems, which logs the problems it wrote under the number in
/// <see cref="ProblemChange"/>). Taken last, the lock is held for one statement and the commit; logged in a narrow table,
/// the problem's own row is written once (stamping it wrote it twice, with its nine indexes: docs/PERFORMANCE.md, issue 4).
/// </summary>
public sealed class ProblemChanges
{
    public int Id { get; set; }
    public long Seq { get; set; }

    /// <summary>
    /// The log may be pruned up to this number (<see cref="ChangeCounter.PruneProblemLogAsync"/>): a server holding an
    /// older copy cannot bring it up to date from the log and loads the open problems afresh.
    /// </summary>
    public long PrunedThrough { get; set; }
}

/// <summary>One problem written under a change number (a row of the ledger's change log).</summary>
public sealed class ProblemChange
{
    public long Seq { get; set; }
    public long ProblemId { get; set; }
}

public sealed class ProblemChangesConfiguration : IEntityTypeConfiguration<ProblemChanges>
{
    public void Configure(EntityTypeBuilder<ProblemChanges> b)
    {
        b.ToTable("ProblemChanges");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasData(new ProblemChanges { Id = 1, Seq = 0 });
    }
}

public sealed class ProblemChangeConfiguration : IEntityTypeConfiguration<ProblemChange>
{
    public void Configure(EntityTypeBuilder<ProblemChange> b)
    {
        b.ToTable("ProblemChangeLog");
        // Read by number range ("since the one I hold"); a problem written twice in a transaction is logged once.
        b.HasKey(c => new { c.Seq, c.ProblemId });
    }
}

/// <summary>
/// Each server's copy of the open problems (待受理, 办理中, 退回: a province's ~30,000 of 100,000), with the columns a
/// list row shows, so that the lists people open most — a subtree's overdue or open problems — are filtered, counted and
/// paged in memory instead of by two queries (docs/PERFORMANCE.md, issue 4, round 8). A request reads the counter
/// (<see cref="ProblemChanges"/>); when it moved, the problems stamped since are read and the copy is brought up to date,
/// so a list never misses a committed change, whichever server made it.
/// </summary>
public sealed class OpenProblemIndex() : CountedIndex<OpenProblems>(OpenProblems.Empty)
{
    // The refresher's own map of what is held (only touched under the refresh lock); readers use the published snapshot.
    private readonly Dictionary<long, Problem> _byId = [];

    public override string Name => "Open problems";

    protected override bool Holds(OpenProblems s, ChangeNumbers n) => s.Seq >= 0 && s.Seq >= n.Problems;

    protected override string Describe(OpenProblems s) => $"Open problems: {s.ByOrg.Values.Sum(a => a.Length)}";

    protected override async Task<OpenProblems> RefreshAsync(AppDbContext db, OpenProblems s, ChangeNumbers n, CancellationToken ct)
    {
        // Held since before the log's horizon (a server that slept through a prune): start again from every open problem.
        if (s.Seq >= 0 && s.Seq < n.ProblemLogPrunedThrough)
        {
            _byId.Clear();
            s = OpenProblems.Empty;
        }
        // Everything logged after what is held (committed before the counter was read, or since: applying a problem
        // twice is harmless); the first time, every open problem. "Id IN (the log's ids)": SQLite reads the log's
        // range and looks the problems up by key (an EXISTS made it scan every problem).
        var changed = await Rows(db, s.Seq < 0 ? db.Problems.Where(ProblemService.IsOpen)
                : db.Problems.Where(p => db.ProblemChangeLog.Where(c => c.Seq > s.Seq).Select(c => c.ProblemId).Contains(p.Id)))
            .ToListAsync(ct);
        return s.With(changed, n.Problems, _byId);
    }

    /// <summary>Only the columns a row shows (not the description, answer and names: up to 4,000 characters each).</summary>
    public static IQueryable<Problem> Rows(AppDbContext db, IQueryable<Problem> query) =>
        query.AsNoTracking().Select(p => new Problem
        {
            Id = p.Id, ProjectId = p.ProjectId, OrgId = p.OrgId, Title = p.Title, Category = p.Category, Source = p.Source, Status = p.Status,
            Level = p.Level, RaisedOn = p.RaisedOn, DueOn = p.DueOn, Deadline = p.Deadline, DepartmentOrgId = p.DepartmentOrgId,
            MeetingId = p.MeetingId, Version = p.Version, CooperatingOrgIds = p.CooperatingOrgIds, RaisedById = "", RaisedByName = "",
        });
}

/// <summary>The open problems as of one counter value, by region (a problem's OrgId), by responsible and by cooperating department.</summary>
public sealed class OpenProblems
{
    public static readonly OpenProblems Empty = new(-1, new Dictionary<int, Problem[]>(), new Dictionary<int, Problem[]>(), new Dictionary<int, Problem[]>());

    private OpenProblems(long seq, Dictionary<int, Problem[]> byOrg, Dictionary<int, Problem[]> byDepartment, Dictionary<int, Problem[]> byCooperating)
    {
        Seq = seq;
        ByOrg = byOrg;
        ByDepartment = byDepartment;
        ByCooperating = byCooperating;
    }

    public long Seq { get; }
    public IReadOnlyDictionary<int, Problem[]> ByOrg { get; }
    public IReadOnlyDictionary<int, Problem[]> ByDepartment { get; }
    public IReadOnlyDictionary<int, Problem[]> ByCooperating { get; }

    public IEnumerable<Problem> All => ByOrg.Values.SelectMany(a => a);

    /// <summary>A list filtered and sorted from this snapshot, for the registry snapshot its scope came from.</summary>
    public sealed record Sorted(Projects.ProjectSnapshot Registry, Problem[] Rows, int Overdue);

    private const int CacheLimit = 500;

    /// <summary>Lists worked out from this snapshot (ProblemService), dropped with it; at most <see cref="CacheLimit"/>.</summary>
    public SnapshotCache Cache { get; } = new(CacheLimit);

    /// <summary>
    /// A new snapshot with the changed problems applied (open ones in, others out); only the regions and departments they
    /// touch are rebuilt. <paramref name="held"/> is the refresher's map of every problem held, kept in step.
    /// </summary>
    internal OpenProblems With(IReadOnlyList<Problem> changed, long seq, Dictionary<long, Problem> held)
    {
        var orgs = new HashSet<int>();
        var departments = new HashSet<int>();
        var cooperating = new HashSet<int>();
        void Touch(Problem p)
        {
            orgs.Add(p.OrgId);
            if (p.DepartmentOrgId is { } d) departments.Add(d);
            cooperating.UnionWith(p.Cooperating);
        }
        foreach (var p in changed)
        {
            if (held.Remove(p.Id, out var old)) Touch(old);
            if (!ProblemWorkflow.IsOpen(p.Status)) continue;
            held[p.Id] = p;
            Touch(p);
        }
        var byOrg = new Dictionary<int, Problem[]>(ByOrg);
        var byDepartment = new Dictionary<int, Problem[]>(ByDepartment);
        var byCooperating = new Dictionary<int, Problem[]>(ByCooperating);
        if (orgs.Count > 0)
        {
            var lookupOrg = orgs.ToDictionary(o => o, _ => new List<Problem>());
            var lookupDep = departments.ToDictionary(d => d, _ => new List<Problem>());
            var lookupCoop = cooperating.ToDictionary(d => d, _ => new List<Problem>());
            foreach (var p in held.Values)
            {
                if (lookupOrg.TryGetValue(p.OrgId, out var l)) l.Add(p);
                if (p.DepartmentOrgId is { } d && lookupDep.TryGetValue(d, out var m)) m.Add(p);
                if (p.CooperatingOrgIds is not null)
                    foreach (var c in p.Cooperating)
                        if (lookupCoop.TryGetValue(c, out var n)) n.Add(p);
            }
            Publish(byOrg, lookupOrg);
            Publish(byDepartment, lookupDep);
            Publish(byCooperating, lookupCoop);
        }
        return new OpenProblems(seq, byOrg, byDepartment, byCooperating);
    }

    private static void Publish(Dictionary<int, Problem[]> target, Dictionary<int, List<Problem>> rebuilt)
    {
        foreach (var (key, list) in rebuilt)
        {
            if (list.Count == 0) target.Remove(key);
            else target[key] = [.. list];
        }
    }
}
