using KeyProjects.Domain.Progress;

namespace KeyProjects.Domain.Visits;

/// <summary>A leader holding a project in a month, and how many visits the project needs from them.</summary>
public readonly record struct Holding(string LeaderName, int ProjectId, int Required);

/// <summary>A visit as compliance counts it: who, where, when.</summary>
public readonly record struct VisitFact(string LeaderName, int ProjectId, DateOnly Date);

public enum ComplianceStatus
{
    /// <summary>Every project held has its visits.</summary>
    Compliant = 1,
    /// <summary>The month is not over: visits are still owed ("还差 N 次"), not yet missed.</summary>
    InProgress = 2,
    /// <summary>The month is over and some project did not get its visits.</summary>
    NotCompliant = 3,
}

public sealed record ProjectCoverage(int ProjectId, int Required, int Visits)
{
    public int Shortfall => Math.Max(0, Required - Visits);
    public bool Covered => Visits >= Required;
}

public sealed record LeaderCompliance(string LeaderName, IReadOnlyList<ProjectCoverage> Projects, ComplianceStatus Status)
{
    public int ProjectsHeld => Projects.Count;
    public int ProjectsCovered => Projects.Count(p => p.Covered);
    public int Visits => Projects.Sum(p => p.Visits);
    public int Required => Projects.Sum(p => p.Required);
    public int Shortfall => Projects.Sum(p => p.Shortfall);
    public IEnumerable<ProjectCoverage> Shortfalls => Projects.Where(p => !p.Covered);
    /// <summary>Projects covered of those held, in percent at the bulletins' default precision.</summary>
    public Rate? CoverageRate => Rate.Of(ProjectsCovered, ProjectsHeld, MetricPrecision.DefaultDecimals);
}

/// <summary>An organisation's month: each leader, and the 合计 (leaders compliant of all; projects covered of all held).</summary>
public sealed record OrgCompliance(Period Month, bool MonthOver, IReadOnlyList<LeaderCompliance> Leaders, Rate? CoverageRate, Rate? ComplianceRate)
{
    public int LeadersTotal => Leaders.Count;
    public int LeadersCompliant => Leaders.Count(l => l.Status == ComplianceStatus.Compliant);
    public int ProjectsHeld => Leaders.Sum(l => l.ProjectsHeld);
    public int ProjectsCovered => Leaders.Sum(l => l.ProjectsCovered);
    public int Visits => Leaders.Sum(l => l.Visits);
    public int Shortfall => Leaders.Sum(l => l.Shortfall);
}

/// <summary>
/// 全覆盖: a leader complies in a month when every project they hold got the required number of their visits in that
/// month. Before the month ends a shortfall is still owed, not missed. Only the leader's own visits to the project count.
/// </summary>
public static class VisitCompliance
{
    public static OrgCompliance Of(Period month, DateOnly today, IEnumerable<Holding> holdings, IEnumerable<VisitFact> visits, int decimals = MetricPrecision.DefaultDecimals)
    {
        var counts = visits
            .Where(v => v.Date >= month.FirstDay && v.Date <= month.LastDay)
            .GroupBy(v => (LeaderNames.Normalize(v.LeaderName), v.ProjectId))
            .ToDictionary(g => g.Key, g => g.Count());
        var monthOver = today > month.LastDay;
        var leaders = holdings
            .GroupBy(h => LeaderNames.Normalize(h.LeaderName), StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0)
            .Select(g =>
            {
                var projects = g.GroupBy(h => h.ProjectId)
                    .Select(p => new ProjectCoverage(p.Key, p.Max(h => h.Required), counts.GetValueOrDefault((g.Key, p.Key))))
                    .OrderBy(p => p.ProjectId).ToList();
                var status = projects.All(p => p.Covered) ? ComplianceStatus.Compliant
                    : monthOver ? ComplianceStatus.NotCompliant : ComplianceStatus.InProgress;
                return new LeaderCompliance(g.Key, projects, status);
            })
            // Most owed first, so the table opens on who needs reminding; then by name for a stable order.
            .OrderByDescending(l => l.Shortfall).ThenBy(l => l.LeaderName, StringComparer.Ordinal)
            .ToList();
        var held = leaders.Sum(l => l.ProjectsHeld);
        var covered = leaders.Sum(l => l.ProjectsCovered);
        return new OrgCompliance(month, monthOver, leaders,
            Rate.Of(covered, held, decimals),
            Rate.Of(leaders.Count(l => l.Status == ComplianceStatus.Compliant), leaders.Count, decimals));
    }
}
