using KeyProjects.Domain.Access;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Reports;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Demo;

/// <summary>
/// The demo's monthly reports: January to April of the demo year for every project with a plan, loaded as history (known
/// from each month's deadline), so that the dashboard prints the articles' figures — 南乐县 54.56亿 of 120.03亿 = 45.5%,
/// 濮阳县 128.4亿 of 343.4亿 = 37.39% (the article prints 37.41, FACTS.md 1.2) — and the rest of the city plausible ones.
/// </summary>
internal static class DemoReports
{
    public const int LastMonth = 4;

    /// <summary>Year-to-date at the end of April per county, 万元, as the articles print them; others get a share of plan.</summary>
    private static readonly Dictionary<string, decimal> AprilYtd = new()
    {
        ["南乐县"] = 545_600m,
        ["濮阳县"] = 1_284_000m,
    };

    private static readonly decimal[] CumulativeShare = [0.14m, 0.33m, 0.64m, 1m];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, ReportingSchedule schedule, CancellationToken ct)
    {
        var year = DemoData.Year;
        var projects = await db.Projects.AsNoTracking()
            .Where(p => !p.IsRetired)
            .Select(p => new { p.Id, p.Code, p.TotalInvestment, p.Stage, Org = p.Org!.Name, OrgPath = p.Org.Path,
                Plan = p.YearPlans.Where(y => y.Year == year).Select(y => new { y.PlannedInvestment, y.Kind }).FirstOrDefault() })
            .ToListAsync(ct);
        var random = new Random(year + 1);
        var actor = Actor.System("demo");
        var now = clock.GetUtcNow().UtcDateTime;
        var reports = new List<MonthlyReport>();
        foreach (var group in projects.Where(p => p.Plan is not null && p.Stage >= ProjectStage.Started).GroupBy(p => p.Org))
        {
            var list = group.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
            var planTotal = list.Sum(p => p.Plan!.PlannedInvestment);
            var target = AprilYtd.TryGetValue(group.Key, out var t) ? t : decimal.Round(planTotal * (0.28m + (decimal)random.NextDouble() * 0.16m), 0);
            var remaining = target;
            for (var i = 0; i < list.Count; i++)
            {
                var p = list[i];
                var plan = p.Plan!.PlannedInvestment;
                var ytd = i == list.Count - 1 ? remaining : decimal.Round(target * plan / planTotal * (0.75m + (decimal)random.NextDouble() * 0.5m), 0);
                ytd = Math.Max(0, Math.Min(Math.Min(ytd, remaining), p.TotalInvestment));
                remaining -= ytd;
                var before = p.Plan.Kind == ConstructionKind.Continuing ? decimal.Round(Math.Max(0, p.TotalInvestment - plan) * 0.4m, 0) : 0m;
                decimal previous = 0;
                for (var m = 1; m <= LastMonth; m++)
                {
                    var cum = decimal.Round(ytd * CumulativeShare[m - 1], 0);
                    var month = cum - previous;
                    var funds = decimal.Round(month * 0.8m, 0);
                    var report = new MonthlyReport
                    {
                        ProjectId = p.Id, Year = year, Month = m, Status = ReportStatus.Locked, IsLoaded = true, LoadedBy = actor.UserName, LoadedAtUtc = now,
                        CreatedBy = actor.UserName, CreatedAtUtc = now, UpdatedBy = actor.UserName, UpdatedAtUtc = now,
                    };
                    report.SetFigures(new ReportFigures
                    {
                        MonthCompleted = month, YtdCompleted = cum, SinceStartCompleted = before + cum,
                        FundsMonth = new Funds(Local: decimal.Round(funds / 2, 0), SelfRaised: funds - decimal.Round(funds / 2, 0)),
                        FundsCumulative = new Funds(Local: decimal.Round((before + cum) * 0.4m, 0), SelfRaised: decimal.Round((before + cum) * 0.4m, 0)),
                        FundsYtd = decimal.Round(cum * 0.8m, 0),
                        StartStatus = StartStatus.Started,
                        Workers = 80 + random.Next(400),
                        ImageProgress = m == LastMonth ? "主体工程施工中" : null,
                    });
                    reports.Add(report);
                    db.AuditEntries.Add(AuditLog.Create(clock, actor, ReportService.AuditType, $"{p.Code}/{new Period(year, m)}", p.OrgPath, AuditAction.Created,
                        AuditLog.Diff(null, report.AuditFields()), 1, "history:demo"));
                    previous = cum;
                }
            }
        }
        if (reports.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.MonthlyReports.AddRange(reports);
        await db.SaveChangesAsync(ct);
        var seq = await ChangeCounter.NextAsync(db, Counter.Progress, 1, ct);
        db.ReportRevisions.AddRange(reports.Select(r => ReportRevision.Of(r, 1,
            Infrastructure.Display.EndOfDayUtc(schedule.Deadline(r.Period)).AddTicks(-1), actor.UserName, seq)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The month being reported on a day, as the review list and the 工作台 count it (ReportService.CurrentPeriod).</summary>
    public static Period CurrentPeriod(DateOnly today, ReportingSchedule schedule)
    {
        var thisMonth = Period.Of(today);
        return schedule.StateOn(thisMonth, today) == PeriodState.NotOpen ? thisMonth.Previous : thisMonth;
    }

    /// <summary>
    /// Cumulative share of a year's investment by the end of each month, as the national 固定资产投资 prints it (1–2月 is
    /// published together: January gets a little of it).
    /// </summary>
    private static readonly decimal[] LiveShare = [0.03m, 0.09m, 0.21m, 0.29m, 0.38m, 0.48m, 0.56m, 0.64m, 0.75m, 0.84m, 0.92m, 1m];

    private static readonly string[] Progress =
        ["基础施工", "主体结构施工", "主体封顶，内部装修", "设备安装", "设备调试", "附属工程施工"];

    /// <summary>
    /// The live year's reports (<see cref="DemoData.LiveYear"/>) for the projects that have its plan: every month before
    /// the one being reported approved a few days after its deadline; the month being reported mostly approved, some
    /// 报送 awaiting review, a few 填报 or 退回, and some not reported at all. Each project keeps a pace of its own, so
    /// some run ahead of 序时 and some behind. Written in bulk, as an import is: thousands of rows through EF's change
    /// tracker take seconds.
    /// </summary>
    public static async Task SeedLiveAsync(AppDbContext db, TimeProvider clock, ReportingSchedule schedule, CancellationToken ct)
    {
        var today = Infrastructure.Display.Today(clock);
        if (DemoData.LiveYear(today, schedule) is not { } year) return;
        var current = CurrentPeriod(today, schedule);
        var projects = await db.Projects.AsNoTracking()
            .Where(p => !p.IsRetired && p.YearPlans.Any(y => y.Year == year))
            .Select(p => new { p.Id, p.Code, p.TotalInvestment, Org = p.Org!.Name, OrgPath = p.Org.Path,
                Plan = p.YearPlans.Where(y => y.Year == year).Select(y => y.PlannedInvestment).First() })
            .ToListAsync(ct);
        var random = new Random(year);
        var staff = Actor.System("demo");
        var now = clock.GetUtcNow().UtcDateTime;
        var reports = new List<MonthlyReport>();
        var audits = new List<AuditEntry>();
        var reviewed = new List<(MonthlyReport Report, DateTime At)>();
        foreach (var p in projects.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            // A pace of 0.6–1.3 of the seasonal profile: below 1 the project falls behind 序时 as the year goes on.
            var pace = 0.6m + (decimal)random.NextDouble() * 0.7m;
            var before = decimal.Round(Math.Max(0, p.TotalInvestment - p.Plan) * 0.55m, 0);
            var room = Math.Max(0, p.TotalInvestment - before);
            // The month being reported: about 55% approved, 20% 报送, 5% 填报, 5% 退回, 15% not reported.
            var draw = random.NextDouble();
            ReportStatus? last = draw < 0.55 ? ReportStatus.Approved : draw < 0.75 ? ReportStatus.Submitted : draw < 0.80 ? ReportStatus.Draft
                : draw < 0.85 ? ReportStatus.Returned : null;
            decimal previous = 0;
            for (var m = 1; m <= current.Month; m++)
            {
                var status = m < current.Month ? ReportStatus.Approved : last;
                if (status is not { } st) break;
                var period = new Period(year, m);
                var cum = Math.Min(room, Math.Max(previous, decimal.Round(p.Plan * LiveShare[m - 1] * pace * (0.95m + (decimal)random.NextDouble() * 0.1m), 0)));
                var month = cum - previous;
                var funds = decimal.Round(month * 0.8m, 0);
                var deadline = Infrastructure.Display.EndOfDayUtc(schedule.Deadline(period));
                var opens = Infrastructure.Display.EndOfDayUtc(schedule.OpensOn(period)).AddHours(-8);
                // Filled in on a working morning between the window's opening and the deadline; reviewed a day or three later.
                var submitted = Earlier(opens.AddDays(random.Next(Math.Max(1, (deadline - opens).Days))), now.AddHours(-30));
                var review = Earlier(submitted.AddDays(1 + random.Next(3)), now.AddHours(-2));
                var report = new MonthlyReport
                {
                    ProjectId = p.Id, Year = year, Month = m, Status = st, Version = st switch { ReportStatus.Draft => 1, ReportStatus.Submitted => 1, _ => 2 },
                    CreatedBy = staff.UserName, CreatedAtUtc = submitted, UpdatedBy = staff.UserName, UpdatedAtUtc = st is ReportStatus.Approved or ReportStatus.Returned ? review : submitted,
                    SubmittedBy = st == ReportStatus.Draft ? null : staff.UserName, SubmittedAtUtc = st == ReportStatus.Draft ? null : submitted,
                    ReviewedBy = st is ReportStatus.Approved or ReportStatus.Returned ? staff.UserName : null,
                    ReviewedAtUtc = st is ReportStatus.Approved or ReportStatus.Returned ? review : null,
                    ReturnReason = st == ReportStatus.Returned ? "本月完成投资与形象进度不符，请核实后重新报送。" : null,
                };
                report.SetFigures(new ReportFigures
                {
                    MonthCompleted = month, YtdCompleted = cum, SinceStartCompleted = before + cum,
                    FundsMonth = new Funds(Local: decimal.Round(funds / 2, 0), SelfRaised: funds - decimal.Round(funds / 2, 0)),
                    FundsCumulative = new Funds(Local: decimal.Round((before + cum) * 0.4m, 0), SelfRaised: decimal.Round((before + cum) * 0.4m, 0)),
                    FundsYtd = decimal.Round(cum * 0.8m, 0),
                    StartStatus = StartStatus.Started,
                    Workers = 60 + random.Next(400),
                    ImageProgress = Progress[Math.Min(Progress.Length - 1, (m - 1) / 2)],
                });
                reports.Add(report);
                var key = $"{p.Code}/{period}";
                audits.Add(AuditLog.Create(clock, staff, ReportService.AuditType, key, p.OrgPath, st == ReportStatus.Draft ? AuditAction.Created : AuditAction.Submitted,
                    AuditLog.Diff(null, report.AuditFields()), 1, "demo"));
                if (st is ReportStatus.Approved or ReportStatus.Returned)
                {
                    audits.Add(AuditLog.Create(clock, staff, ReportService.AuditType, key, p.OrgPath, st == ReportStatus.Approved ? AuditAction.Approved : AuditAction.Returned,
                        AuditLog.Diff(new Dictionary<string, string?> { ["Status"] = ReportStatus.Submitted.ToString() }, new Dictionary<string, string?> { ["Status"] = st.ToString() }),
                        2, report.ReturnReason ?? "demo"));
                    if (st == ReportStatus.Approved) reviewed.Add((report, review));
                }
                previous = cum;
            }
        }
        if (reports.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = await BulkWriter.ReserveIdsAsync<MonthlyReport>(db, reports.Count, ct);
        for (var i = 0; i < reports.Count; i++) reports[i].Id = ids[i];
        await BulkWriter.InsertAsync(db, reports, ct);
        var seq = await ChangeCounter.NextAsync(db, Counter.Progress, 1, ct);
        await BulkWriter.InsertAsync(db, reviewed.Select(r => ReportRevision.Of(r.Report, 1, r.At, staff.UserName, seq)).ToList(), ct);
        await BulkWriter.InsertAsync(db, audits, ct);
        await tx.CommitAsync(ct);
    }

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;
}
