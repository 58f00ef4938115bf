using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Projects;
using KeyProjects.Domain.Milestones;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Milestones;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Features.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Demo;

/// <summary>
/// Demo data (on by default with SQLite, <c>Seed:DemoData=false</c> to turn off): departments, project units, one
/// user per role, and the 2023 key-project ledgers of the places in the articles, whose totals reproduce the
/// published figures (濮阳县 56 projects, 796.5亿/343.4亿, 36 new; 南乐县 41, 261.35亿/120.03亿; 华龙区 29).
/// Deterministic: the same data on every machine. Projects go through <see cref="ProjectService"/> like any other.
/// Beside that history, the live year (<see cref="LiveYear"/>, from the clock on the day of seeding): the projects still
/// under construction get its plan, and its reports, problems, meetings, daily posts and visits are dated back from that
/// day, so that a newcomer opens the dashboard, the review list and the 工作台 on current work.
/// </summary>
public sealed class DemoData(AppDbContext db, ProjectService projects, OrgService orgs, MilestoneService milestones, Meetings.MeetingService meetings, UserManager<AppUser> users,
    TimeProvider clock, Microsoft.Extensions.Options.IOptions<Reports.ReportingOptions> reporting, ILogger<DemoData> log)
{
    public const string Password = "Demo@2026";
    public const int Year = 2023;

    /// <summary>
    /// The year being reported on <paramref name="today"/> (in early January, before December's window closes, last
    /// year), or null when that is the history's own year or earlier.
    /// </summary>
    public static int? LiveYear(DateOnly today, Domain.Progress.ReportingSchedule schedule)
    {
        var year = DemoReports.CurrentPeriod(today, schedule).Year;
        return year > Year ? year : null;
    }

    /// <summary>The demo logins, listed in the README.</summary>
    public static readonly (string UserName, string DisplayName, Role Role, string Org, ServiceTitle? Title)[] Users =
    [
        ("demo.admin", "演示管理员", Role.Admin, "河南省", null),
        ("hn.viewer", "省发改委查看员", Role.Viewer, "河南省", null),
        ("py.fgw", "濮阳市发改委 李卫东", Role.Staff, "濮阳市", null),
        ("py.ducha", "濮阳市督查局 周晓光", Role.Inspector, "濮阳市", null),
        ("pyx.fgw", "濮阳县发改委 王海涛", Role.Staff, "濮阳县", null),
        ("pyx.leader", "濮阳县 张振华", Role.Leader, "濮阳县", null),
        ("pyx.fuwu", "濮阳县首席服务官 刘春燕", Role.ServiceOfficer, "濮阳县", ServiceTitle.ChiefServiceOfficer),
        ("pyx.zrj", "濮阳县自然资源局 陈立新", Role.Department, "濮阳县自然资源局", null),
        ("nl.fgw", "南乐县发改委 赵国栋", Role.Staff, "南乐县", null),
        ("junheng", "君恒生物 郭建华", Role.ProjectUnit, "濮阳君恒生物科技有限公司", null),
        ("gyq.fuwu", "工业园区首席服务官 马丽娟", Role.ServiceOfficer, "工业园区", ServiceTitle.ChiefServiceOfficer),
        ("gyq.zrj", "工业园区自然资源局 孙志强", Role.Department, "工业园区自然资源局", null),
    ];

    private static readonly string[] Departments = ["发改委", "自然资源局", "住建局", "生态环境局", "工信局"];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Projects.AnyAsync(ct) || await users.FindByNameAsync(Users[0].UserName) is not null) return;
        var started = clock.GetTimestamp();
        var actor = Actor.System("demo");
        var random = new Random(Year);

        foreach (var place in DemoCatalog.Places)
            await SeedPlaceAsync(actor, place, random, ct);
        await SeedMilestonesAsync(actor, ct);
        await SeedUsersAsync(ct);
        await DemoReports.SeedAsync(db, clock, reporting.Value.Schedule, ct);
        await DemoReports.SeedLiveAsync(db, clock, reporting.Value.Schedule, ct);
        await DemoProblems.SeedAsync(db, clock, ct);
        await DemoMeetings.SeedAsync(db, clock, meetings, reporting.Value.Schedule, ct);
        await DemoProblems.FinishHistoryAsync(db, clock, ct);
        await DemoVisits.SeedAsync(db, clock, ct);
        if (LiveYear(Infrastructure.Display.Today(clock), reporting.Value.Schedule) is { } live)
            await DemoDaily.SeedAsync(db, clock, live, ct);
        log.LogInformation("Demo data seeded in {Elapsed}.", clock.GetElapsedTime(started));
    }

    /// <summary>A typical seasonal shape of a year's investment (little in winter, most from spring to autumn).</summary>
    private static readonly decimal[] Season = [2, 4, 8, 9, 10, 10, 9, 9, 10, 10, 10, 9];

    /// <summary>倒排工期 and 按月排进度 for the first three projects of 濮阳县, through the same service as the pages.</summary>
    private async Task SeedMilestonesAsync(Actor actor, CancellationToken ct)
    {
        var region = await RegionAsync("濮阳县", ct);
        var codes = await db.Projects.Where(p => p.OrgId == region.Id).OrderBy(p => p.Code).Select(p => p.Code).Take(3).ToListAsync(ct);
        (string Name, string Owner, DateOnly Planned, DateOnly? Actual)[] nodes =
        [
            ("土地摘牌", "濮阳县自然资源局", new(Year, 2, 28), new(Year, 3, 10)),
            ("取得施工许可", "濮阳县住建局", new(Year, 3, 31), new(Year, 4, 12)),
            ("开工建设", "项目单位", new(Year, 4, 30), new(Year, 5, 6)),
            ("主体封顶", "项目单位", new(Year, 9, 30), null),
            ("设备安装调试", "项目单位", new(Year, 12, 31), null),
            ("竣工投产", "项目单位", new(Year + 1, 6, 30), null),
        ];
        foreach (var code in codes)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                var n = nodes[i];
                var created = await milestones.CreateAsync(actor, code, new MilestoneDraft { Name = n.Name, Owner = n.Owner, PlannedDate = n.Planned, ActualDate = n.Actual, SortOrder = (i + 1) * 10 }, ct);
                if (!created.Succeeded) throw new InvalidOperationException($"Demo milestone '{n.Name}' is invalid.");
                if (n.Name == "主体封顶")
                    await milestones.UpdateAsync(actor, code, created.Value.Id, created.Value.Version,
                        new MilestoneDraft { Name = n.Name, Owner = n.Owner, PlannedDate = n.Planned.AddMonths(1), SortOrder = (i + 1) * 10 },
                        new DateChangeReason(MilestoneChangeReason.Weather, "雨季延误"), ct);
                db.ChangeTracker.Clear();
            }
            var plan = await milestones.MonthlyPlanAsync(actor, code, Year, ct);
            if (plan.Value.AnnualPlan is { } annual)
                await milestones.SaveMonthlyPlanAsync(actor, code, Year, plan.Value.Version, MonthlyPlanRules.CopyShape(Season, annual), ct);
            db.ChangeTracker.Clear();
        }
    }

    private async Task<Organisation> RegionAsync(string name, CancellationToken ct) =>
        await db.Organisations.SingleAsync(o => o.Name == name && o.Kind != OrgKind.Department && o.Kind != OrgKind.ProjectUnit, ct);

    private async Task<Organisation> ChildAsync(Actor actor, Organisation parent, string name, OrgKind kind, CancellationToken ct) =>
        await db.Organisations.SingleOrDefaultAsync(o => o.ParentId == parent.Id && o.Name == name, ct)
        ?? await orgs.AddNodeAsync(actor, parent, name, kind, null, 100, ct);

    private async Task SeedPlaceAsync(Actor actor, DemoCatalog.Place place, Random random, CancellationToken ct)
    {
        var region = await RegionAsync(place.Org, ct);
        var departments = new List<string>();
        foreach (var d in Departments)
            departments.Add((await ChildAsync(actor, region, place.Org + d, OrgKind.Department, ct)).Name);
        if (region.ParentId is { } cityId && await db.Organisations.FindAsync([cityId], ct) is { Kind: OrgKind.City } city)
            foreach (var d in Departments)
                await ChildAsync(actor, city, city.Name + d, OrgKind.Department, ct);

        var lines = Lines(place, random);
        var serial = 100001;
        foreach (var line in lines)
        {
            await ChildAsync(actor, region, line.Unit, OrgKind.ProjectUnit, ct);
            var draft = WithLivePlan(Draft(place, region, line, departments, random, serial++), line);
            var created = await projects.CreateAsync(actor, draft, ct);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Demo project '{line.Name}' is invalid: {string.Join("; ", created.Errors.Select(e => e.Field + " " + e.MessageKey))}");
            db.ChangeTracker.Clear();
        }
    }

    private sealed record Line(string Name, string Unit, decimal Total, decimal Plan, Sector Sector, bool New, string Content, ProjectStage Stage);

    /// <summary>The place's projects with totals and plans that add up exactly to the published figures.</summary>
    private static List<Line> Lines(DemoCatalog.Place place, Random random)
    {
        var named = place.Named.ToList();
        var generated = new List<DemoCatalog.Named>();
        var short1 = place.Org.TrimEnd('县', '市', '区');
        var used = new HashSet<string>(named.Select(n => n.Name));
        var i = 0;
        while (named.Count + generated.Count < place.Count)
        {
            var industry = place.Industries[i % place.Industries.Length];
            var (names, sector) = DemoCatalog.ByIndustry[industry];
            var product = names[(i / place.Industries.Length) % names.Length];
            var government = sector is Sector.Infrastructure or Sector.SocialUndertakings or Sector.Urbanisation;
            var brand = government ? "" : DemoCatalog.Brands[(i * 7 + place.Count) % DemoCatalog.Brands.Length];
            var baseName = place.Org + brand + product + "项目";
            var name = baseName;
            for (var phase = 2; !used.Add(name); phase++) name = baseName.Replace("项目", $"（{ChinesePhase(phase)}期）项目", StringComparison.Ordinal);
            var prefix = place.Org is "经开区" or "城乡一体化示范区" or "工业园区" ? "濮阳" : short1;
            var unit = government ? $"{place.Org}城市建设投资有限公司" : $"{prefix}{brand}{industry}{(i % 3 == 0 ? "科技" : "实业")}有限公司";
            generated.Add(new DemoCatalog.Named(name, unit, null, sector, true,
                government ? $"建设{product}工程及配套设施" : $"建设{product}生产线、厂房及配套设施"));
            i++;
        }

        // 新建 / 续建: the named projects say; the generated ones make up the published count.
        var all = named.Concat(generated).ToList();
        var newTarget = place.NewCount ?? (int)Math.Round(all.Count * 0.6);
        var namedNew = named.Count(n => n.New);
        var isNew = all.Select((n, k) => k < named.Count ? n.New : k - named.Count < newTarget - namedNew).ToList();

        var totals = Distribute(random, all.Select(n => n.TotalYi is { } yi ? yi * 10_000m : (decimal?)null).ToList(), place.TotalWan, 8_000m, 300_000m);
        var ratios = all.Select((_, k) => isNew[k] ? 0.25 + random.NextDouble() * 0.25 : 0.35 + random.NextDouble() * 0.3).ToList();
        var plans = place.PlanWan is { } planTarget
            ? Scale(totals.Select((t, k) => t * (decimal)ratios[k]).ToList(), planTarget)
            : totals.Select((t, k) => Math.Round(t * (decimal)ratios[k], 0)).ToList();

        return all.Select((n, k) => new Line(n.Name, n.Unit, totals[k], Math.Min(plans[k], totals[k]), n.Sector, isNew[k], n.Content,
            n.TotalYi is null ? (isNew[k] ? (k % 3 == 0 ? ProjectStage.Procedures : ProjectStage.UnderConstruction) : ProjectStage.UnderConstruction) : n.Stage)).ToList();
    }

    /// <summary>
    /// The live year's plan of a project still under construction: its 2023 plan scaled by a factor drawn from its code
    /// (not from the history's random numbers, which stay as they were), at most what is left of its total; its planned
    /// completion moved past the live year.
    /// </summary>
    private ProjectDraft WithLivePlan(ProjectDraft draft, Line line)
    {
        if (LiveYear(Infrastructure.Display.Today(clock), reporting.Value.Schedule) is not { } live
            || line.Stage is < ProjectStage.Started or >= ProjectStage.Completed) return draft;
        var random = new Random(StableHash(draft.Code) ^ Year);
        var plan = Math.Min(decimal.Round(line.Plan * (0.7m + (decimal)random.NextDouble() * 0.5m), 0), decimal.Round(line.Total * 0.45m, 0));
        var completion = new DateOnly(live + 1, 1 + random.Next(12), 1).AddMonths(1).AddDays(-1);
        return draft with
        {
            YearPlans = [.. draft.YearPlans, new YearPlanDraft(live, plan, ConstructionKind.Continuing)],
            PlannedCompletion = draft.PlannedCompletion is { } planned && planned > completion ? planned : completion,
        };
    }

    /// <summary>A hash of a text that is the same in every process (string.GetHashCode is not).</summary>
    private static int StableHash(string text)
    {
        var h = 17;
        foreach (var c in text) h = unchecked(h * 31 + c);
        return h & 0x7fffffff;
    }

    private static string ChinesePhase(int n) => n switch { 2 => "二", 3 => "三", 4 => "四", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>Amounts in whole 万元: the fixed ones kept, the others drawn and scaled so that all add up to the target.</summary>
    private static List<decimal> Distribute(Random random, List<decimal?> fixedAmounts, decimal? target, decimal min, decimal max)
    {
        var drawn = fixedAmounts.Select(f => f ?? Math.Round(min + (decimal)Math.Pow(random.NextDouble(), 2.2) * (max - min), 0)).ToList();
        if (target is not { } t) return drawn;
        var free = fixedAmounts.Select((f, k) => (f, k)).Where(x => x.f is null).Select(x => x.k).ToList();
        var fixedSum = fixedAmounts.Sum(f => f ?? 0);
        var scaled = Scale(free.Select(k => drawn[k]).ToList(), t - fixedSum);
        for (var j = 0; j < free.Count; j++) drawn[free[j]] = scaled[j];
        return drawn;
    }

    /// <summary>Scales amounts to whole 万元 that sum exactly to the target; the largest absorbs the rounding.</summary>
    private static List<decimal> Scale(List<decimal> amounts, decimal target)
    {
        var sum = amounts.Sum();
        var result = amounts.Select(a => Math.Round(a * target / sum, 0, MidpointRounding.AwayFromZero)).ToList();
        var largest = result.IndexOf(result.Max());
        result[largest] += target - result.Sum();
        return result;
    }

    private static ProjectDraft Draft(DemoCatalog.Place place, Organisation region, Line line, List<string> departments, Random random, int serial)
    {
        var startMonth = line.New ? 2 + random.Next(7) : 3 + random.Next(9);
        var plannedStart = line.New ? new DateOnly(Year, startMonth, 1) : new DateOnly(Year - 1 - random.Next(2), startMonth, 1);
        var plannedCompletion = plannedStart.AddMonths(line.Stage >= ProjectStage.Completed ? 4 + random.Next(6) : 14 + random.Next(18)).AddDays(-1);
        var started = line.Stage >= ProjectStage.Started;
        var actualStart = started ? plannedStart.AddMonths(random.Next(2)).AddDays(random.Next(20)) : (DateOnly?)null;
        var actualCompletion = line.Stage >= ProjectStage.Completed ? actualStart!.Value.AddMonths(4 + random.Next(4)) : (DateOnly?)null;
        var government = line.Sector is Sector.Infrastructure or Sector.SocialUndertakings or Sector.Urbanisation;
        var name = () => DemoCatalog.Surnames[random.Next(DemoCatalog.Surnames.Length)] + DemoCatalog.GivenNames[random.Next(DemoCatalog.GivenNames.Length)];
        var phone = () => "13" + random.Next(5, 10).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var lists = new List<ListMembershipDraft>();
        if (random.NextDouble() < 0.3)
            lists.Add(new ListMembershipDraft(ProjectList.ThreeBatches, 5 + random.Next(3),
                line.Stage >= ProjectStage.InProduction ? ThreeBatchesBatch.Producing : started ? ThreeBatchesBatch.Starting : ThreeBatchesBatch.Signing));
        if (place.Org == "荥阳市" && random.NextDouble() < 0.6) lists.Add(new ListMembershipDraft(ProjectList.Shortfall982));
        if (government && random.NextDouble() < 0.6) lists.Add(new ListMembershipDraft(ProjectList.SpecialBond));
        if (government && random.NextDouble() < 0.4) lists.Add(new ListMembershipDraft(ProjectList.CentralBudget));
        if (!government && random.NextDouble() < 0.2) lists.Add(new ListMembershipDraft(ProjectList.FourGuarantees, Scope: random.NextDouble() < 0.5 ? ListScope.Provincial : ListScope.City));

        var division = region.DivisionCode ?? "410900";
        var yymm = line.New ? $"23{startMonth:00}" : $"{plannedStart.Year % 100:00}{Math.Max(1, startMonth - 2):00}";
        return new ProjectDraft
        {
            Code = $"{yymm}-{division}-{SectorCode(line.Sector)}-{(line.New ? "01" : "02")}-{serial:000000}",
            Name = line.Name,
            Content = line.Content,
            Location = $"{place.Township}",
            OrgId = region.Id,
            UnitName = line.Unit,
            ResponsibleUnit = departments[government ? 2 : (serial % 5 == 0 ? 1 : 0)],
            Levels = random.NextDouble() < 0.3 ? ProjectLevel.Provincial | ProjectLevel.City : ProjectLevel.City,
            InvestmentKind = government ? InvestmentKind.Government : InvestmentKind.Enterprise,
            ManagementCategory = government ? ManagementCategory.FinancedConstruction
                : random.NextDouble() < 0.85 ? ManagementCategory.InvestmentAttraction : ManagementCategory.PrivateCapitalPartnership,
            Sector = line.Sector,
            Stage = line.Stage,
            TotalInvestment = line.Total,
            YearPlans = [new YearPlanDraft(Year, line.Plan, line.New ? ConstructionKind.New : ConstructionKind.Continuing)],
            PlannedStart = plannedStart,
            PlannedCompletion = plannedCompletion,
            ActualStart = actualStart,
            ActualCompletion = actualCompletion,
            StatisticsEntry = started && random.NextDouble() < 0.7 ? actualStart!.Value.AddMonths(1) : null,
            Lists = lists,
            Team =
            [
                new TeamMemberDraft(TeamRole.Leader, DemoVisits.LeaderOf(place.Org, serial, name()), DemoCatalog.LeaderTitles[random.Next(DemoCatalog.LeaderTitles.Length)]),
                new TeamMemberDraft(TeamRole.ChiefServiceOfficer, name(), null, phone()),
                new TeamMemberDraft(TeamRole.ApprovalHelper, name(), null, phone()),
                new TeamMemberDraft(TeamRole.SiteMonitor, name(), null, phone()),
                new TeamMemberDraft(TeamRole.UnitHead, name(), "总经理", phone()),
            ],
            ContactName = name(),
            ContactPhone = phone(),
        };
    }

    private static string SectorCode(Sector s) => s switch
    {
        Sector.Industry or Sector.AdvancedManufacturing => "26",
        Sector.Energy => "44",
        Sector.Infrastructure or Sector.Urbanisation => "48",
        Sector.SocialUndertakings => "83",
        Sector.Agriculture => "01",
        Sector.ModernServices => "59",
        _ => "99",
    };

    private async Task SeedUsersAsync(CancellationToken ct)
    {
        foreach (var (userName, displayName, role, orgName, title) in Users)
        {
            var org = await db.Organisations.SingleAsync(o => o.Name == orgName, ct);
            var user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName,
                Role = role,
                ServiceTitle = title,
                OrgId = org.Id,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded) throw new InvalidOperationException($"Demo user {userName}: {string.Join(" ", result.Errors.Select(e => e.Code))}");
        }
    }
}
