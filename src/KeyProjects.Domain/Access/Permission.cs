namespace KeyProjects.Domain.Access;

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
    /// <summary>Approve or return submitted reports, close periods, plan milestones.</summary>
    ReviewReports,
    /// <summary>Reopen a locked report, load history.</summary>
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
    /// <summary>Correct the working-day calendar, run the escalation sweep by hand.</summary>
    ManageCalendar,
    /// <summary>Schedule dispatch meetings, keep minutes, assign and follow 交办事项.</summary>
    ManageMeetings,
    /// <summary>Log a 分包领导's site visit (督导走访).</summary>
    LogVisits,
}

/// <summary>Which role may do what. Where a role may act is decided separately, by <see cref="Actor"/>'s subtree.</summary>
public static class AccessPolicy
{
    public static bool Allows(Role role, Permission permission) => permission switch
    {
        Permission.ViewProjects => true,
        Permission.CreateProject or Permission.EditProject or Permission.RetireProject or Permission.ImportProjects
            => role is Role.Admin or Role.Staff,
        Permission.EditOwnProjectDetails => role is Role.Admin or Role.Staff or Role.ProjectUnit,
        Permission.ViewAudit => role is Role.Admin or Role.Staff or Role.Inspector or Role.Leader,
        Permission.ManageUsers or Permission.ManageOrganisations => role is Role.Admin,
        Permission.ReportProgress => role is Role.Admin or Role.Staff or Role.ProjectUnit or Role.ServiceOfficer,
        Permission.ReviewReports => role is Role.Admin or Role.Staff,
        Permission.ReopenReports => role is Role.Admin,
        Permission.ViewDashboard => true,
        Permission.RaiseProblems => role is Role.Admin or Role.Staff or Role.ProjectUnit or Role.ServiceOfficer or Role.Leader or Role.Inspector,
        Permission.HandleProblems => role is Role.Admin or Role.Staff or Role.Department,
        Permission.DispatchProblems => role is Role.Admin or Role.Staff or Role.Leader or Role.ServiceOfficer,
        Permission.VerifyProblems => role is Role.Admin or Role.Staff or Role.ServiceOfficer,
        Permission.ManageCalendar => role is Role.Admin,
        Permission.ManageMeetings => role is Role.Admin or Role.Staff or Role.Leader,
        Permission.LogVisits => role is Role.Admin or Role.Staff or Role.Leader or Role.Inspector,
        _ => false,
    };
}
