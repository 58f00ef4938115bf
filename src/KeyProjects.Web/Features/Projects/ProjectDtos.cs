using KeyProjects.Domain.Projects;

namespace KeyProjects.Web.Features.Projects;

/// <summary>A project as the API returns it. Money in 万元; dates yyyy-MM-dd; enums by name.</summary>
public sealed record ProjectDto(
    string Code,
    string Name,
    string? Content,
    string? Location,
    int OrgId,
    string? OrgName,
    string? UnitName,
    string? ResponsibleUnit,
    IReadOnlyList<ProjectLevel> Levels,
    InvestmentKind? InvestmentKind,
    ManagementCategory? ManagementCategory,
    Sector? Sector,
    ProjectStage Stage,
    decimal TotalInvestment,
    IReadOnlyList<YearPlanDto> YearPlans,
    DateOnly? PlannedStart,
    DateOnly? PlannedCompletion,
    DateOnly? ActualStart,
    DateOnly? ActualCompletion,
    DateOnly? StatisticsEntry,
    IReadOnlyList<ListMembershipDto> Lists,
    IReadOnlyList<TeamMemberDto> Team,
    string? ContactName,
    string? ContactPhone,
    string? Remarks,
    bool IsRetired,
    string? RetiredReason,
    DateTime? RetiredAt,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static ProjectDto From(Project p) => new(
        p.Code, p.Name, p.Content, p.Location, p.OrgId, p.Org?.Name, p.UnitName, p.ResponsibleUnit,
        LevelsOf(p.Levels), p.InvestmentKind, p.ManagementCategory, p.Sector, p.Stage, p.TotalInvestment,
        p.YearPlans.OrderBy(y => y.Year).Select(y => new YearPlanDto(y.Year, y.PlannedInvestment, y.Kind)).ToList(),
        p.PlannedStart, p.PlannedCompletion, p.ActualStart, p.ActualCompletion, p.StatisticsEntry,
        p.Lists.OrderBy(l => l.List).Select(l => new ListMembershipDto(l.List, l.Period, l.Batch, l.Scope, l.ExitedOn)).ToList(),
        p.Team.OrderBy(t => t.Role).ThenBy(t => t.SortOrder).Select(t => new TeamMemberDto(t.Role, t.Name, t.Title, t.Phone)).ToList(),
        p.ContactName, p.ContactPhone, p.Remarks, p.IsRetired, p.RetiredReason, Utc(p.RetiredAtUtc), p.Version, Utc(p.CreatedAtUtc), Utc(p.UpdatedAtUtc));

    public static IReadOnlyList<ProjectLevel> LevelsOf(ProjectLevel levels) =>
        new[] { ProjectLevel.Provincial, ProjectLevel.City, ProjectLevel.County }.Where(l => levels.HasFlag(l)).ToList();

    private static DateTime Utc(DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Utc);
    private static DateTime? Utc(DateTime? d) => d is { } v ? Utc(v) : null;
}

public sealed record YearPlanDto(int Year, decimal PlannedInvestment, ConstructionKind? Kind);

public sealed record ListMembershipDto(ProjectList List, int? Period = null, ThreeBatchesBatch? Batch = null, ListScope? Scope = null, DateOnly? ExitedOn = null);

public sealed record TeamMemberDto(TeamRole Role, string Name, string? Title = null, string? Phone = null);

/// <summary>The body of POST and PUT /api/v1/projects. PUT must carry the version it read (or send If-Match).</summary>
public sealed record ProjectInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Content { get; init; }
    public string? Location { get; init; }
    public int OrgId { get; init; }
    public string? UnitName { get; init; }
    public string? ResponsibleUnit { get; init; }
    public IReadOnlyList<ProjectLevel>? Levels { get; init; }
    public InvestmentKind? InvestmentKind { get; init; }
    public ManagementCategory? ManagementCategory { get; init; }
    public Sector? Sector { get; init; }
    public ProjectStage? Stage { get; init; }
    public decimal TotalInvestment { get; init; }
    public IReadOnlyList<YearPlanDto>? YearPlans { get; init; }
    public DateOnly? PlannedStart { get; init; }
    public DateOnly? PlannedCompletion { get; init; }
    public DateOnly? ActualStart { get; init; }
    public DateOnly? ActualCompletion { get; init; }
    public DateOnly? StatisticsEntry { get; init; }
    public IReadOnlyList<ListMembershipDto>? Lists { get; init; }
    public IReadOnlyList<TeamMemberDto>? Team { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? Remarks { get; init; }
    public int? Version { get; init; }

    public ProjectDraft ToDraft(string? code = null) => new()
    {
        Code = code ?? Code ?? "",
        Name = Name ?? "",
        Content = Content,
        Location = Location,
        OrgId = OrgId,
        UnitName = UnitName,
        ResponsibleUnit = ResponsibleUnit,
        Levels = (Levels ?? []).Aggregate(ProjectLevel.None, (a, l) => a | l),
        InvestmentKind = InvestmentKind,
        ManagementCategory = ManagementCategory,
        Sector = Sector,
        Stage = Stage ?? ProjectStage.Procedures,
        TotalInvestment = TotalInvestment,
        YearPlans = (YearPlans ?? []).Select(y => new YearPlanDraft(y.Year, y.PlannedInvestment, y.Kind)).ToList(),
        PlannedStart = PlannedStart,
        PlannedCompletion = PlannedCompletion,
        ActualStart = ActualStart,
        ActualCompletion = ActualCompletion,
        StatisticsEntry = StatisticsEntry,
        Lists = (Lists ?? []).Select(l => new ListMembershipDraft(l.List, l.Period, l.Batch, l.Scope, l.ExitedOn)).ToList(),
        Team = (Team ?? []).Select(t => new TeamMemberDraft(t.Role, t.Name ?? "", t.Title, t.Phone)).ToList(),
        ContactName = ContactName,
        ContactPhone = ContactPhone,
        Remarks = Remarks,
    };
}

public sealed record ProjectListItemDto(
    string Code, string Name, int OrgId, string OrgName, IReadOnlyList<ProjectLevel> Levels, ProjectStage Stage, Sector? Sector,
    decimal TotalInvestment, decimal? AnnualPlan, ConstructionKind? Construction, DateOnly? PlannedStart, DateOnly? PlannedCompletion,
    string? UnitName, string? ResponsibleUnit, IReadOnlyList<string> Leaders, bool IsRetired);

public sealed record ProjectListDto(
    IReadOnlyList<ProjectListItemDto> Items, int Total, int Page, int PageSize, int PlanYear, decimal SumTotalInvestment, decimal SumAnnualPlan)
{
    public static ProjectListDto From(ProjectPage p) => new(
        p.Items.Select(r => new ProjectListItemDto(r.Code, r.Name, r.OrgId, r.OrgName, ProjectDto.LevelsOf(r.Levels), r.Stage, r.Sector,
            r.TotalInvestment, r.AnnualPlan, r.Construction, r.PlannedStart, r.PlannedCompletion, r.UnitName, r.ResponsibleUnit, r.Leaders, r.IsRetired)).ToList(),
        p.Total, p.Page, p.PageSize, p.PlanYear, p.SumTotalInvestment, p.SumAnnualPlan);
}

public sealed record RetireInput(string? Reason, int? Version);

public sealed record ImportResultDto(int Rows, int Created, int Updated, int Unchanged, int PlanYear, bool DryRun);

public sealed record ImportErrorDto(int Row, string? Column, string Message);
