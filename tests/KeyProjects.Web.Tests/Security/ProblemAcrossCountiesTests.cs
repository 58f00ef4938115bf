using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Tests.Infrastructure;
using KeyProjects.Web.Tests.Problems;

namespace KeyProjects.Web.Tests.Security;

/// <summary>
/// Issue 12, point 11 (decision 012): a county's problem may go to a department of its county, its city or the province,
/// not of a sibling county; a department above the county sees the project's name and code on the problem, and neither
/// the page nor the API offers it the project it may not open.
/// </summary>
public abstract class ProblemAcrossCountiesTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task ASiblingCountysDepartment_CannotBeAssigned_NorCooperate()
    {
        var world = await ProblemWorld.SeedAsync(App);
        var nanle = await App.CreateOrgAsync("南乐县", "南乐县自然资源局", OrgKind.Department);
        var staff = await App.ApiClientAsync("pyx");

        var assigned = await staff.PostJsonAsync("/api/v1/problems", new { projectCode = world.Project, title = "用地", category = "Land", departmentOrgId = nanle });
        var cooperating = await staff.PostJsonAsync("/api/v1/problems", new { projectCode = world.Project, title = "用地", category = "Land", departmentOrgId = world.Land, cooperatingOrgIds = new[] { nanle } });

        assigned.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await assigned.JsonAsync()).GetProperty("errors").TryGetProperty("DepartmentOrgId", out _).ShouldBeTrue();
        cooperating.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await cooperating.JsonAsync()).GetProperty("errors").TryGetProperty("CooperatingOrgIds", out _).ShouldBeTrue();
        (await (await staff.GetAsync("/api/v1/problems")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task ACityDepartment_SeesTheProjectsNameAndCodeOnTheProblem_WithoutALinkItCouldNotOpen()
    {
        var world = await ProblemWorld.SeedAsync(App);
        var cityDept = await App.CreateOrgAsync("濮阳市", "濮阳市自然资源和规划局", OrgKind.Department);
        await App.CreateUserAsync("city.land", Role.Department, "濮阳市自然资源和规划局");
        var staff = await App.ApiClientAsync("pyx");
        var id = await ProblemWorld.RaiseAsync(staff, new { projectCode = world.Project, title = "市级用地指标", category = "Land", departmentOrgId = cityDept });

        var api = await App.ApiClientAsync("city.land");
        var problem = await (await api.GetAsync($"/api/v1/problems/{id}")).JsonAsync();
        var row = problem.GetProperty("problem");
        (row.Str("projectCode"), row.Str("projectName")).ShouldBe((world.Project, "濮阳县智慧物流园"));
        row.GetProperty("projectVisible").GetBoolean().ShouldBeFalse();
        (await api.GetAsync($"/api/v1/projects/{world.Project}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var pages = await App.LoginAsync("city.land");
        var detail = await pages.GetAsync($"/problems/{id}");
        detail.Text("[data-testid=project-name]").ShouldBe("濮阳县智慧物流园");
        detail.Html.ShouldContain(world.Project);
        detail.All($"a[href='/projects/{world.Project}']").ShouldBeEmpty();
        (await pages.GetAsync("/problems")).All($"a[href='/projects/{world.Project}']").ShouldBeEmpty();
        (await (await App.LoginAsync("pyx")).GetAsync($"/problems/{id}")).All($"a[href='/projects/{world.Project}']").ShouldNotBeEmpty();
    }
}

public sealed class ProblemAcrossCountiesTestsSqlite : ProblemAcrossCountiesTests<SqliteTestDatabase>;

public sealed class ProblemAcrossCountiesTestsPostgres : ProblemAcrossCountiesTests<PostgresTestDatabase>;
