using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Projects;

namespace KeyProjects.Web.Features.Reports;

/// <summary>Money in place by source (万元).</summary>
public sealed record FundsDto(decimal Central = 0, decimal Provincial = 0, decimal Local = 0, decimal BankLoan = 0, decimal SelfRaised = 0, decimal Other = 0)
{
    public Funds ToFunds() => new(Central, Provincial, Local, BankLoan, SelfRaised, Other);
    public static FundsDto From(Funds f) => new(f.Central, f.Provincial, f.Local, f.BankLoan, f.SelfRaised, f.Other);
}

/// <summary>
/// A month's report for POST /api/v1/reports. Give the month's figure, the year-to-date figure, or both; the since-start
/// figure is derived from the month before when left out. Funds are this month's. "submit": true submits at once.
/// An administrator loading history sets "history": true and optionally "knownFrom" (yyyy-MM-dd).
/// </summary>
public sealed record ReportRequest
{
    public string? ProjectCode { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    public decimal? MonthCompleted { get; init; }
    public decimal? YtdCompleted { get; init; }
    public decimal? SinceStartCompleted { get; init; }
    public FundsDto? FundsMonth { get; init; }
    public StartStatus? StartStatus { get; init; }
    public StopReason? StopReason { get; init; }
    public int? Workers { get; init; }
    public string? ImageProgress { get; init; }
    public decimal? StatisticalYtd { get; init; }
    /// <summary>The version read, when changing an existing report.</summary>
    public int? Version { get; init; }
    public bool Submit { get; init; }
    public bool History { get; init; }
    public DateOnly? KnownFrom { get; init; }

    public ReportInput ToInput() => new()
    {
        MonthCompleted = MonthCompleted,
        YtdCompleted = YtdCompleted,
        SinceStartCompleted = SinceStartCompleted,
        FundsMonth = FundsMonth?.ToFunds() ?? Funds.None,
        StartStatus = StartStatus ?? Domain.Progress.StartStatus.Started,
        StopReason = StopReason,
        Workers = Workers,
        ImageProgress = ImageProgress,
        StatisticalYtd = StatisticalYtd,
    };
}

public sealed record ReportActionRequest(int? Version, string? Reason);

public sealed record ReportDto(
    long Id,
    string ProjectCode,
    string ProjectName,
    int Year,
    int Month,
    ReportStatus Status,
    int Version,
    decimal MonthCompleted,
    decimal YtdCompleted,
    decimal SinceStartCompleted,
    decimal? AnnualPlan,
    decimal TotalInvestment,
    FundsDto FundsMonth,
    FundsDto FundsCumulative,
    decimal FundsYtd,
    StartStatus StartStatus,
    StopReason? StopReason,
    int? Workers,
    string? ImageProgress,
    decimal? StatisticalYtd,
    IReadOnlyList<IntegrityFlag> Flags,
    string? ReturnReason,
    string? SubmittedBy,
    DateTime? SubmittedAtUtc,
    string? ReviewedBy,
    DateTime? ReviewedAtUtc,
    bool IsLoaded,
    string? LoadedBy,
    DateTime? LoadedAtUtc)
{
    public static ReportDto From(MonthlyReport r, IndexedProject p)
    {
        var f = r.Figures;
        return new ReportDto(r.Id, p.Code, p.Name, r.Year, r.Month, r.Status, r.Version, r.MonthCompleted, r.YtdCompleted, r.SinceStartCompleted,
            p.PlanFor(r.Year)?.Plan, p.TotalInvestment, FundsDto.From(f.FundsMonth), FundsDto.From(f.FundsCumulative), r.FundsYtd, r.StartStatus,
            r.StopReason, r.Workers, r.ImageProgress, r.StatisticalYtd, r.FlagList, r.ReturnReason, r.SubmittedBy, r.SubmittedAtUtc, r.ReviewedBy,
            r.ReviewedAtUtc, r.IsLoaded, r.LoadedBy, r.LoadedAtUtc);
    }
}

/// <summary>A rate as printed (half-up at the metric's decimals) and exact.</summary>
public sealed record RateDto(decimal Value, decimal Exact, int Decimals)
{
    public static RateDto? From(Rate? r) => r is { } v ? new RateDto(v.Printed, decimal.Round(v.Exact, 6), v.Decimals) : null;
}

/// <summary>Every metric of a node (or a child unit) for a period, as of a date.</summary>
public sealed record MetricsDto(
    int OrgId,
    string OrgName,
    int Projects,
    int Reported,
    decimal AnnualPlan,
    decimal TotalInvestment,
    decimal YtdCompleted,
    decimal SinceStartCompleted,
    decimal FundsYtd,
    RateDto? CompletionRate,
    RateDto? SinceStartRate,
    RateDto? TimeProgress,
    RateDto? PointsAhead,
    bool TimeHalf,
    bool TaskHalf,
    bool DoubleHalf,
    int DueToStart,
    int Started,
    RateDto? StartRate,
    RateDto? FundsRate,
    int DueToComplete,
    int CompletedOnTime,
    RateDto? OnTimeCompletionRate,
    int Completed,
    RateDto? CompletionRateOfProjects,
    RateDto? Growth,
    decimal? StatisticalYtd,
    RateDto? PointsAboveParent)
{
    public static MetricsDto From(Features.Projects.IndexedOrg org, ProgressMetrics m, Rate? aboveParent = null) => new(
        org.Id, org.Name, m.Totals.Projects, m.Totals.Reported, m.AnnualPlan, m.TotalInvestment, m.YtdCompleted, m.SinceStartCompleted, m.FundsYtd,
        RateDto.From(m.CompletionRate), RateDto.From(m.SinceStartRate), RateDto.From(m.TimeProgress), RateDto.From(m.PointsAhead),
        m.TimeHalf, m.TaskHalf, m.DoubleHalf, m.Totals.DueToStart, m.Totals.Started, RateDto.From(m.StartRate), RateDto.From(m.FundsRate),
        m.Totals.DueToComplete, m.Totals.CompletedOnTime, RateDto.From(m.OnTimeCompletionRate), m.Totals.Completed,
        RateDto.From(m.CompletionRateOfProjects), RateDto.From(m.Growth), m.StatisticalYtd, RateDto.From(aboveParent));
}

public sealed record MetricsResponse(
    string Period,
    DateOnly AsOf,
    TimeConvention Convention,
    string Selection,
    int? MonthsEarlyForHalf,
    int Corrections,
    MetricsDto Metrics,
    IReadOnlyList<MetricsDto>? Children);

/// <summary>A photo added to a report (POST /api/v1/reports/{id}/photos).</summary>
public sealed record ReportPhotoDto(long Id, string ContentType, int Width, int Height, long SizeBytes, string Sha256);

public sealed record HistoryLoadedDto(int Loaded);

public sealed record PeriodClosedDto(int Locked);
