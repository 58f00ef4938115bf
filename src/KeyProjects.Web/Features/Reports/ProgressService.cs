using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
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

    /// <summary>The projects furthest behind and ahead of time progress (ten each), worked out once per view (views are cached).</summary>
    public (IReadOnlyList<ProjectProgress> Slowest, IReadOnlyList<ProjectProgress> Fastest) Ends(int count = 10) => _ends ??= Rank(count);

    private (IReadOnlyList<ProjectProgress>, IReadOnlyList<ProjectProgress>) Rank(int count)
    {
        var ranked = Projects.Where(p => p.Metrics.PointsAhead is not null).ToList();
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
