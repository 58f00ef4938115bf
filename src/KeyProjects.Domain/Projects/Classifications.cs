namespace KeyProjects.Domain.Projects;

/// <summary>Which key-project lists a project is on; a project can be on several at once (省重点 and 市重点).</summary>
[Flags]
public enum ProjectLevel
{
    None = 0,
    /// <summary>省重点</summary>
    Provincial = 1,
    /// <summary>市重点</summary>
    City = 2,
    /// <summary>县重点</summary>
    County = 4,
}

/// <summary>新建 / 续建: whether construction starts in the plan year or carries over. Belongs to a project-year.</summary>
public enum ConstructionKind
{
    New = 1,
    Continuing = 2,
}

/// <summary>政府投资类 / 企业投资类: drives which approval flow applies.</summary>
public enum InvestmentKind
{
    Government = 1,
    Enterprise = 2,
}

/// <summary>邓州's three categories of the dynamic major-project list.</summary>
public enum ManagementCategory
{
    /// <summary>招商引资</summary>
    InvestmentAttraction = 1,
    /// <summary>融资建设</summary>
    FinancedConstruction = 2,
    /// <summary>社会资本合作</summary>
    PrivateCapitalPartnership = 3,
}

public enum Sector
{
    /// <summary>工业</summary>
    Industry = 1,
    /// <summary>先进制造业</summary>
    AdvancedManufacturing = 2,
    /// <summary>基础设施</summary>
    Infrastructure = 3,
    /// <summary>社会事业</summary>
    SocialUndertakings = 4,
    /// <summary>现代服务业</summary>
    ModernServices = 5,
    /// <summary>农业农村</summary>
    Agriculture = 6,
    /// <summary>生态环保</summary>
    Ecology = 7,
    /// <summary>能源</summary>
    Energy = 8,
    /// <summary>新型城镇化</summary>
    Urbanisation = 9,
    /// <summary>其他</summary>
    Other = 99,
}

/// <summary>The lifecycle (WORKFLOWS.md §3.1). 统计入库 is a date of its own, not a stage; 调出 belongs to the 三个一批 membership.</summary>
public enum ProjectStage
{
    /// <summary>谋划</summary>
    Planning = 1,
    /// <summary>储备</summary>
    Reserve = 2,
    /// <summary>签约</summary>
    Signed = 3,
    /// <summary>落地</summary>
    Landed = 4,
    /// <summary>手续办理</summary>
    Procedures = 5,
    /// <summary>开工</summary>
    Started = 6,
    /// <summary>在建 (推进建设)</summary>
    UnderConstruction = 7,
    /// <summary>竣工</summary>
    Completed = 8,
    /// <summary>投产</summary>
    InProduction = 9,
    /// <summary>达效 (达产达效)</summary>
    Effective = 10,
}

/// <summary>Programme lists a project can belong to besides its level.</summary>
public enum ProjectList
{
    /// <summary>三个一批 (with a period and a batch)</summary>
    ThreeBatches = 1,
    /// <summary>补短板"982"工程</summary>
    Shortfall982 = 2,
    /// <summary>地方政府专项债</summary>
    SpecialBond = 3,
    /// <summary>中央预算内投资</summary>
    CentralBudget = 4,
    /// <summary>"四保"白名单</summary>
    FourGuarantees = 5,
}

/// <summary>The batch of a 三个一批 period.</summary>
public enum ThreeBatchesBatch
{
    /// <summary>签约一批</summary>
    Signing = 1,
    /// <summary>开工一批</summary>
    Starting = 2,
    /// <summary>投产一批</summary>
    Producing = 3,
}

/// <summary>Whose whitelist (四保 白名单 exists at province and city level).</summary>
public enum ListScope
{
    Provincial = 1,
    City = 2,
}

/// <summary>The 五个一 responsibility team.</summary>
public enum TeamRole
{
    /// <summary>分包领导 (包保责任领导)</summary>
    Leader = 1,
    /// <summary>首席服务官</summary>
    ChiefServiceOfficer = 2,
    /// <summary>政务服务帮办人</summary>
    ApprovalHelper = 3,
    /// <summary>现场盯办人</summary>
    SiteMonitor = 4,
    /// <summary>项目单位负责人</summary>
    UnitHead = 5,
}
