using KeyProjects.Domain.Access;
using KeyProjects.Domain.Problems;

namespace KeyProjects.Domain.Tests.Access;

/// <summary>The conditions on an object (<see cref="Rights"/>): a project unit only for the projects it builds, a department only for the problems assigned to it.</summary>
public sealed class RightsTests
{
    private static Actor As(Role role, string path, string id = "u1") => new() { UserId = id, UserName = "张三", Role = role, OrgId = 5, OrgPath = path };

    // A project of county /1/2/5/, built by unit /1/2/5/40/, answered for by department /1/2/30/.
    private static readonly ProjectPlaces Project = new("/1/2/5/", "/1/2/5/40/", "/1/2/30/");

    [Theory]
    [InlineData(Role.Staff, "/1/2/", true, true, true, true)]
    [InlineData(Role.Staff, "/1/3/", false, false, false, true)]
    [InlineData(Role.ProjectUnit, "/1/2/5/40/", true, false, false, true)]
    [InlineData(Role.ProjectUnit, "/1/2/5/41/", false, false, false, false)]
    [InlineData(Role.Department, "/1/2/30/", false, false, false, false)]
    [InlineData(Role.Leader, "/1/2/", false, false, false, true)]
    [InlineData(Role.Viewer, "/1/", false, false, false, false)]
    public void OnProject_EditsOnTheListOrAsTheOwnUnit(Role role, string path, bool edit, bool editAll, bool retire, bool history)
    {
        Rights.OnProject(As(role, path), Project).ShouldBe(new ProjectRights(edit, editAll, retire, history));
    }

    [Theory]
    [InlineData(Role.Staff, "/1/2/", true, true, false)]
    [InlineData(Role.Admin, "/1/", true, true, true)]
    [InlineData(Role.ProjectUnit, "/1/2/5/40/", true, false, false)]
    [InlineData(Role.ProjectUnit, "/1/2/6/", false, false, false)] // another unit fills no one else's report
    [InlineData(Role.ServiceOfficer, "/1/2/5/", true, false, false)]
    [InlineData(Role.ServiceOfficer, "/1/2/30/", false, false, false)] // answering for it is not having it on one's list
    public void OnReports_AUnitFillsOnlyItsOwn(Role role, string path, bool fill, bool review, bool reopen)
    {
        Rights.OnReports(As(role, path), Project).ShouldBe(new ReportRights(fill, review, reopen));
    }

    [Theory]
    [InlineData(Role.Staff, "/1/2/", false, true)]
    [InlineData(Role.Staff, "/1/2/", true, false)]
    [InlineData(Role.Staff, "/1/3/", false, false)]
    [InlineData(Role.ProjectUnit, "/1/2/5/40/", false, true)]
    [InlineData(Role.ProjectUnit, "/1/2/5/41/", false, false)]
    [InlineData(Role.Leader, "/1/2/", false, false)]
    public void MayPlanMilestones_PlannersOnTheListAndTheOwnUnit_NeverARetiredProject(Role role, string path, bool retired, bool expected)
    {
        Rights.MayPlanMilestones(As(role, path), Project, retired).ShouldBe(expected);
    }

    [Theory]
    [InlineData(Role.Leader, "/1/2/", "/1/2/5/", true)]
    [InlineData(Role.Leader, "/1/2/5/", "/1/2/", false)]
    [InlineData(Role.Department, "/1/2/", "/1/2/", false)]
    [InlineData(Role.Staff, "/1/2/", null, false)]
    public void MayManageMeetings_InTheSubtreeWithThePermission(Role role, string path, string? meetingPath, bool expected)
    {
        Rights.MayManageMeetings(As(role, path), meetingPath).ShouldBe(expected);
    }

    [Theory]
    [InlineData(Role.Department, "/1/2/30/", "/1/2/30/", true)]
    [InlineData(Role.Department, "/1/2/31/", "/1/2/30/", false)]
    [InlineData(Role.Leader, "/1/2/", "/1/2/30/", true)]
    [InlineData(Role.ServiceOfficer, "/1/2/", "/1/2/30/", false)]
    [InlineData(Role.ProjectUnit, "/1/2/30/", "/1/2/30/", false)]
    public void MayReportTask_TheOwnersNodeWithTheRight(Role role, string path, string ownerPath, bool expected)
    {
        Rights.MayReportTask(As(role, path), ownerPath).ShouldBe(expected);
    }

    private static ProblemFacts Problem(ProblemStatus status, string? department = "/1/2/30/", string raisedBy = "someone", int level = 1) =>
        new(Project, department, ["/1/2/31/"], raisedBy, status, level, TopLevel: 3);

    [Fact]
    public void OnProblem_ADepartmentActsOnlyOnProblemsAssignedToIt()
    {
        var mine = As(Role.Department, "/1/2/30/");
        var other = As(Role.Department, "/1/2/32/");

        Rights.OnProblem(mine, Problem(ProblemStatus.Pending)).ShouldBe(new ProblemRights(true, true, true, false, false, false, false, true));
        Rights.OnProblem(other, Problem(ProblemStatus.Pending)).ShouldBe(new ProblemRights(false, false, false, false, false, false, false, false));
        Rights.SeesProblem(other, Problem(ProblemStatus.Pending)).ShouldBeFalse();
        Rights.SeesProblem(As(Role.Department, "/1/2/31/"), Problem(ProblemStatus.Pending)).ShouldBeTrue(); // cooperating
    }

    [Fact]
    public void OnProblem_DispatchersOnTheirProjects_EscalateBelowTheTop()
    {
        var leader = As(Role.Leader, "/1/2/");
        Rights.OnProblem(leader, Problem(ProblemStatus.Pending)).Escalate.ShouldBeTrue();
        Rights.OnProblem(leader, Problem(ProblemStatus.Pending, level: 3)).Escalate.ShouldBeFalse();
        Rights.OnProblem(leader, Problem(ProblemStatus.Answered)).Assign.ShouldBeFalse();
        Rights.OnProblem(As(Role.Leader, "/1/3/"), Problem(ProblemStatus.Pending)).Assign.ShouldBeFalse();
    }

    [Fact]
    public void OnProblem_TheRaiserVerifiesWhateverTheRole()
    {
        var raiser = As(Role.Inspector, "/1/9/", id: "raiser");
        var answered = Problem(ProblemStatus.Answered, raisedBy: "raiser");

        Rights.SeesProblem(raiser, answered).ShouldBeTrue();
        Rights.OnProblem(raiser, answered).Verify.ShouldBeTrue();
        Rights.OnProblem(raiser, answered with { Status = ProblemStatus.Closed }).Reopen.ShouldBeTrue();
    }
}
