using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Daily;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Demo;

/// <summary>
/// The demo's 每日一报: the site monitors of 濮阳县's first projects under construction post on the last working days
/// before the seeding day — most days, not all, so that the 缺报 page has days to show.
/// </summary>
internal static class DemoDaily
{
    private const int Projects = 12;
    private const int WorkingDays = 6;

    private static readonly string[] Texts =
    [
        "今日现场施工人员 {0} 人，主体结构施工，完成混凝土浇筑约 {1} 立方米。",
        "钢结构吊装继续推进，今日到场设备 {1} 台套，现场安全巡查无隐患。",
        "今日完成基础承台 {1} 个，塔吊 2 台运行，现场施工人员 {0} 人。",
        "设备安装调试，今日到货管道阀门 {1} 批，施工人员 {0} 人。",
        "雨后复工，清理场地排水，施工人员 {0} 人，二次结构砌筑。",
    ];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, int year, CancellationToken ct)
    {
        var today = Display.Today(clock);
        var county = await db.Organisations.SingleAsync(o => o.Name == "濮阳县" && o.Kind == OrgKind.County, ct);
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.OrgId == county.Id && !p.IsRetired && p.YearPlans.Any(y => y.Year == year))
            .OrderBy(p => p.Code).Take(Projects)
            .Select(p => new { p.Id, p.Code, Monitor = p.Team.Where(t => t.Role == Domain.Projects.TeamRole.SiteMonitor).Select(t => t.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var days = new List<DateOnly>();
        for (var d = today.AddDays(-1); days.Count < WorkingDays && d > today.AddDays(-30); d = d.AddDays(-1))
            if (WorkingCalendar.Default.IsWorkingDay(d)) days.Add(d);
        var random = new Random(year + 3);
        var actor = Actor.System("demo");
        var posts = new List<(DailyPost Post, string Code)>();
        foreach (var p in projects)
        {
            // A few projects post every day, the others miss one day in four.
            var reliable = random.NextDouble() < 0.4;
            foreach (var day in days)
            {
                if (!reliable && random.NextDouble() < 0.25) continue;
                var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts[random.Next(Texts.Length)], 40 + random.Next(200), 2 + random.Next(30));
                posts.Add((new DailyPost
                {
                    ProjectId = p.Id, Date = day, Text = text, AuthorId = actor.UserId, AuthorName = p.Monitor ?? actor.UserName,
                    CreatedAtUtc = Display.EndOfDayUtc(day).AddHours(-6).AddMinutes(random.Next(180)),
                }, p.Code));
            }
        }
        if (posts.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AddRange(posts.Select(p => p.Post));
        var entries = posts.Select(p => (p, Entry: AuditLog.Add(db, clock, actor, DailyPostService.AuditType, "", county.Path, AuditAction.Created, []))).ToList();
        await db.SaveChangesAsync(ct);
        foreach (var ((post, code), entry) in entries)
            AuditLog.Complete(entry, post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), county.Path, AuditLog.Diff(null, new Dictionary<string, string?>
            {
                ["Project"] = code, [nameof(DailyPost.Date)] = Display.Date(post.Date), [nameof(DailyPost.Text)] = post.Text,
            }), null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
