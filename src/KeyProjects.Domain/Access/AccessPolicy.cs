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

    /// <summary>
    /// Permissions that act on the whole installation rather than a subtree: the working calendar (every region's
    /// deadlines count on it) and the escalation sweep (over every region's problems). Only a holder at the root has them;
    /// an administrator of a county administers its county (issue 12).
    /// </summary>
    private static readonly FrozenSet<Permission> InstallationWide = new[] { Permission.ManageCalendar, Permission.RunEscalationSweep }.ToFrozenSet();

    public static bool IsInstallationWide(Permission permission) => InstallationWide.Contains(permission);

    /// <summary>Whether a role at a place of the tree holds a permission: its role's, and installation-wide ones only at the root.</summary>
    public static bool AllowsAt(Role role, Permission permission, Subtree place) =>
        Allows(role, permission) && (!IsInstallationWide(permission) || place.IsWhole);

    public static bool Allows(Role role, Permission permission) => Table.TryGetValue(permission, out var roles) && roles.Contains(role);

    /// <summary>The roles holding a permission (none for one the table does not name).</summary>
    public static IReadOnlyList<Role> RolesFor(Permission permission) => Table.TryGetValue(permission, out var roles) ? roles : [];
}
