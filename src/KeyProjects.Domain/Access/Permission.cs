namespace KeyProjects.Domain.Access;

/// <summary>
/// What a role may do, wherever it may act (where is <see cref="Subtree"/>; on which object, <see cref="Rights"/>). One
/// permission per right: none stands in for another. The table is <see cref="AccessPolicy"/>; docs/decisions/017 shows it
/// against the README's role list.
/// </summary>
public enum Permission
{
    ViewProjects,
    CreateProject,
    EditProject,
    /// <summary>Edit the fields a project unit keeps for itself: contacts, content, actual dates, remarks.</summary>
    EditOwnProjectDetails,
    RetireProject,
    ImportProjects,
    ViewAudit,
    ManageUsers,
    ManageOrganisations,
    /// <summary>Fill in and submit monthly reports and daily progress.</summary>
    ReportProgress,
    /// <summary>Approve or return submitted reports.</summary>
    ReviewReports,
    /// <summary>Reopen a locked report.</summary>
    ReopenReports,
    ViewDashboard,
    /// <summary>Raise a problem (问题) on a project in one's subtree.</summary>
    RaiseProblems,
    /// <summary>As the responsible department: accept, answer or send back a problem assigned to it.</summary>
    HandleProblems,
    /// <summary>Assign a problem to a department, escalate it, or 交办 it to a meeting.</summary>
    DispatchProblems,
    /// <summary>Verify an answered problem and close it (销号), or reopen it.</summary>
    VerifyProblems,
    /// <summary>Correct the working-day calendar.</summary>
    ManageCalendar,
    /// <summary>Schedule dispatch meetings, keep minutes, assign and follow 交办事项.</summary>
    ManageMeetings,
    /// <summary>Log a 分包领导's site visit (督导走访).</summary>
    LogVisits,
    /// <summary>倒排工期 and 按月排进度: plan a project's milestones and monthly amounts (was part of ReviewReports).</summary>
    PlanMilestones,
    /// <summary>Close (锁定) a month's reports for a subtree (was part of ReviewReports).</summary>
    ClosePeriods,
    /// <summary>Load past months' reports from a workbook (was part of ReopenReports).</summary>
    LoadReportHistory,
    /// <summary>Run the escalation sweep by hand (was part of ManageCalendar).</summary>
    RunEscalationSweep,
    /// <summary>Enter a problem raised in the past, with its own date (was a role test in the problem service).</summary>
    RecordProblemHistory,
    /// <summary>Report a 交办事项 done for the node that carries it out (was HandleProblems or ManageMeetings).</summary>
    ReportTasks,
}
