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
    /// <summary>Record a 分包领导's site visit (督导走访): leaders their own, staff and inspectors for a named leader.</summary>
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
        Permission.LogVisits => role is Role.Admin or Role.Staff or Role.Leader or Role.Inspector,
        _ => false,
    };
}
