namespace KeyProjects.Domain.Progress;

/// <summary>Money in place by source, 万元.</summary>
public sealed record Funds(decimal Central = 0, decimal Provincial = 0, decimal Local = 0, decimal BankLoan = 0, decimal SelfRaised = 0, decimal Other = 0)
{
    public static readonly Funds None = new();

    public decimal Total => Central + Provincial + Local + BankLoan + SelfRaised + Other;

    public decimal this[FundSource source] => source switch
    {
        FundSource.Central => Central,
        FundSource.Provincial => Provincial,
        FundSource.Local => Local,
        FundSource.BankLoan => BankLoan,
        FundSource.SelfRaised => SelfRaised,
        _ => Other,
    };

    public Funds Plus(Funds other) => new(Central + other.Central, Provincial + other.Provincial, Local + other.Local,
        BankLoan + other.BankLoan, SelfRaised + other.SelfRaised, Other + other.Other);

    public IEnumerable<(FundSource Source, decimal Amount)> BySource() =>
        Enum.GetValues<FundSource>().Select(s => (s, this[s]));
}

/// <summary>
/// A project's month as reported and completed by the rules: all three investment figures, money in place for the month
/// and since the start, the site's state, its workforce and its visible progress (形象进度). 万元 throughout.
/// </summary>
public sealed record ReportFigures
{
    /// <summary>当月完成投资</summary>
    public decimal MonthCompleted { get; init; }
    /// <summary>年初至报告期累计完成投资</summary>
    public decimal YtdCompleted { get; init; }
    /// <summary>开工至报告期累计完成投资</summary>
    public decimal SinceStartCompleted { get; init; }
    /// <summary>当月到位资金</summary>
    public Funds FundsMonth { get; init; } = Funds.None;
    /// <summary>累计到位资金 (since the start)</summary>
    public Funds FundsCumulative { get; init; } = Funds.None;
    /// <summary>年初至报告期到位资金</summary>
    public decimal FundsYtd { get; init; }
    public StartStatus StartStatus { get; init; } = StartStatus.NotStarted;
    public StopReason? StopReason { get; init; }
    /// <summary>施工人数</summary>
    public int? Workers { get; init; }
    /// <summary>主要形象进度</summary>
    public string? ImageProgress { get; init; }
    /// <summary>统计入库口径的年初至今投资, kept apart from the ledger figures (FACTS.md §4.3).</summary>
    public decimal? StatisticalYtd { get; init; }
}

/// <summary>
/// What a project unit enters for a month (or a loader brings from an old ledger). Any of the three investment figures
/// may be left out; the rules derive them from the month before. Funds are entered for the month.
/// </summary>
public sealed record ReportInput
{
    public decimal? MonthCompleted { get; init; }
    public decimal? YtdCompleted { get; init; }
    public decimal? SinceStartCompleted { get; init; }
    public Funds FundsMonth { get; init; } = Funds.None;
    public StartStatus StartStatus { get; init; } = StartStatus.Started;
    public StopReason? StopReason { get; init; }
    public int? Workers { get; init; }
    public string? ImageProgress { get; init; }
    public decimal? StatisticalYtd { get; init; }
}

/// <summary>The facts about a project a monthly report is checked against.</summary>
public sealed record ReportContext
{
    public required Period Period { get; init; }
    public required decimal TotalInvestment { get; init; }
    /// <summary>The latest known report of an earlier month (any year), if any.</summary>
    public ReportFigures? PreviousFigures { get; init; }
    public Period? PreviousPeriod { get; init; }
    /// <summary>The month completed figures of the months before, newest last, for the pace check.</summary>
    public IReadOnlyList<decimal> RecentMonths { get; init; } = [];
    public bool UnderConstruction { get; init; }
}
