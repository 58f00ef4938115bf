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
             Permission.ViewDashboard, Permission.RaiseProblems, Permission.HandleProblems, Permission.DispatchProblems,
             Permission.VerifyProblems, Permission.ManageMeetings, Permission.LogVisits,
             Permission.PlanMilestones, Permission.ClosePeriods, Permission.RecordProblemHistory, Permission.ReportTasks]
        },
        { Role.Leader, [Permission.ViewProjects, Permission.ViewAudit, Permission.ViewDashboard, Permission.RaiseProblems, Permission.DispatchProblems, Permission.ManageMeetings, Permission.LogVisits, Permission.ReportTasks] },
        { Role.ServiceOfficer, [Permission.ViewProjects, Permission.ReportProgress, Permission.ViewDashboard, Permission.RaiseProblems, Permission.DispatchProblems, Permission.VerifyProblems] },
        { Role.Department, [Permission.ViewProjects, Permission.ViewDashboard, Permission.HandleProblems, Permission.ReportTasks] },
        { Role.ProjectUnit, [Permission.ViewProjects, Permission.EditOwnProjectDetails, Permission.ReportProgress, Permission.ViewDashboard, Permission.RaiseProblems] },
        { Role.Inspector, [Permission.ViewProjects, Permission.ViewAudit, Permission.ViewDashboard, Permission.RaiseProblems, Permission.LogVisits] },
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
        var actor = new Actor { UserId = "u1", UserName = "张三", Role = role, OrgId = 1, OrgPath = "/1/" };

        foreach (var permission in Enum.GetValues<Permission>())
            actor.Can(permission).ShouldBe(granted.Contains(permission), $"{role} / {permission}");
    }

    /// <summary>Below the root a role holds its permissions except the installation-wide ones (the calendar, the sweep).</summary>
    [Theory]
    [MemberData(nameof(Granted))]
    public void BelowTheRoot_AnActorHoldsItsPermissions_ExceptTheInstallationWideOnes(Role role, Permission[] granted)
    {
        var county = new Actor { UserId = "u1", UserName = "张三", Role = role, OrgId = 5, OrgPath = "/1/5/" };

        foreach (var permission in Enum.GetValues<Permission>())
            county.Can(permission).ShouldBe(granted.Contains(permission) && permission is not (Permission.ManageCalendar or Permission.RunEscalationSweep), $"{role} / {permission}");
    }

    /// <summary>
    /// The rights split from those that stood in for them keep today's holders: running the sweep is the calendar
    /// keepers', planning milestones and closing months the reviewers', loading history the reopeners', reporting a task
    /// done the handlers' or meeting keepers'.
    /// </summary>
    [Theory]
    [InlineData(Permission.RunEscalationSweep, Permission.ManageCalendar)]
    [InlineData(Permission.PlanMilestones, Permission.ReviewReports)]
    [InlineData(Permission.ClosePeriods, Permission.ReviewReports)]
    [InlineData(Permission.LoadReportHistory, Permission.ReopenReports)]
    public void SplitPermission_KeepsTheRolesOfTheOneItWasPartOf(Permission split, Permission from)
    {
        AccessPolicy.RolesFor(split).Order().ShouldBe(AccessPolicy.RolesFor(from).Order());
    }

    [Fact]
    public void ReportTasks_IsHeldByThoseWhoHandleProblemsOrManageMeetings()
    {
        foreach (var role in Enum.GetValues<Role>())
            AccessPolicy.Allows(role, Permission.ReportTasks)
                .ShouldBe(AccessPolicy.Allows(role, Permission.HandleProblems) || AccessPolicy.Allows(role, Permission.ManageMeetings), role.ToString());
    }

    [Fact]
    public void EveryPermission_HasARowInTheTable()
    {
        foreach (var permission in Enum.GetValues<Permission>())
            AccessPolicy.RolesFor(permission).ShouldNotBeEmpty(permission.ToString());
    }

    [Fact]
    public void Allows_WhenPermissionUnknown_Refuses()
    {
        AccessPolicy.Allows(Role.Admin, (Permission)999).ShouldBeFalse();
    }
}
