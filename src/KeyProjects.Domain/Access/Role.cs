namespace KeyProjects.Domain.Access;

/// <summary>What a user does in the system. The API spells the names in English; the UI shows 系统管理员, 发改委工作人员 …</summary>
public enum Role
{
    /// <summary>系统管理员</summary>
    Admin = 1,
    /// <summary>发改委 / 重点项目办工作人员</summary>
    Staff = 2,
    /// <summary>领导 (书记, 市长/县长, 分包领导)</summary>
    Leader = 3,
    /// <summary>服务专员: 首席服务官, 帮办人, 盯办人</summary>
    ServiceOfficer = 4,
    /// <summary>责任部门 / 责任单位</summary>
    Department = 5,
    /// <summary>项目单位</summary>
    ProjectUnit = 6,
    /// <summary>督查</summary>
    Inspector = 7,
    /// <summary>只读</summary>
    Viewer = 8,
}

/// <summary>The three kinds of 服务专员 (五个一 team members other than leader and unit head).</summary>
public enum ServiceTitle
{
    /// <summary>首席服务官 (濮阳: 首席服务员)</summary>
    ChiefServiceOfficer = 1,
    /// <summary>政务服务帮办人</summary>
    ApprovalHelper = 2,
    /// <summary>现场盯办人</summary>
    SiteMonitor = 3,
}
