namespace KeyProjects.Domain.Ledger;

/// <summary>The columns of the province's key-project ledger (重点项目台账), in the order the export writes them.</summary>
public enum LedgerColumn
{
    /// <summary>序号: written on export, ignored on import.</summary>
    Seq,
    Code,
    Name,
    Org,
    Location,
    Content,
    TotalInvestment,
    AnnualPlan,
    PlannedStart,
    PlannedCompletion,
    ResponsibleUnit,
    Leader,
    UnitName,
    Levels,
    ConstructionKind,
    InvestmentKind,
    ManagementCategory,
    Sector,
    Stage,
    Lists,
    ActualStart,
    ActualCompletion,
    StatisticsEntry,
    ChiefServiceOfficer,
    ApprovalHelper,
    SiteMonitor,
    UnitHead,
    ContactName,
    ContactPhone,
    Remarks,
}

/// <summary>How money is stated in a header ("计划总投资(亿元)") or a title row ("单位：万元").</summary>
public enum MoneyUnit
{
    Wan = 1,
    Yi = 2,
    Yuan = 3,
}
