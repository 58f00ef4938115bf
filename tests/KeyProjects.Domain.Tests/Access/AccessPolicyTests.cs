using KeyProjects.Domain.Access;

namespace KeyProjects.Domain.Tests.Access;

public sealed class AccessPolicyTests
{
    /// <summary>What each role may do, wherever it may act.</summary>
    public static readonly TheoryData<Role, Permission[]> Granted = new()
    {
        { Role.Admin, Enum.GetValues<Permission>() },
        {
            Role.Staff,
            [Permission.ViewProjects, Permission.CreateProject, Permission.EditProject, Permission.EditOwnProjectDetails,
             Permission.RetireProject, Permission.ImportProjects, Permission.ViewAudit, Permission.ReportProgress, Permission.ReviewReports,
             Permission.ViewDashboard, Permission.LogVisits]
        },
        { Role.Leader, [Permission.ViewProjects, Permission.ViewAudit, Permission.ViewDashboard, Permission.LogVisits] },
        { Role.ServiceOfficer, [Permission.ViewProjects, Permission.ReportProgress, Permission.ViewDashboard] },
        { Role.Department, [Permission.ViewProjects, Permission.ViewDashboard] },
        { Role.ProjectUnit, [Permission.ViewProjects, Permission.EditOwnProjectDetails, Permission.ReportProgress, Permission.ViewDashboard] },
        { Role.Inspector, [Permission.ViewProjects, Permission.ViewAudit, Permission.ViewDashboard, Permission.LogVisits] },
        { Role.Viewer, [Permission.ViewProjects, Permission.ViewDashboard] },
    };

    [Theory]
    [MemberData(nameof(Granted))]
    public void Allows_GrantsEachRoleExactlyItsPermissions(Role role, Permission[] granted)
    {
        foreach (var permission in Enum.GetValues<Permission>())
            AccessPolicy.Allows(role, permission).ShouldBe(granted.Contains(permission), $"{role} / {permission}");
    }

    [Theory]
    [MemberData(nameof(Granted))]
    public void ActorCan_FollowsThePolicyOfItsRole(Role role, Permission[] granted)
    {
        var actor = new Actor { UserId = "u1", UserName = "张三", Role = role, OrgId = 5, OrgPath = "/1/5/" };

        foreach (var permission in Enum.GetValues<Permission>())
            actor.Can(permission).ShouldBe(granted.Contains(permission), $"{role} / {permission}");
    }

    [Fact]
    public void Allows_WhenPermissionUnknown_Refuses()
    {
        AccessPolicy.Allows(Role.Admin, (Permission)999).ShouldBeFalse();
    }
}
