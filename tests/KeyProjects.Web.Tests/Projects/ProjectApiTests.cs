using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Projects;

public abstract class ProjectApiTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task List_WithoutToken_Is401WithProblemDetails()
    {
        var response = await App.CreateClient().GetAsync("/api/v1/projects");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(401);
        problem.GetProperty("title").GetString().ShouldBe("需要登录");
    }

    [Fact]
    public async Task Get_ProjectOutsideCallersSubtree_Is404()
    {
        var nanle = await OrgAsync("南乐县");
        var code = await App.CreateProjectAsync(Builders.Project(nanle));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var client = await App.ApiClientAsync("pyx");

        var response = await client.GetAsync($"/api/v1/projects/{code}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class ProjectApiTestsSqlite : ProjectApiTests<SqliteTestDatabase>;

public sealed class ProjectApiTestsPostgres : ProjectApiTests<PostgresTestDatabase>;
