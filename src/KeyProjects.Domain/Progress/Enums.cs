namespace KeyProjects.Domain.Progress;

/// <summary>填报 → 报送 → 审核通过 or 退回 → 锁定 when the period closes.</summary>
public enum ReportStatus
{
    /// <summary>填报</summary>
    Draft = 1,
    /// <summary>报送</summary>
    Submitted = 2,
    /// <summary>审核通过</summary>
    Approved = 3,
    /// <summary>退回</summary>
    Returned = 4,
    /// <summary>锁定</summary>
    Locked = 5,
}

/// <summary>开复工 status of a project in the month.</summary>
public enum StartStatus
{
    /// <summary>未开工</summary>
    NotStarted = 1,
    /// <summary>已开工 (在建)</summary>
    Started = 2,
    /// <summary>停工 (with a reason code)</summary>
    Stopped = 3,
    /// <summary>复工</summary>
    Resumed = 4,
}

/// <summary>Why a site stopped: coded, so that bulletins can count causes.</summary>
public enum StopReason
{
    /// <summary>资金不到位</summary>
    Funds = 1,
    /// <summary>用地、拆迁</summary>
    Land = 2,
    /// <summary>手续未办结</summary>
    Approvals = 3,
    /// <summary>环保管控</summary>
    Environment = 4,
    /// <summary>季节、天气</summary>
    Season = 5,
    /// <summary>疫情防控</summary>
    Epidemic = 6,
    /// <summary>设计变更</summary>
    DesignChange = 7,
    /// <summary>其他</summary>
    Other = 99,
}

/// <summary>Where money in place comes from.</summary>
public enum FundSource
{
    /// <summary>中央</summary>
    Central = 1,
    /// <summary>省</summary>
    Provincial = 2,
    /// <summary>市县本级</summary>
    Local = 3,
    /// <summary>银行贷款</summary>
    BankLoan = 4,
    /// <summary>企业自筹</summary>
    SelfRaised = 5,
    /// <summary>其他</summary>
    Other = 6,
}

/// <summary>How 序时进度 (time progress) is measured; the articles never define it (FACTS.md §9.1).</summary>
public enum TimeConvention
{
    /// <summary>Elapsed months ÷ 12 (the default: it is the only one that fits 荥阳's 982 figure).</summary>
    Months = 1,
    /// <summary>Elapsed days ÷ days in the year.</summary>
    Days = 2,
    /// <summary>The projects' own monthly plans (按月排进度), cumulated, ÷ the annual plan.</summary>
    Plan = 3,
}

/// <summary>A figure that passes the rules but looks wrong: listed for the reviewer, not refused.</summary>
public enum IntegrityFlag
{
    /// <summary>The month is several times the project's usual pace.</summary>
    UnusualPace = 1,
    /// <summary>Money in place is far below the work done.</summary>
    FundsFarBelowWork = 2,
    /// <summary>No investment for months while under construction.</summary>
    Stalled = 3,
}
