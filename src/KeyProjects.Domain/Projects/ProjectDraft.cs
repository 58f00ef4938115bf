namespace KeyProjects.Domain.Projects;

/// <summary>
/// Everything a person or a file states about a project, before it is checked. The edit form, the API and the
/// Excel import all build one of these and hand it to <see cref="ProjectRules.Validate"/>; the field names of
/// errors are this record's property paths ("YearPlans[0].PlannedInvestment").
/// </summary>
public sealed record ProjectDraft
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>建设规模及内容</summary>
    public string? Content { get; init; }
    /// <summary>建设地点</summary>
    public string? Location { get; init; }
    /// <summary>The region whose list the project is on (county, district, zone, city …).</summary>
    public int OrgId { get; init; }
    /// <summary>项目单位</summary>
    public string? UnitName { get; init; }
    /// <summary>责任单位</summary>
    public string? ResponsibleUnit { get; init; }
    public ProjectLevel Levels { get; init; }
    public InvestmentKind? InvestmentKind { get; init; }
    public ManagementCategory? ManagementCategory { get; init; }
    public Sector? Sector { get; init; }
    public ProjectStage Stage { get; init; } = ProjectStage.Procedures;
    /// <summary>计划总投资, 万元.</summary>
    public decimal TotalInvestment { get; init; }
    public IReadOnlyList<YearPlanDraft> YearPlans { get; init; } = [];
    public DateOnly? PlannedStart { get; init; }
    public DateOnly? PlannedCompletion { get; init; }
    public DateOnly? ActualStart { get; init; }
    public DateOnly? ActualCompletion { get; init; }
    /// <summary>统计入库: the date the project entered the official investment statistics.</summary>
    public DateOnly? StatisticsEntry { get; init; }
    public IReadOnlyList<ListMembershipDraft> Lists { get; init; } = [];
    public IReadOnlyList<TeamMemberDraft> Team { get; init; } = [];
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? Remarks { get; init; }
}

/// <summary>年度计划投资 (万元) for one calendar year, and whether the project is 新建 or 续建 in that year.</summary>
public sealed record YearPlanDraft(int Year, decimal PlannedInvestment, ConstructionKind? Kind = null);

public sealed record ListMembershipDraft(ProjectList List, int? Period = null, ThreeBatchesBatch? Batch = null, ListScope? Scope = null, DateOnly? ExitedOn = null);

public sealed record TeamMemberDraft(TeamRole Role, string Name, string? Title = null, string? Phone = null);
