using KeyProjects.Domain.Access;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Visits;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Visits;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Demo;

/// <summary>
/// The demo's 分包领导 and their visits. In 濮阳县 and 南乐县 the projects are shared out among a few named leaders
/// (濮阳县's first is 张振华, the demo login <c>pyx.leader</c>, "濮阳县 张振华"); the other places keep their drawn names.
/// Last month and this month so far get visits, so that the compliance page shows leaders who made every visit, leaders
/// who missed some, and — this month — what is still owed. 南乐县 needs two visits a month (appsettings "Visits").
/// </summary>
internal static class DemoVisits
{
    private static readonly Dictionary<string, string[]> Leaders = new()
    {
        ["濮阳县"] = ["张振华", "刘国强", "孙丽娟", "马卫东"],
        ["南乐县"] = ["赵志刚", "钱文博", "孙海燕"],
    };

    /// <summary>The leader of a place's project: one of the place's named leaders in turn, or the drawn name elsewhere.</summary>
    public static string LeaderOf(string place, int serial, string drawn) =>
        Leaders.TryGetValue(place, out var names) ? names[serial % names.Length] : drawn;

    /// <summary>How diligent each leader is, by their place in the list: the share of their projects they visit enough.</summary>
    private static readonly double[] Diligence = [1.0, 0.7, 1.0, 0.5];

    private static readonly string[] Findings =
    [
        "实地查看项目建设进度，听取项目单位汇报，要求倒排工期、挂图作战，确保按期完成节点任务。",
        "现场办公协调用地、用电问题，责成相关部门限时办结。",
        "观摩项目建设现场，要求加大施工力量投入，抓住有利天气加快主体施工。",
        "调研督导项目手续办理情况，要求帮办专员全程跟进。",
    ];

    private static readonly string[] Problems = ["电力增容手续未办结", "施工便道未硬化", "环评批复尚未取得", "部分设备未按期到货"];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = Display.Today(clock);
        var thisMonth = Period.Of(today);
        var lastMonth = thisMonth.Previous;
        string[] places = [.. Leaders.Keys];
        var first = lastMonth.FirstDay;
        var projects = await db.Projects.AsNoTracking()
            .Where(p => !p.IsRetired && (p.ActualCompletion == null || p.ActualCompletion >= first) && places.Contains(p.Org!.Name))
            .Select(p => new { p.Id, p.Code, Org = p.Org!.Name, OrgPath = p.Org.Path, Leader = p.Team.Where(t => t.Role == Domain.Projects.TeamRole.Leader).Select(t => t.Name).FirstOrDefault() })
            .OrderBy(p => p.Code)
            .ToListAsync(ct);
        var random = new Random(DemoData.Year + 2);
        var actor = Actor.System("demo");
        var now = clock.GetUtcNow().UtcDateTime;
        var visits = new List<(Visit Visit, string Code, string OrgPath)>();
        foreach (var p in projects.Where(p => p.Leader is not null))
        {
            var required = p.Org == "南乐县" ? 2 : 1;
            var rank = Array.IndexOf(Leaders[p.Org], p.Leader);
            var diligent = random.NextDouble() < Diligence[Math.Max(0, rank) % Diligence.Length];
            // Last month: the diligent visit as often as required, the others once too few.
            var count = diligent ? required : required - 1;
            for (var i = 0; i < count; i++)
                visits.Add((NewVisit(p.Id, p.Leader!, lastMonth.FirstDay.AddDays(random.Next(lastMonth.LastDay.Day)), random, actor, now), p.Code, p.OrgPath));
            // This month so far: about half of the projects have had their visit.
            if (today.Day > 1 && random.NextDouble() < 0.5)
                visits.Add((NewVisit(p.Id, p.Leader!, thisMonth.FirstDay.AddDays(random.Next(today.Day)), random, actor, now), p.Code, p.OrgPath));
        }
        if (visits.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AddRange(visits.Select(v => v.Visit));
        // Ids come from the database: the entries are written with the visits and completed in the same transaction.
        var entries = visits.Select(v => (v, Entry: AuditLog.Add(db, clock, actor, VisitService.AuditType, "", v.OrgPath, AuditAction.Created, []))).ToList();
        await db.SaveChangesAsync(ct);
        foreach (var ((v, code, path), entry) in entries)
            AuditLog.Complete(entry, v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), path,
                AuditLog.Diff(null, new Dictionary<string, string?> { ["Project"] = code, [nameof(Visit.Date)] = Display.Date(v.Date), [nameof(Visit.LeaderName)] = v.LeaderName }), null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static Visit NewVisit(int projectId, string leader, DateOnly date, Random random, Actor actor, DateTime now) => new()
    {
        ProjectId = projectId,
        Date = date,
        LeaderName = leader,
        Type = (VisitType)(1 + random.Next(3)),
        Findings = Findings[random.Next(Findings.Length)],
        Problems = random.NextDouble() < 0.3 ? [Problems[random.Next(Problems.Length)]] : [],
        RecordedById = actor.UserId,
        RecordedByName = actor.Name,
        CreatedAtUtc = now,
    };
}
