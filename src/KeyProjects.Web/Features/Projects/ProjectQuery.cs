using KeyProjects.Domain.Projects;

namespace KeyProjects.Web.Features.Projects;

public enum ProjectSort
{
    Code,
    Name,
    Org,
    TotalInvestment,
    AnnualPlan,
    PlannedStart,
    PlannedCompletion,
    Stage,
    Updated,
}

/// <summary>What the project list is asked for; the same filter drives the page, the API and the Excel export.</summary>
public sealed record ProjectFilter
{
    public int? OrgId { get; init; }
    public ProjectLevel? Level { get; init; }
    public ProjectList? List { get; init; }
    public ProjectStage? Stage { get; init; }
    public Sector? Sector { get; init; }
    /// <summary>The ledger year: only projects with a plan that year. Null with <see cref="AllYears"/> false means "the current list year".</summary>
    public int? Year { get; init; }
    /// <summary>Every registered project, whatever its plan years.</summary>
    public bool AllYears { get; init; }
    public ConstructionKind? Construction { get; init; }
    public InvestmentKind? Investment { get; init; }
    public string? Text { get; init; }
    public bool IncludeRetired { get; init; }
    public ProjectSort Sort { get; init; } = ProjectSort.Code;
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;
    /// <summary>The page size of "全部" on the list page (and its print): every selected project on one page.</summary>
    public const int AllRows = int.MaxValue;
}

/// <summary>One line of the project list.</summary>
public sealed record ProjectRow(
    string Code,
    string Name,
    int OrgId,
    string OrgName,
    string? Location,
    string? UnitName,
    string? ResponsibleUnit,
    ProjectLevel Levels,
    ProjectStage Stage,
    Sector? Sector,
    decimal TotalInvestment,
    decimal? AnnualPlan,
    ConstructionKind? Construction,
    DateOnly? PlannedStart,
    DateOnly? PlannedCompletion,
    bool IsRetired,
    IReadOnlyList<string> Leaders);

/// <summary>A page of the list with the 合计 of everything the filter selects, not only of the page.</summary>
public sealed record ProjectPage(
    IReadOnlyList<ProjectRow> Items,
    int Total,
    int Page,
    int PageSize,
    int PlanYear,
    decimal SumTotalInvestment,
    decimal SumAnnualPlan,
    int NewCount,
    int ContinuingCount)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
