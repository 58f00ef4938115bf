using System.Collections.Frozen;
using static KeyProjects.Domain.Access.Role;

namespace KeyProjects.Domain.Access;

/// <summary>
/// Which role may do what: one row per permission, naming the roles that hold it. Where a role may act is decided by
/// the actor's <see cref="Subtree"/>, and on which object by <see cref="Rights"/>. docs/decisions/017 prints this table
/// against the README's role list, and a test holds the two together.
/// </summary>
public static class AccessPolicy
{
    private static readonly Role[] Everyone = Enum.GetValues<Role>();

    private static readonly FrozenDictionary<Permission, Role[]> Table = new Dictionary<Permission, Role[]>
    {
        [Permission.ViewProjects] = Everyone,
        [Permission.ViewDashboard] = Everyone,
        [Permission.CreateProject] = [Admin, Staff],
        [Permission.EditProject] = [Admin, Staff],
        [Permission.RetireProject] = [Admin, Staff],
        [Permission.ImportProjects] = [Admin, Staff],
        [Permission.EditOwnProjectDetails] = [Admin, Staff, ProjectUnit],
        [Permission.PlanMilestones] = [Admin, Staff],
        [Permission.ViewAudit] = [Admin, Staff, Inspector, Leader],
        [Permission.ManageUsers] = [Admin],
        [Permission.ManageOrganisations] = [Admin],
        [Permission.ReportProgress] = [Admin, Staff, ProjectUnit, ServiceOfficer],
        [Permission.ReviewReports] = [Admin, Staff],
        [Permission.ClosePeriods] = [Admin, Staff],
        [Permission.ReopenReports] = [Admin],
        [Permission.LoadReportHistory] = [Admin],
        [Permission.RaiseProblems] = [Admin, Staff, ProjectUnit, ServiceOfficer, Leader, Inspector],
        [Permission.RecordProblemHistory] = [Admin, Staff],
        [Permission.HandleProblems] = [Admin, Staff, Department],
        [Permission.DispatchProblems] = [Admin, Staff, Leader, ServiceOfficer],
        [Permission.VerifyProblems] = [Admin, Staff, ServiceOfficer],
        [Permission.ManageCalendar] = [Admin],
        [Permission.RunEscalationSweep] = [Admin],
        [Permission.ManageMeetings] = [Admin, Staff, Leader],
        [Permission.ReportTasks] = [Admin, Staff, Leader, Department],
        [Permission.LogVisits] = [Admin, Staff, Leader, Inspector],
    }.ToFrozenDictionary();

    public static bool Allows(Role role, Permission permission) => Table.TryGetValue(permission, out var roles) && roles.Contains(role);

    /// <summary>The roles holding a permission (none for one the table does not name).</summary>
    public static IReadOnlyList<Role> RolesFor(Permission permission) => Table.TryGetValue(permission, out var roles) ? roles : [];
}
