using KeyProjects.Domain.Projects;

namespace KeyProjects.Domain.Tests.Projects;

/// <summary>A project that passes every rule, so that each test changes only the field it is about.</summary>
internal static class ProjectDrafts
{
    /// <summary>The "today" the rules are checked against: spring 2023, as in the 濮阳 seed article.</summary>
    public static readonly DateOnly Today = new(2023, 6, 30);

    public static ProjectDraft Valid() => new()
    {
        Code = "2301-410928-04-01-512345",
        Name = "濮阳县年产30万吨生物新能源项目",
        Content = "建设生物柴油生产线及配套设施",
        Location = "濮阳县产业集聚区",
        OrgId = 5,
        UnitName = "濮阳君恒生物科技有限公司",
        ResponsibleUnit = "县发改委",
        Levels = ProjectLevel.Provincial | ProjectLevel.City,
        InvestmentKind = InvestmentKind.Enterprise,
        Sector = Sector.Energy,
        Stage = ProjectStage.Procedures,
        TotalInvestment = 50_000m,
        YearPlans = [new YearPlanDraft(2023, 20_000m, ConstructionKind.New)],
        PlannedStart = new DateOnly(2023, 3, 1),
        PlannedCompletion = new DateOnly(2024, 12, 31),
        Lists = [new ListMembershipDraft(ProjectList.ThreeBatches, 7, ThreeBatchesBatch.Starting)],
        Team = [new TeamMemberDraft(TeamRole.Leader, "张三", "副县长", "0393-1234567")],
        ContactName = "李四",
        ContactPhone = "13812345678",
    };

    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static decimal Wan(string invariant) => decimal.Parse(invariant, System.Globalization.CultureInfo.InvariantCulture);
}
