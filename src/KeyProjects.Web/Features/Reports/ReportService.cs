using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Reports;

/// <summary>When months open and fall due (appsettings "Reporting").</summary>
public sealed class ReportingOptions
{
    public int OpensOnDay { get; set; } = ReportingSchedule.Default.OpensOnDay;
    public int DeadlineDay { get; set; } = ReportingSchedule.Default.DeadlineDay;
    public ReportingSchedule Schedule => new(OpensOnDay, DeadlineDay);

    /// <summary>
    /// An organisation's own window, by its id or its exact name ("Reporting:Organisations:南乐县:OpensOnDay": 20); its
    /// subtree uses it unless a node below has one of its own. Days left out fall back to the installation's.
    /// </summary>
    public Dictionary<string, WindowOptions> Organisations { get; set; } = [];

    public sealed class WindowOptions
    {
        public int? OpensOnDay { get; set; }
        public int? DeadlineDay { get; set; }
    }

    /// <summary>The window for a project of an organisation: its own, the nearest ancestor's, or the installation's.</summary>
    public ReportingSchedule ScheduleFor(int orgId, IReadOnlyDictionary<int, Projects.IndexedOrg> orgs)
    {
        if (Organisations.Count > 0)
            for (int? id = orgId; id is { } v && orgs.TryGetValue(v, out var o); id = o.ParentId)
                if (Organisations.TryGetValue(v.ToString(System.Globalization.CultureInfo.InvariantCulture), out var w) || Organisations.TryGetValue(o.Name, out w))
                {
                    var schedule = new ReportingSchedule(w.OpensOnDay ?? OpensOnDay, w.DeadlineDay ?? DeadlineDay);
                    return schedule.IsValid ? schedule : Schedule;
                }
        return Schedule;
    }
}

/// <summary>A project's line in a month's list: its report, if one was filled in.</summary>
public sealed record ReportRow(IndexedProject Project, string OrgName, MonthlyReport? Report, Rate? Completion);

/// <summary>
/// Monthly reports through their workflow: fill in (填报), submit (报送), approve (审核通过) or return (退回) with a reason, lock
/// when the period closes (锁定), reopen by an administrator with a reason; and history loaded by an administrator. Every
/// write is audited; every approval makes an immutable revision, which is what the metrics count. One class in three files
/// by section: reading (here), filling in and review (.Entry), old ledgers and closed months (.History).
/// </summary>
public sealed partial class ReportService(AppDbContext db, TimeProvider clock, ProjectIndex projectIndex, PhotoService photoService, IOptions<ReportingOptions> options,
    IOptions<MetricsOptions> metrics)
{
    public const string AuditType = "MonthlyReport";
    public const string ClosureAuditType = "PeriodClosure";

    public ReportingSchedule Schedule => options.Value.Schedule;

    /// <summary>The month being reported on a day: the current one once its window is open, else the one before (the list's and the 工作台's).</summary>
    public Period CurrentPeriod(DateOnly today)
    {
        var thisMonth = Period.Of(today);
        return Schedule.StateOn(thisMonth, today) == PeriodState.NotOpen ? thisMonth.Previous : thisMonth;
    }

    /// <summary>The reporting window that applies to an organisation's projects (decision 008; OPERATIONS.md).</summary>
    public async Task<ReportingSchedule> ScheduleForAsync(int orgId, CancellationToken ct = default) =>
        options.Value.ScheduleFor(orgId, (await SnapshotAsync(ct)).Orgs);

    private ProjectSnapshot? _snapshot;
    private async Task<ProjectSnapshot> SnapshotAsync(CancellationToken ct) => _snapshot ??= await projectIndex.CurrentAsync(db, ct);

    private static ReportRights RightsOf(Actor actor, IndexedProject project, ProjectSnapshot s) => Rights.OnReports(actor, s.PlacesOf(project));

    /// <summary>A project the actor may see, by code; otherwise not found (someone else's project does not exist for them).</summary>
    public async Task<Result<(IndexedProject Project, ReportRights Rights)>> ProjectAsync(Actor actor, string code, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var normalized = ProjectCode.Normalize(code);
        var p = s.FindByCode(normalized);
        if (p is null || !s.ScopeOf(actor).Contains(p)) return Result<(IndexedProject, ReportRights)>.Fail(new NotFound(Projects.ProjectService.AuditType, normalized));
        return (p, RightsOf(actor, p, s));
    }

    public async Task<MonthlyReport?> FindAsync(int projectId, Period period, CancellationToken ct = default) =>
        await db.MonthlyReports.AsNoTracking().SingleOrDefaultAsync(r => r.ProjectId == projectId && r.Year == period.Year && r.Month == period.Month, ct);

    public async Task<Result<(MonthlyReport Report, IndexedProject Project, ReportRights Rights)>> GetAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var report = await db.MonthlyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        var s = await SnapshotAsync(ct);
        if (report is null || !s.ById.TryGetValue(report.ProjectId, out var p) || !s.ScopeOf(actor).Contains(p))
            return Result<(MonthlyReport, IndexedProject, ReportRights)>.Fail(new NotFound(AuditType, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return (report, p, Rights.OnReport(actor, RightsOf(actor, p, s), report.CreatedBy, report.SubmittedBy));
    }

    /// <summary>The projects the caller sees that are not retired, in code order (a project unit's own, on its 工作台).</summary>
    public async Task<IReadOnlyList<IndexedProject>> ProjectsAsync(Actor actor, CancellationToken ct = default) =>
        (await SnapshotAsync(ct)).ScopeOf(actor).Projects.Where(p => !p.IsRetired).ToList();

    /// <summary>The real names of the people a report names (报送人, 审核人), by login.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(MonthlyReport? report, CancellationToken ct = default)
    {
        if (report is null) return new Dictionary<string, string>();
        string?[] logins = [report.SubmittedBy, report.ReviewedBy, report.CreatedBy, report.UpdatedBy];
        var wanted = logins.OfType<string>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
    }

    /// <summary>Reports the actor may see, newest first: of one project, one month, one status, or all of these.</summary>
    public async Task<Result<IReadOnlyList<(MonthlyReport Report, IndexedProject Project)>>> ListAsync(Actor actor, string? projectCode, int? year, int? month,
        ReportStatus? status, int limit = 500, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var scope = s.ScopeOf(actor);
        var q = db.MonthlyReports.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(projectCode))
        {
            var found = await ProjectAsync(actor, projectCode, ct);
            if (!found.Succeeded) return Result<IReadOnlyList<(MonthlyReport, IndexedProject)>>.Fail(found.Errors);
            var id = found.Value.Project.Id;
            q = q.Where(r => r.ProjectId == id);
        }
        if (year is { } y) q = q.Where(r => r.Year == y);
        if (month is { } m) q = q.Where(r => r.Month == m);
        if (status is { } st) q = q.Where(r => r.Status == st);
        if (!scope.All && string.IsNullOrWhiteSpace(projectCode))
        {
            var ids = scope.Projects.Select(p => p.Id).ToList();
            if (ids.Count <= 2000) q = q.Where(r => ids.Contains(r.ProjectId));
        }
        var rows = await q.OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).ThenBy(r => r.ProjectId).Take(limit * 4).ToListAsync(ct);
        return rows.Where(r => s.ById.TryGetValue(r.ProjectId, out var p) && scope.Contains(p))
            .Take(limit).Select(r => (r, s.ById[r.ProjectId])).ToList();
    }

    /// <summary>
    /// Every project the actor sees that owes the month a report (a plan for the period's year, not retired), and every
    /// other one that has a report of the month whatever its plan or state, in code order: a report that exists is always
    /// on the list, so nothing can hold up closing the period out of sight (issue 13).
    /// </summary>
    public async Task<IReadOnlyList<ReportRow>> MonthAsync(Actor actor, Period period, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var visible = s.ScopeOf(actor).Projects;
        var q = db.MonthlyReports.AsNoTracking().Where(r => r.Year == period.Year && r.Month == period.Month);
        if (visible.Length <= 2000)
        {
            var ids = visible.Select(p => p.Id).ToList();
            q = q.Where(r => ids.Contains(r.ProjectId));
        }
        var reports = await q.ToDictionaryAsync(r => r.ProjectId, ct);
        var projects = visible.Where(p => reports.ContainsKey(p.Id) || (!p.IsRetired && p.PlanFor(period.Year) is not null));
        return projects.Select(p =>
        {
            var report = reports.GetValueOrDefault(p.Id);
            return new ReportRow(p, s.Orgs.TryGetValue(p.OrgId, out var o) ? o.Name : "", report, report is null ? null : CompletionOf(report, p));
        }).ToList();
    }

    /// <summary>A report's year-to-date share of its project's annual plan, at the precision the bulletins print.</summary>
    public Rate? CompletionOf(MonthlyReport report, IndexedProject project) =>
        project.PlanFor(report.Year) is { } plan
            ? Rate.OfAmounts(report.YtdCompleted, plan.Plan, metrics.Value.ToPrecision().Of(Metric.CompletionRate))
            : null;

    /// <summary>A sum of year-to-date figures against a sum of plans (a list's 合计), at the precision the bulletins print.</summary>
    public Rate? CompletionOf(decimal ytd, decimal plan) =>
        plan > 0 ? Rate.OfAmounts(ytd, plan, metrics.Value.ToPrecision().Of(Metric.CompletionRate)) : null;

    /// <summary>The figures the form starts from: the month before (to show the running totals) and the report if any.</summary>
    public async Task<MonthlyReport?> PreviousAsync(int projectId, Period period, CancellationToken ct = default)
    {
        var index = period.Index;
        return await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Year * 12 + r.Month - 1 < index)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).FirstOrDefaultAsync(ct);
    }

    private async Task<ReportContext> ContextAsync(IndexedProject project, Period period, CancellationToken ct)
    {
        var index = period.Index;
        var earlier = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ProjectId == project.Id && r.Year * 12 + r.Month - 1 < index)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month).Take(6).ToListAsync(ct);
        return ContextOf(project, period, earlier);
    }

    /// <summary>The rules' context from the months before, newest first.</summary>
    private static ReportContext ContextOf(IndexedProject project, Period period, IReadOnlyList<MonthlyReport> earlier)
    {
        var previous = earlier.FirstOrDefault();
        return new ReportContext
        {
            Period = period,
            TotalInvestment = project.TotalInvestment,
            PreviousFigures = previous?.Figures,
            PreviousPeriod = previous?.Period,
            RecentMonths = earlier.AsEnumerable().Reverse().Select(r => r.MonthCompleted).ToList(),
            UnderConstruction = project.Stage is ProjectStage.Started or ProjectStage.UnderConstruction,
        };
    }

    private async Task AddRevisionAsync(MonthlyReport report, DateTime knownFromUtc, string by, CancellationToken ct)
    {
        var last = report.Id == 0 ? 0 : await db.ReportRevisions.Where(r => r.ReportId == report.Id).MaxAsync(r => (int?)r.RevisionNo, ct) ?? 0;
        db.ReportRevisions.Add(ReportRevision.Of(report, last + 1, knownFromUtc, by, await ChangeCounter.NextAsync(db, Counter.Progress, 1, ct)));
    }

    private async Task<Result<MonthlyReport>> SaveAsync(MonthlyReport report, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return report;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            // Someone else created or changed the same month between our read and our write. The transaction is spoilt
            // (PostgreSQL refuses further commands in it), so the caller is told to reload rather than shown who.
            db.ChangeTracker.Clear();
            return Result<MonthlyReport>.Fail(new ConcurrencyConflict(0, [], null, null));
        }
    }

    private static ConcurrencyConflict Conflict(MonthlyReport current) =>
        new(current.Version, ["Status"], current.UpdatedBy, current.UpdatedAtUtc);

    public static string KeyOf(IndexedProject project, Period period) => $"{project.Code}/{period}";
}
