using KeyProjects.Domain.Progress;
using KeyProjects.Web.Data;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Reports;

/// <summary>One approved state of a project's month, as the metrics need it: amounts in whole yuan, known from a moment.</summary>
public readonly record struct IndexedRevision(
    int PeriodIndex,
    long KnownFromTicks,
    long Month,
    long Ytd,
    long SinceStart,
    long FundsYtd,
    long? Statistical,
    StartStatus StartStatus,
    bool IsCorrection,
    bool IsLoaded,
    int RevisionNo);

/// <summary>
/// Every approved report revision and monthly plan, in each server's memory, kept current from the progress change
/// number (Counter.Progress) like the project list: a tiny query when nothing changed, only the new rows when something
/// did. Metrics as of any date are one pass over the projects with a binary search each, and their results are cached
/// until the numbers move — which is how the dashboard of a province answers in milliseconds without summing a million
/// report rows.
/// </summary>
public sealed class ProgressIndex() : CountedIndex<ProgressSnapshot>(ProgressSnapshot.Empty)
{
    public override string Name => "Progress index";

    protected override bool Holds(ProgressSnapshot s, ChangeNumbers n) => s.Seq >= n.Progress;

    protected override Task<ProgressSnapshot> RefreshAsync(AppDbContext db, ProgressSnapshot held, ChangeNumbers n, CancellationToken ct) =>
        held.RefreshAsync(db, n.Progress, ct);

    protected override string Describe(ProgressSnapshot s) => $"Progress index: {s.RevisionCount} revisions";
}

public sealed class ProgressSnapshot
{
    public static readonly ProgressSnapshot Empty = new(-1, new Dictionary<int, IndexedRevision[]>(), new Dictionary<(int, int), long[]>());

    private ProgressSnapshot(long seq, Dictionary<int, IndexedRevision[]> revisions, Dictionary<(int Project, int Year), long[]> plans)
    {
        Seq = seq;
        _revisions = revisions;
        _plans = plans;
    }

    public long Seq { get; }
    private readonly Dictionary<int, IndexedRevision[]> _revisions;
    /// <summary>Per project and year: the monthly plan cumulated, in yuan, index 0 = January.</summary>
    private readonly Dictionary<(int Project, int Year), long[]> _plans;

    /// <summary>Views computed from this snapshot (by the service), dropped with it; at most 4,000 kept.</summary>
    public SnapshotCache Cache { get; } = new(limit: 4000);

    public int RevisionCount => _revisions.Values.Sum(r => r.Length);

    /// <summary>
    /// The figures that stood for a project at the end of a period as known at a moment: its latest revision of a month of
    /// the same year up to the period (a month without a report carries the last one forward), known by then.
    /// </summary>
    public IndexedRevision? FiguresFor(int projectId, Period period, long knownByTicks)
    {
        if (!_revisions.TryGetValue(projectId, out var revs)) return null;
        var first = new Period(period.Year, 1).Index;
        var target = period.Index;
        // Revisions are ordered by period, then by the moment they became known.
        var hi = UpperBound(revs, target) - 1;
        for (var i = hi; i >= 0; i--)
        {
            var r = revs[i];
            if (r.PeriodIndex < first) break;
            if (r.KnownFromTicks <= knownByTicks) return r;
        }
        return null;
    }

    /// <summary>Whether the figures of a project's month known at a moment have since been corrected.</summary>
    public bool CorrectedAfter(int projectId, int periodIndex, long knownByTicks)
    {
        if (!_revisions.TryGetValue(projectId, out var revs)) return false;
        foreach (var r in revs)
            if (r.PeriodIndex == periodIndex && r.KnownFromTicks > knownByTicks && r.IsCorrection) return true;
        return false;
    }

    public IReadOnlyList<IndexedRevision> RevisionsOf(int projectId) => _revisions.TryGetValue(projectId, out var r) ? r : [];

    /// <summary>The project's own plan cumulated to the month, 万元, or null when it has none for the year.</summary>
    public decimal? PlanToDate(int projectId, Period period) =>
        _plans.TryGetValue((projectId, period.Year), out var cum) ? ProgressTotals.ToWan(cum[period.Month - 1]) : null;

    private static int UpperBound(IndexedRevision[] revs, int periodIndex)
    {
        int lo = 0, hi = revs.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (revs[mid].PeriodIndex <= periodIndex) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    internal async Task<ProgressSnapshot> RefreshAsync(AppDbContext db, long seq, CancellationToken ct)
    {
        var since = Seq;
        // Streamed into per-project lists (a province's first load is over a million rows: no list of them all).
        var added = new Dictionary<int, List<IndexedRevision>>();
        await foreach (var r in db.ReportRevisions.AsNoTracking()
            .Where(r => r.ChangeSeq > since)
            .Select(r => new
            {
                r.ProjectId, r.Year, r.Month, r.KnownFromUtc, r.MonthCompleted, r.YtdCompleted, r.SinceStartCompleted, r.FundsYtd, r.StatisticalYtd,
                r.StartStatus, r.IsCorrection, r.IsLoaded, r.RevisionNo,
            })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!added.TryGetValue(r.ProjectId, out var list)) added[r.ProjectId] = list = [];
            list.Add(new IndexedRevision(
                new Period(r.Year, r.Month).Index,
                DateTime.SpecifyKind(r.KnownFromUtc, DateTimeKind.Utc).Ticks,
                ProgressTotals.ToUnits(r.MonthCompleted),
                ProgressTotals.ToUnits(r.YtdCompleted),
                ProgressTotals.ToUnits(r.SinceStartCompleted),
                ProgressTotals.ToUnits(r.FundsYtd),
                r.StatisticalYtd is { } s ? ProgressTotals.ToUnits(s) : null,
                r.StartStatus, r.IsCorrection, r.IsLoaded, r.RevisionNo));
        }
        var revisions = _revisions;
        if (added.Count > 0)
        {
            revisions = new Dictionary<int, IndexedRevision[]>(_revisions);
            foreach (var (projectId, list) in added)
            {
                if (revisions.TryGetValue(projectId, out var old)) list.AddRange(old);
                list.Sort(static (a, b) => a.PeriodIndex != b.PeriodIndex ? a.PeriodIndex.CompareTo(b.PeriodIndex)
                    : a.KnownFromTicks != b.KnownFromTicks ? a.KnownFromTicks.CompareTo(b.KnownFromTicks) : a.RevisionNo.CompareTo(b.RevisionNo));
                revisions[projectId] = [.. list];
            }
        }
        var plans = await LoadPlansAsync(db, since, ct);
        return new ProgressSnapshot(seq, revisions, plans);
    }

    private async Task<Dictionary<(int, int), long[]>> LoadPlansAsync(AppDbContext db, long since, CancellationToken ct)
    {
        var rows = await MonthlyPlanSource.ChangedSinceAsync(db, since, ct);
        if (rows.Count == 0) return _plans;
        var plans = new Dictionary<(int, int), long[]>(_plans);
        foreach (var g in rows.GroupBy(r => (r.ProjectId, r.Year)))
        {
            var months = new long[12];
            if (plans.TryGetValue(g.Key, out var cum))
                for (var m = 0; m < 12; m++) months[m] = cum[m] - (m == 0 ? 0 : cum[m - 1]);
            foreach (var r in g) months[r.Month - 1] = ProgressTotals.ToUnits(r.Amount);
            for (var m = 1; m < 12; m++) months[m] += months[m - 1];
            if (months[11] == 0) plans.Remove(g.Key); else plans[g.Key] = months;
        }
        return plans;
    }
}

/// <summary>A row of a project's monthly plan (按月排进度) that changed.</summary>
public readonly record struct MonthlyPlanRow(int ProjectId, int Year, int Month, decimal Amount);
