namespace KeyProjects.Domain.Meetings;

/// <summary>A meeting is scheduled (its agenda is live) until it is held (its agenda is frozen with the minutes).</summary>
public enum MeetingStatus
{
    /// <summary>待召开</summary>
    Scheduled = 1,
    /// <summary>已召开</summary>
    Held = 2,
}

/// <summary>The state of a 交办事项: 办理中 → 已办结待核实 → 已销号, with rejection and reopening back to 办理中.</summary>
public enum MeetingTaskStatus
{
    /// <summary>办理中</summary>
    InProgress = 1,
    /// <summary>已办结待核实: the owner reported it done; the meeting's staff verify.</summary>
    Reported = 2,
    /// <summary>已销号</summary>
    Closed = 3,
}

public enum MeetingTaskAction
{
    /// <summary>The owner reports it done (with what was done).</summary>
    ReportDone = 1,
    /// <summary>The meeting's organisation verifies and closes it (销号).</summary>
    Verify = 2,
    /// <summary>The verifier sends the report back: still 办理中.</summary>
    Reject = 3,
    /// <summary>A closed task is reopened.</summary>
    Reopen = 4,
}

/// <summary>Which sections an agenda has, in the order the meeting takes them.</summary>
public enum AgendaSection
{
    /// <summary>慢于序时进度的项目</summary>
    BehindSchedule = 1,
    /// <summary>逾期未办结的问题</summary>
    OverdueProblems = 2,
    /// <summary>提交本级会议研究的问题</summary>
    EscalatedProblems = 3,
    /// <summary>重点剖析的慢项目</summary>
    DeepDive = 4,
}
