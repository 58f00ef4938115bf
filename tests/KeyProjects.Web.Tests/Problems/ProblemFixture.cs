using System.Net.Http.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Problems;

/// <summary>
/// 濮阳县 with a project unit and its project, the county's 自然资源局 and 住建局, a department of 郑州市 (another city),
/// and one user per part the loop needs; the clock stands at Monday 23 November 2026, 09:00 Beijing time.
/// </summary>
public sealed record ProblemWorld(string Project, int Land, int Housing, int Elsewhere, int County)
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public static async Task<ProblemWorld> SeedAsync(KeyProjectsApp app)
    {
        app.Clock.Set(Monday);
        await app.CreateOrgAsync("濮阳县", "测试项目单位有限公司", OrgKind.ProjectUnit);
        var land = await app.CreateOrgAsync("濮阳县", "濮阳县自然资源局", OrgKind.Department);
        var housing = await app.CreateOrgAsync("濮阳县", "濮阳县住建局", OrgKind.Department);
        var elsewhere = await app.CreateOrgAsync("郑州市", "郑州市自然资源和规划局", OrgKind.Department);
        var county = await app.OrgIdAsync("濮阳县");
        var project = await app.CreateProjectAsync(Builders.Project(county, name: "濮阳县智慧物流园") with { UnitName = "测试项目单位有限公司" });
        await app.CreateUserAsync("unit", Role.ProjectUnit, "测试项目单位有限公司");
        await app.CreateUserAsync("officer", Role.ServiceOfficer, "濮阳县", ServiceTitle.ChiefServiceOfficer);
        await app.CreateUserAsync("land", Role.Department, "濮阳县自然资源局");
        await app.CreateUserAsync("housing", Role.Department, "濮阳县住建局");
        await app.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        await app.CreateUserAsync("nl", Role.Staff, "南乐县");
        return new ProblemWorld(project, land, housing, elsewhere, county);
    }

    public object Raise(string title = "项目用地指标未落实", string category = "Land", int? department = null) => new
    {
        projectCode = Project,
        title,
        description = "二期用地 120 亩尚未取得指标，影响开工。",
        category,
        departmentOrgId = department ?? Land,
    };

    public static async Task<long> RaiseAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/problems", body);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("problem").GetProperty("id").GetInt64();
    }
}
