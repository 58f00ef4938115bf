using KeyProjects.Domain.Projects;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>Valid projects with sensible defaults; each test states only what it is about.</summary>
public static class Builders
{
    private static int _serial = 100000;

    public static string NextCode(string division = "410928") =>
        $"2301-{division}-26-01-{Interlocked.Increment(ref _serial):000000}";

    public static ProjectDraft Project(int orgId, string? code = null, string name = "测试项目", decimal total = 50_000m, decimal? plan2023 = 20_000m) => new()
    {
        Code = code ?? NextCode(),
        Name = name,
        OrgId = orgId,
        Levels = ProjectLevel.City,
        Stage = ProjectStage.Procedures,
        Sector = Sector.Industry,
        InvestmentKind = InvestmentKind.Enterprise,
        TotalInvestment = total,
        YearPlans = plan2023 is { } p ? [new YearPlanDraft(2023, p, ConstructionKind.New)] : [],
        PlannedStart = new DateOnly(2023, 3, 1),
        PlannedCompletion = new DateOnly(2024, 12, 31),
        Location = "濮阳县产业集聚区",
        UnitName = "测试项目单位有限公司",
        Team = [new TeamMemberDraft(TeamRole.Leader, "张振华", "副县长")],
    };
}
