using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Reports;

/// <summary>Decimals per metric (appsettings "Metrics:Precision", e.g. "CompletionRate": 2), and the default convention.</summary>
public sealed class MetricsOptions
{
    public Dictionary<string, int> Precision { get; set; } = [];
    public TimeConvention Convention { get; set; } = TimeConvention.Months;

    public MetricPrecision ToPrecision()
    {
        var p = MetricPrecision.Default;
        foreach (var (name, decimals) in Precision)
            if (Enum.TryParse<Metric>(name, true, out var m) && MetricPrecision.IsValidDecimals(decimals)) p = p.With(m, decimals);
        return p;
    }
}

/// <summary>One project's line in a progress view: where it stands, its own rates, and whether its figures were corrected.</summary>
public sealed record ProjectProgress(
    IndexedProject Project,
    ProjectStanding Standing,
    ProgressMetrics Metrics,
    IndexedRevision? Revision,
    bool CorrectedLater);

/// <summary>A child unit's line: its metrics and how far above (+) or below (−) its parent's completion it is.</summary>
public sealed record ChildProgress(IndexedOrg Org, ProgressMetrics Metrics, Rate? PointsAboveParent);

/// <summary>A unit's line in its peer group's ranking: its rate, its place this period and last.</summary>
public sealed record PeerRow(IndexedOrg Org, Rate? CompletionRate, Rate? PointsAhead, int? Rank, int? PreviousRank)
{
    /// <summary>Places gained since the period before (positive: up).</summary>
    public int? Movement => Rank is { } r && PreviousRank is { } p ? p - r : null;
}

/// <summary>
/// Where a unit stands among its peers (the peer group its city ranks it in: 县市 / 城区 / 开发区): its place by 完成率,
/// the movement since last month, and its rate against the city's (issue 13). The ranking is the city's published one, so
/// a county sees its peers' places and rates, not their projects.
/// </summary>
public sealed record PeerStanding(string GroupName, IndexedOrg Owner, Rate? OwnerRate, IReadOnlyList<PeerRow> Rows, int NodeId, Rate? PointsAboveOwner)
{
    public PeerRow? Node => Rows.FirstOrDefault(r => r.Org.Id == NodeId);
}

/// <summary>What the dashboard shows of later features for a node: overdue problems, visits owed, the next 调度会 (Home implements it).</summary>
public interface IDashboardExtras
{
    Task<DashboardExtras?> ForAsync(Actor actor, int orgId, CancellationToken ct);
}

/// <summary>VisitsOwed is null where the node's leaders are not counted (a city's dashboard).</summary>
public sealed record DashboardExtras(int OverdueProblems, string OverdueHref, int? VisitsOwed, string VisitsHref, long? NextMeetingId, string? NextMeetingTitle,
    DateOnly? NextMeetingDate);

/// <summary>One month of the year's cumulative curve: completed and planned to date (万元), completion and time progress (%).</summary>
public sealed record CurvePoint(int Month, decimal Completed, decimal Planned, decimal? CompletionRate, decimal? TimeProgress);

/// <summary>Everything a dashboard or the metrics API shows for a node, a selection, a period and a date.</summary>
public sealed record ProgressView(
    IndexedOrg Node,
    ProjectSelection Selection,
    Period Period,
    DateOnly AsOf,
    bool IsPast,
    ProgressMetrics Metrics,
    int? MonthsEarlyForHalf,
    IReadOnlyList<ChildProgress> Children,
    IReadOnlyList<CurvePoint> Curve,
    IReadOnlyList<(ProjectStage Stage, int Count)> Stages,
    IReadOnlyList<ProjectProgress> Projects,
    IReadOnlyDictionary<int, IndexedOrg> Orgs)
{
    public string NameOf(int orgId) => Orgs.TryGetValue(orgId, out var o) ? o.Name : "";

    private (IReadOnlyList<ProjectProgress> Slowest, IReadOnlyList<ProjectProgress> Fastest)? _ends;

    /// <summary>
    /// The projects furthest behind and ahead of time progress (ten each) among those that reported the month, worked out
    /// once per view (views are cached). Those that did not report are a list of their own (<see cref="Unreported"/>):
    /// "最慢" and "未报" are different things (issue 13).
    /// </summary>
    public (IReadOnlyList<ProjectProgress> Slowest, IReadOnlyList<ProjectProgress> Fastest) Ends(int count = 10) => _ends ??= Rank(count);

    /// <summary>Whether the project's figures are the period's own report (not none, not an earlier month's carried on).</summary>
    public bool ReportedThisPeriod(ProjectProgress p) => p.Revision is { } r && r.PeriodIndex == Period.Index;

    private IReadOnlyList<ProjectProgress>? _unreported;

    /// <summary>The projects with no report of the period, in code order.</summary>
    public IReadOnlyList<ProjectProgress> Unreported => _unreported ??= Projects.Where(p => !ReportedThisPeriod(p))
        .OrderBy(p => p.Project.Code, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Each child's place by 完成率 (highest first; ties by points ahead of time progress), as the bulletins rank units;
    /// a child without a rate has none.
    /// </summary>
    public IReadOnlyDictionary<int, int> ChildRanks => _childRanks ??= RankOf(Children.Select(c => (c.Org.Id, c.Metrics)));

    private IReadOnlyDictionary<int, int>? _childRanks;

    internal static IReadOnlyDictionary<int, int> RankOf(IEnumerable<(int Id, ProgressMetrics Metrics)> units)
    {
        var ordered = units.Where(u => u.Metrics.CompletionRate is not null)
            .OrderByDescending(u => u.Metrics.CompletionRate!.Value.Exact).ThenByDescending(u => u.Metrics.PointsAhead?.Exact ?? decimal.MinValue).ToList();
        var ranks = new Dictionary<int, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var same = i > 0 && ordered[i].Metrics.CompletionRate!.Value.Printed == ordered[i - 1].Metrics.CompletionRate!.Value.Printed;
            ranks[ordered[i].Id] = same ? ranks[ordered[i - 1].Id] : i + 1;
        }
        return ranks;
    }

    private (IReadOnlyList<ProjectProgress>, IReadOnlyList<ProjectProgress>) Rank(int count)
    {
        var ranked = Projects.Where(p => p.Metrics.PointsAhead is not null && ReportedThisPeriod(p)).ToList();
        static decimal Key(ProjectProgress p) => p.Metrics.PointsAhead!.Value.Exact;
        return (ranked.OrderBy(Key).ThenBy(p => p.Project.Code, StringComparer.Ordinal).Take(count).ToList(),
            ranked.OrderByDescending(Key).ThenBy(p => p.Project.Code, StringComparer.Ordinal).Take(count).ToList());
    }

    public int Corrections => Projects.Count(p => p.Revision is { IsCorrection: true } || p.CorrectedLater);
}

/// <summary>
/// The metrics of point 5 for any node of the tree, any selection of lists, any period and any past date: read from the
/// in-memory <see cref="ProgressIndex"/> and cached until a report is approved or the registry changes.
/// </summary>
public sealed class ProgressService(AppDbContext db, TimeProvider clock, ProjectIndex projectIndex, ProgressIndex progressIndex, IOptions<MetricsOptions> options)
{
    public TimeConvention DefaultConvention => options.Value.Convention;

    /// <summary>The view for a node (the actor's own by default). A node outside the actor's subtree does not exist for them.</summary>
    public async Task<Result<ProgressView>> ViewAsync(Actor actor, int? orgId, ProjectSelection selection, DateOnly? asOf, Period? period,
        TimeConvention? convention, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.ViewDashboard)) return Result<ProgressView>.Fail(new Forbidden("Error.Forbidden"));
        var today = Display.Today(clock);
        var date = asOf ?? today;
        if (date > today) return Result<ProgressView>.Fail(new FieldInvalid("asOf", "Error.Metrics.AsOfFuture"));
        if (date.Year < 2000) return Result<ProgressView>.Fail(new FieldInvalid("asOf", "Error.Metrics.AsOfInvalid"));
        if (period is { } given && (!given.IsValid || given > Period.Of(date)))
            return Result<ProgressView>.Fail(new FieldInvalid("period", "Error.Metrics.PeriodAfterAsOf"));
        var conv = convention ?? DefaultConvention;
        if (!Enum.IsDefined(conv)) return Result<ProgressView>.Fail(new FieldInvalid("convention", "Error.ValueUnknown"));

        var numbers = await ChangeCounter.ReadAsync(db, ct);
        var projects = await projectIndex.CurrentAsync(db, numbers, ct);
        var progress = await progressIndex.CurrentAsync(db, numbers, ct);
        var nodeId = orgId ?? actor.OrgId;
        if (!projects.Orgs.TryGetValue(nodeId, out var node) || !actor.Covers(node.Path))
            return Result<ProgressView>.Fail(new NotFound("Organisation", nodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var p = period ?? progress.Cache.GetOrAdd(new DefaultPeriodKey(projects.ProjectSeq, projects.OrgSeq, nodeId, selection.ToString(), date),
            _ => DefaultPeriod(projects, progress, node, selection, date));

        // Today's view is kept under "now" (no date), as before.
        var key = new ViewKey(projects.ProjectSeq, projects.OrgSeq, nodeId, selection.ToString(), p, date == today ? null : date, conv);
        if (progress.Cache.TryGet<ViewKey, ProgressView>(key, out var cached)) return cached;
        var view = Compute(projects, progress, node, selection, p, date, date < today, conv, options.Value.ToPrecision());
        progress.Cache.Set(key, view);
        return view;
    }

    /// <summary>
    /// The node's standing in the first peer group that holds it: every member's 完成率 and place for the view's period and
    /// the one before, and the node's rate against the group's owner (the city). Null when no group holds the node.
    /// </summary>
    public async Task<PeerStanding?> PeerStandingAsync(ProgressView v, CancellationToken ct = default)
    {
        var groupId = await db.PeerGroupMembers.Where(m => m.OrgId == v.Node.Id).OrderBy(m => m.PeerGroupId).Select(m => (int?)m.PeerGroupId).FirstOrDefaultAsync(ct);
        if (groupId is null) return null;
        var group = await db.PeerGroups.Where(g => g.Id == groupId).Select(g => new { g.Name, g.OwnerOrgId, Members = g.Members.Select(m => m.OrgId).ToList() })
            .SingleAsync(ct);
        // The city's published ranking: read as the system, shown as places and rates only.
        var reader = Actor.System("peer-standing");
        async Task<Dictionary<int, ProgressMetrics>> MetricsAsync(Period period)
        {
            var result = new Dictionary<int, ProgressMetrics>();
            foreach (var id in group.Members)
                if ((await ViewAsync(reader, id, v.Selection, v.IsPast ? v.AsOf : null, period, v.Metrics.Convention, ct)) is { Succeeded: true } view)
                    result[id] = view.Value.Metrics;
            return result;
        }
        var now = await MetricsAsync(v.Period);
        var before = await MetricsAsync(v.Period.Previous);
        var ranks = ProgressView.RankOf(now.Select(kv => (kv.Key, kv.Value)));
        var previous = ProgressView.RankOf(before.Select(kv => (kv.Key, kv.Value)));
        var rows = now.Where(kv => v.Orgs.ContainsKey(kv.Key))
            .Select(kv => new PeerRow(v.Orgs[kv.Key], kv.Value.CompletionRate, kv.Value.PointsAhead, ranks.TryGetValue(kv.Key, out var r) ? r : null,
                previous.TryGetValue(kv.Key, out var pr) ? pr : null))
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Org.Order).ToList();
        var owner = await ViewAsync(reader, group.OwnerOrgId, v.Selection, v.IsPast ? v.AsOf : null, v.Period, v.Metrics.Convention, ct);
        if (!owner.Succeeded || !v.Orgs.TryGetValue(group.OwnerOrgId, out var ownerOrg)) return null;
        return new PeerStanding(group.Name, ownerOrg, owner.Value.Metrics.CompletionRate, rows, v.Node.Id,
            now.TryGetValue(v.Node.Id, out var mine) ? mine.PointsAbove(owner.Value.Metrics, options.Value.ToPrecision().Of(Metric.PointsAhead)) : null);
    }

    /// <summary>The period a node's view opens on, per registry numbers (the progress snapshot holds the cache).</summary>
    private sealed record DefaultPeriodKey(long Projects, long Orgs, int NodeId, string Selection, DateOnly AsOf) : ICacheKey<Period>;

    private sealed record ViewKey(long Projects, long Orgs, int NodeId, string Selection, Period Period, DateOnly? AsOf, TimeConvention Convention)
        : ICacheKey<ProgressView>;

    /// <summary>
    /// The period a view opens on: the last complete month of the date; but when the node has no plan for that year yet
    /// (in January, or a ledger of past years) the latest month reported in the latest year that has plans.
    /// </summary>
    internal static Period DefaultPeriod(ProjectSnapshot s, ProgressSnapshot progress, IndexedOrg node, ProjectSelection selection, DateOnly asOf)
    {
        var p = Period.LastCompleteOn(asOf);
        if (ProjectsOf(s, node, selection, p.Year).Any()) return p;
        var knownBy = Display.EndOfDayUtc(asOf).Ticks - 1;
        for (var year = p.Year - 1; year >= p.Year - 10; year--)
        {
            var inYear = ProjectsOf(s, node, selection, year).ToList();
            if (inYear.Count == 0) continue;
            var latest = 0;
            foreach (var project in inYear)
                if (progress.FiguresFor(project.Id, new Period(year, 12), knownBy) is { } r) latest = Math.Max(latest, r.PeriodIndex);
            return latest > 0 ? new Period(latest / 12, latest % 12 + 1) : new Period(year, 12);
        }
        return p;
    }

    /// <summary>The projects a node's figures cover: built in its territory for a region; those it builds or answers for otherwise.</summary>
    internal static IEnumerable<IndexedProject> ProjectsOf(ProjectSnapshot s, IndexedOrg node, ProjectSelection selection, int year)
    {
        var region = OrgTree.IsRegion(node.Kind);
        var subtree = new Subtree(node.Path);
        foreach (var p in s.ByCode)
        {
            if (p.IsRetired || p.PlanFor(year) is null || !selection.Matches(p.Levels, p.Lists)) continue;
            var places = s.PlacesOf(p);
            if (region ? subtree.HoldsOnList(places) : subtree.HoldsProject(places)) yield return p;
        }
    }

    internal static ProgressView Compute(ProjectSnapshot s, ProgressSnapshot progress, IndexedOrg node, ProjectSelection selection, Period period,
        DateOnly asOf, bool isPast, TimeConvention convention, MetricPrecision precision)
    {
        var knownBy = Display.EndOfDayUtc(asOf).Ticks - 1;
        var children = s.Orgs.Values.Where(o => o.ParentId == node.Id && o.IsActive && OrgTree.IsRegion(o.Kind)).OrderBy(o => o.Order).ToList();
        var childOf = new Dictionary<int, int>();
        int ChildIndex(int orgId)
        {
            if (childOf.TryGetValue(orgId, out var c)) return c;
            var result = -1;
            for (int? id = orgId; id is { } v && s.Orgs.TryGetValue(v, out var o); id = o.ParentId)
            {
                if (o.ParentId == node.Id) { result = children.FindIndex(x => x.Id == v); break; }
                if (v == node.Id) break;
            }
            return childOf[orgId] = result;
        }

        var total = new ProgressTotals();
        var childTotals = new ProgressTotals[children.Count];
        var rows = new List<ProjectProgress>();
        var stages = new Dictionary<ProjectStage, int>();
        var months = new (long Ytd, long Plan)[period.Month];
        foreach (var p in ProjectsOf(s, node, selection, period.Year))
        {
            var standing = StandingOf(p, progress, period, knownBy, out var rev);
            total.Add(standing);
            var ci = ChildIndex(p.OrgId);
            if (ci >= 0) childTotals[ci].Add(standing);
            var one = new ProgressTotals();
            one.Add(standing);
            rows.Add(new ProjectProgress(p, standing, ProgressMetrics.Compute(one, period, convention, precision), rev,
                rev is { } r && progress.CorrectedAfter(p.Id, r.PeriodIndex, knownBy)));
            stages[p.Stage] = stages.GetValueOrDefault(p.Stage) + 1;
            var plan = p.PlanFor(period.Year)!.Value.Plan;
            for (var m = 1; m <= period.Month; m++)
            {
                var mp = new Period(period.Year, m);
                if (progress.FiguresFor(p.Id, mp, knownBy) is { } fm) months[m - 1].Ytd += fm.Ytd;
                months[m - 1].Plan += ProgressTotals.ToUnits(progress.PlanToDate(p.Id, mp) ?? plan * m / 12m);
            }
        }

        var metrics = ProgressMetrics.Compute(total, period, convention, precision);
        var curve = new List<CurvePoint>(period.Month);
        var byMonth = new List<decimal?>(period.Month);
        for (var m = 1; m <= period.Month; m++)
        {
            var rate = total.AnnualPlan > 0 ? months[m - 1].Ytd * 100m / total.AnnualPlan : (decimal?)null;
            byMonth.Add(rate);
            var mp = new Period(period.Year, m);
            var t = total;
            t.PlanToDate = months[m - 1].Plan;
            curve.Add(new CurvePoint(m, ProgressTotals.ToWan(months[m - 1].Ytd), ProgressTotals.ToWan(months[m - 1].Plan),
                rate is { } r ? Rounding.HalfUp(r, precision.Of(Metric.CompletionRate)) : null,
                ProgressMetrics.TimeProgressOf(t, mp, convention, precision.Of(Metric.TimeProgress))?.Printed));
        }
        var childRows = children.Select((c, i) =>
        {
            var cm = ProgressMetrics.Compute(childTotals[i], period, convention, precision);
            return new ChildProgress(c, cm, cm.PointsAbove(metrics, precision.Of(Metric.PointsAhead)));
        }).ToList();
        return new ProgressView(node, selection, period, asOf, isPast, metrics, ProgressMetrics.MonthsEarlyForHalf(byMonth), childRows, curve,
            stages.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList(), rows, s.Orgs);
    }

    internal static ProjectStanding StandingOf(IndexedProject p, ProgressSnapshot progress, Period period, long knownBy, out IndexedRevision? revision)
    {
        var plan = p.PlanFor(period.Year)!.Value;
        var facts = new ProjectFacts(plan.Kind, p.Stage, p.TotalInvestment, p.PlannedStart, p.PlannedCompletion, p.ActualStart, p.ActualCompletion);
        revision = progress.FiguresFor(p.Id, period, knownBy);
        ReportedFigures? figures = revision is { } r
            ? new ReportedFigures(ProgressTotals.ToWan(r.Ytd), ProgressTotals.ToWan(r.SinceStart), ProgressTotals.ToWan(r.FundsYtd), r.StartStatus,
                r.Statistical is { } st ? ProgressTotals.ToWan(st) : null)
            : null;
        decimal? before = progress.FiguresFor(p.Id, period.YearBefore, knownBy) is { } b ? ProgressTotals.ToWan(b.Ytd) : null;
        return ProjectStanding.Of(facts, plan.Plan, figures, period, progress.PlanToDate(p.Id, period), before);
    }
}
