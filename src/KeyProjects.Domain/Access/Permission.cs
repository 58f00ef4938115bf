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
        _ => false,
    };
}
