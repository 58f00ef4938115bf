namespace KeyProjects.Domain.Problems;

/// <summary>问题类别.</summary>
public enum ProblemCategory
{
    /// <summary>手续审批</summary>
    Approvals = 1,
    /// <summary>用地</summary>
    Land = 2,
    /// <summary>资金</summary>
    Funding = 3,
    /// <summary>用工</summary>
    Labour = 4,
    /// <summary>水电气路网</summary>
    Utilities = 5,
    /// <summary>环评</summary>
    Environment = 6,
    /// <summary>拆迁</summary>
    Demolition = 7,
    /// <summary>其他</summary>
    Other = 8,
}

/// <summary>问题来源.</summary>
public enum ProblemSource
{
    /// <summary>项目单位</summary>
    ProjectUnit = 1,
    /// <summary>服务专员</summary>
    ServiceOfficer = 2,
    /// <summary>督查</summary>
    Inspection = 3,
    /// <summary>调度会</summary>
    Meeting = 4,
    /// <summary>分包领导</summary>
    Leader = 5,
}

/// <summary>问题状态.</summary>
public enum ProblemStatus
{
    /// <summary>待受理: raised (or reassigned), the department has not taken it up.</summary>
    Pending = 1,
    /// <summary>办理中</summary>
    InProgress = 2,
    /// <summary>已办结待核实: the department answered; the raiser or a service officer verifies.</summary>
    Answered = 3,
    /// <summary>已销号</summary>
    Closed = 4,
    /// <summary>退回: the department sent it back (not its business); a dispatcher reassigns it.</summary>
    Returned = 5,
}

/// <summary>A step in a problem's history.</summary>
public enum ProblemAction
{
    Raised = 1,
    Assigned = 2,
    Accepted = 3,
    Answered = 4,
    Verified = 5,
    Rejected = 6,
    Reopened = 7,
    SentBack = 8,
    Escalated = 9,
    AutoEscalated = 10,
    ReferredToMeeting = 11,
    Commented = 12,
}
