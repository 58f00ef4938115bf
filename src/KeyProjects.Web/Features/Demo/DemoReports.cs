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
}
