using KeyProjects.Domain.Projects;

namespace KeyProjects.Dataset;

/// <summary>A generated project and the unit whose list it is on; the host puts the unit's id into <see cref="ProjectDraft.OrgId"/>.</summary>
public sealed record GeneratedProject(ProjectDraft Draft, UnitSpec Unit);

/// <summary>
/// The province-scale registry: by default 20,000 projects over the 200 units of <see cref="ProvinceUnits"/>, with
/// 2023 and 2024 plans, stages and dates that agree with each other, levels, programme lists and the 五个一 team.
/// Deterministic: the same seed gives the same projects, in the same order, on every machine. Every draft passes
/// <see cref="ProjectRules.Validate"/> as of <see cref="AsOf"/> (and any later day).
/// </summary>
public static class ProvinceProjects
{
    public const int DefaultCount = 20_000;
    public const int DefaultSeed = 2023;
    public static readonly DateOnly AsOf = new(2024, 12, 31);

    private static readonly (Sector Sector, double Weight)[] Sectors =
    [
        (Sector.Industry, 18), (Sector.AdvancedManufacturing, 16), (Sector.Infrastructure, 18), (Sector.SocialUndertakings, 12),
        (Sector.ModernServices, 10), (Sector.Agriculture, 8), (Sector.Ecology, 6), (Sector.Energy, 6), (Sector.Urbanisation, 5), (Sector.Other, 1),
    ];

    private static readonly (ProjectStage Stage, double Weight)[] Stages =
    [
        (ProjectStage.Planning, 2), (ProjectStage.Reserve, 2), (ProjectStage.Signed, 4), (ProjectStage.Landed, 4), (ProjectStage.Procedures, 15),
        (ProjectStage.Started, 10), (ProjectStage.UnderConstruction, 45), (ProjectStage.Completed, 10), (ProjectStage.InProduction, 5), (ProjectStage.Effective, 3),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"];
    private static readonly string[] Given = ["建华", "卫东", "海涛", "振华", "春燕", "立新", "国栋", "晓光", "建国", "志强", "秀英", "丽娟", "红梅", "伟", "磊", "静", "军", "洋", "敏", "勇", "杰", "涛", "明", "超", "霞", "平", "刚", "桂英", "玉兰", "文博"];
    private static readonly string[] LeaderTitles = ["副市长", "副县长", "常务副县长", "副区长", "县委常委", "管委会主任"];
    private static readonly string[] Departments = ["发改委", "工信局", "住建局", "交通运输局", "自然资源局", "生态环境局", "农业农村局", "商务局", "教育局", "卫健委"];
    private static readonly string[] Towns = ["城关镇", "产业集聚区", "高新技术产业园", "经济技术开发区", "商务中心区", "南部新区", "东城街道", "西城街道", "北城街道", "现代农业示范园"];

    public static IEnumerable<GeneratedProject> Generate(int count = DefaultCount, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var units = ProvinceUnits.All;
        var cumulative = new double[units.Count];
        var sum = 0.0;
        for (var i = 0; i < units.Count; i++) cumulative[i] = sum += units[i].Weight;

        for (var i = 0; i < count; i++)
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            var unit = units[at < 0 ? ~at : at];
            yield return new GeneratedProject(Draft(random, unit, i), unit);
        }
    }

    private static ProjectDraft Draft(Random r, UnitSpec unit, int index)
    {
        var sector = Pick(r, Sectors);
        var stage = Pick(r, Stages);
        var (name, content, product) = NameOf(r, unit, sector);

        var plannedStart = new DateOnly(2021, 1, 1).AddMonths(r.Next(48)).AddDays(r.Next(28));
        var plannedCompletion = plannedStart.AddMonths(12 + r.Next(37)).AddDays(-1);
        DateOnly? actualStart = null, actualCompletion = null, statistics = null;
        if (stage >= ProjectStage.Started)
        {
            var start = plannedStart.AddDays(r.Next(90));
            if (start > AsOf) stage = ProjectStage.Procedures;
            else actualStart = start;
        }
        if (stage >= ProjectStage.Completed && actualStart is { } s)
        {
            var earliest = s.AddDays(180);
            if (earliest > AsOf) stage = ProjectStage.UnderConstruction;
            else actualCompletion = earliest.AddDays(r.Next(AsOf.DayNumber - earliest.DayNumber + 1));
        }
        if (actualStart is { } started && r.NextDouble() < 0.6)
        {
            var entry = started.AddDays(30 + r.Next(90));
            statistics = entry > AsOf ? AsOf : entry;
        }

        // 1,000 万元 to about 500,000 万元 (50 亿), most of them small, as on a county's list.
        var total = Math.Round((decimal)Math.Pow(10, 3 + r.NextDouble() * r.NextDouble() * 2.7), r.NextDouble() < 0.3 ? 2 : 0);
        var plans = new List<YearPlanDraft>();
        foreach (var year in new[] { 2023, 2024 })
        {
            if (plannedStart.Year > year || plannedCompletion.Year < year || r.NextDouble() < 0.1) continue;
            var share = (decimal)(0.15 + r.NextDouble() * 0.35);
            plans.Add(new YearPlanDraft(year, Math.Min(total, Math.Round(total * share, 0)), null));
        }
        if (plans.Count == 0) plans.Add(new YearPlanDraft(2024, Math.Min(total, Math.Round(total * 0.2m, 0)), null));
        // 2025 is the year the submit scenario reports (issue 3): a month is reported against its year's plan (issue 13
        // refuses a report without one), so every project has one, a fifth of its total as for projects without others.
        plans.Add(new YearPlanDraft(2025, Math.Min(total, Math.Round(total * 0.2m, 0)), null));

        var levels = r.NextDouble() switch
        {
            < 0.06 => ProjectLevel.Provincial | ProjectLevel.City,
            < 0.10 => ProjectLevel.Provincial,
            < 0.40 => ProjectLevel.City,
            < 0.45 => ProjectLevel.City | ProjectLevel.County,
            _ => ProjectLevel.County,
        };
        var government = sector is Sector.Infrastructure or Sector.SocialUndertakings or Sector.Ecology or Sector.Urbanisation;
        var unitName = government ? $"{unit.Short}城市建设投资有限公司" : $"{unit.Short}{product}{(index % 3 == 0 ? "科技" : "实业")}有限公司";

        return new ProjectDraft
        {
            Code = CodeOf(r, unit, sector, plannedStart, index),
            Name = name,
            Content = content,
            Location = unit.Name + Towns[r.Next(Towns.Length)],
            UnitName = unitName,
            ResponsibleUnit = unit.Name + Departments[r.Next(Departments.Length)],
            Levels = levels,
            InvestmentKind = government ? InvestmentKind.Government : InvestmentKind.Enterprise,
            ManagementCategory = r.NextDouble() < 0.5 ? null : (ManagementCategory)(1 + r.Next(3)),
            Sector = sector,
            Stage = stage,
            TotalInvestment = total,
            YearPlans = plans,
            PlannedStart = plannedStart,
            PlannedCompletion = plannedCompletion,
            ActualStart = actualStart,
            ActualCompletion = actualCompletion,
            StatisticsEntry = statistics,
            Lists = ListsOf(r, stage),
            Team = TeamOf(r),
            ContactName = Person(r),
            ContactPhone = "13" + r.Next(100_000_000, 999_999_999).ToString(),
            Remarks = r.NextDouble() < 0.1 ? "要素保障问题已协调解决" : null,
        };
    }

    /// <summary>The national investment-project code: YYMM-区划-行业-类型-流水号, the serial unique in the set.</summary>
    private static string CodeOf(Random r, UnitSpec unit, Sector sector, DateOnly plannedStart, int index) =>
        $"{plannedStart.AddMonths(-6 - r.Next(12)):yyMM}-{unit.DivisionCode}-{(int)sector % 100:00}-{1 + r.Next(3):00}-{100_000 + index:000000}";

    private static (string Name, string Content, string Product) NameOf(Random r, UnitSpec unit, Sector sector)
    {
        var s = unit.Short;
        string One(params string[] options) => options[r.Next(options.Length)];
        var n = 1 + r.Next(60);
        switch (sector)
        {
            case Sector.Industry:
                var product = One("新型建材", "绿色涂料", "精细化工", "食品加工", "纺织服装", "铝精深加工", "钢结构");
                return ($"{s}年产{n}万吨{product}项目", $"新建{product}生产线{1 + n % 6}条及厂房、仓库等配套设施，总建筑面积{n * 1000 + 5000}平方米", product);
            case Sector.AdvancedManufacturing:
                var industry = One("新能源汽车零部件", "高端装备", "电子信息", "生物医药", "新材料", "智能家居", "光电显示");
                return ($"{s}{industry}智能制造产业园项目", $"建设{industry}智能化生产车间、研发中心及配套设施，形成年产值{n * 2}亿元的生产能力", industry);
            case Sector.Infrastructure:
                var works = One($"国道{200 + n}线", $"省道{200 + n}线", "城区供水管网", "污水处理厂", "综合管廊", "城市快速路", "220千伏变电站");
                return ($"{s}{works}改扩建工程", $"改扩建{works}约{n}公里及附属设施", "建设");
            case Sector.SocialUndertakings:
                var facility = One("人民医院新院区", $"第{1 + n % 9}高级中学", "职业教育园区", "养老服务中心", "全民健身中心", "妇幼保健院");
                return ($"{s}{facility}建设项目", $"新建{facility}，总建筑面积{n * 2000}平方米，设置床位或学位{n * 20}个", "社会事业");
            case Sector.ModernServices:
                var service = One("现代物流园", "冷链物流中心", "电商产业园", "文旅综合体", "商贸城", "数据中心");
                return ($"{s}{service}项目", $"建设{service}主体及仓储、交易、展示等配套设施，占地{n * 10}亩", "物流");
            case Sector.Agriculture:
                return ($"{s}{n}万亩高标准农田建设项目", $"建设高标准农田{n}万亩，配套灌溉、道路、林网等设施", "农业");
            case Sector.Ecology:
                var river = One("黄河滩区", "卫河", "沙颍河", "淮河", "伊洛河", "贾鲁河");
                return ($"{s}{river}生态治理项目", $"治理{river}河道{n}公里，建设生态护岸、湿地公园及配套设施", "生态");
            case Sector.Energy:
                var plant = One($"{n * 10}兆瓦风电", $"{n * 10}兆瓦光伏发电", "抽水蓄能电站", "天然气管网");
                return ($"{s}{plant}项目", $"建设{plant}工程及升压站、集电线路等配套设施", "新能源");
            case Sector.Urbanisation:
                var renewal = One("老旧小区改造", $"城中村改造{1 + n % 4}期", "保障性租赁住房");
                return ($"{s}{renewal}项目", $"实施{renewal}，涉及{n * 100}户，改造面积{n}万平方米", "城建");
            default:
                return ($"{s}综合服务中心项目", "建设综合服务中心及配套设施", "综合");
        }
    }

    private static List<ListMembershipDraft> ListsOf(Random r, ProjectStage stage)
    {
        var lists = new List<ListMembershipDraft>();
        if (r.NextDouble() < 0.15)
        {
            var batch = stage switch
            {
                >= ProjectStage.InProduction => ThreeBatchesBatch.Producing,
                >= ProjectStage.Started => ThreeBatchesBatch.Starting,
                _ => ThreeBatchesBatch.Signing,
            };
            lists.Add(new ListMembershipDraft(ProjectList.ThreeBatches, 1 + r.Next(12), batch));
        }
        if (r.NextDouble() < 0.05) lists.Add(new ListMembershipDraft(ProjectList.Shortfall982));
        if (r.NextDouble() < 0.10) lists.Add(new ListMembershipDraft(ProjectList.SpecialBond));
        if (r.NextDouble() < 0.05) lists.Add(new ListMembershipDraft(ProjectList.CentralBudget));
        if (r.NextDouble() < 0.03) lists.Add(new ListMembershipDraft(ProjectList.FourGuarantees, Scope: r.Next(2) == 0 ? ListScope.Provincial : ListScope.City));
        return lists;
    }

    private static List<TeamMemberDraft> TeamOf(Random r)
    {
        var team = new List<TeamMemberDraft>();
        var leader = Person(r);
        team.Add(new TeamMemberDraft(TeamRole.Leader, leader, LeaderTitles[r.Next(LeaderTitles.Length)]));
        if (r.NextDouble() < 0.3 && Person(r) is var second && second != leader) team.Add(new TeamMemberDraft(TeamRole.Leader, second));
        team.Add(new TeamMemberDraft(TeamRole.ChiefServiceOfficer, Person(r)));
        if (r.NextDouble() < 0.6) team.Add(new TeamMemberDraft(TeamRole.ApprovalHelper, Person(r)));
        if (r.NextDouble() < 0.6) team.Add(new TeamMemberDraft(TeamRole.SiteMonitor, Person(r)));
        team.Add(new TeamMemberDraft(TeamRole.UnitHead, Person(r)));
        return team;
    }

    private static string Person(Random r) => Surnames[r.Next(Surnames.Length)] + Given[r.Next(Given.Length)];

    private static T Pick<T>(Random r, (T Value, double Weight)[] options)
    {
        var x = r.NextDouble() * options.Sum(o => o.Weight);
        foreach (var (value, weight) in options)
            if ((x -= weight) < 0) return value;
        return options[^1].Value;
    }
}
