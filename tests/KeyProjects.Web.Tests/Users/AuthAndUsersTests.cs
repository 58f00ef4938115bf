using System.Net;
using System.Net.Http.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Users;

public abstract class AuthAndUsersTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task Token_WithAWrongPassword_Is401_WithOneMessage()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var client = App.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "pyx", password = "wrong-1234" });

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.JsonAsync()).Str("detail").ShouldBe("用户名或密码不正确。");
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "pyx", password = KeyProjectsApp.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateUser_AsAdministrator_InTheSubtree_Works_AndTheNewUserCanLogIn()
    {
        var admin = await App.ApiClientAsync("admin");
        var response = await admin.PostJsonAsync("/api/v1/users", new { userName = "nl.fgw", displayName = "南乐县发改委", password = "Nanle-2026", role = "Staff", orgId = await OrgAsync("南乐县") });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var user = await App.ApiClientAsync("nl.fgw", "Nanle-2026");
        var orgs = await (await user.GetAsync("/api/v1/orgs")).JsonAsync();
        orgs.EnumerateArray().Select(o => o.Str("name")).ShouldBe(["南乐县"]);
        var audit = await (await admin.GetAsync("/api/v1/audit?entityType=User&entityKey=nl.fgw")).JsonAsync();
        audit.GetProperty("items")[0].Str("action").ShouldBe("Created");
    }

    [Fact]
    public async Task CreateUser_WithAWeakPassword_OrOutsideTheSubtree_OrByANonAdministrator_IsRefused()
    {
        await App.CreateUserAsync("county.admin", Role.Admin, "濮阳县");
        await App.CreateUserAsync("staff", Role.Staff, "濮阳县");
        var countyAdmin = await App.ApiClientAsync("county.admin");

        var weak = await countyAdmin.PostJsonAsync("/api/v1/users", new { userName = "a1", password = "short", role = "Viewer", orgId = await OrgAsync("濮阳县") });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.JsonAsync()).GetProperty("errors").GetProperty("Password").EnumerateArray().Select(e => e.GetString()).ShouldContain("密码至少 8 位。");

        var outside = await countyAdmin.PostJsonAsync("/api/v1/users", new { userName = "a2", password = "Good-pass-1", role = "Viewer", orgId = await OrgAsync("南乐县") });
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outside.JsonAsync()).GetProperty("errors").GetProperty("OrgId")[0].GetString().ShouldBe("所选组织不在您的管辖范围内。");

        var staff = await App.ApiClientAsync("staff");
        (await staff.PostJsonAsync("/api/v1/users", new { userName = "a3", password = "Good-pass-1", role = "Viewer", orgId = await OrgAsync("濮阳县") }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Orgs_ReturnsOnlyTheCallersSubtree_DepthFirst()
    {
        await App.CreateUserAsync("city", Role.Viewer, "濮阳市");
        var client = await App.ApiClientAsync("city");
        var orgs = (await (await client.GetAsync("/api/v1/orgs")).JsonAsync()).EnumerateArray().Select(o => o.Str("name")).ToList();
        orgs[0].ShouldBe("濮阳市");
        orgs.Count.ShouldBe(10);
        orgs.ShouldNotContain("郑州市");
    }

    [Fact]
    public async Task CreateUser_OnThePage_WithARoleThatDoesNotExist_Is400_AndCreatesNobody()
    {
        var admin = await App.LoginAsync("admin");
        var fields = new Dictionary<string, string>
        {
            ["UserName"] = "odd.one", ["DisplayName"] = "odd", ["Password"] = "Good-pass-2026", ["Role"] = "Mayor", ["OrgId"] = (await OrgAsync("濮阳县")).ToString(),
        };
        (await admin.PostFormAsync("/admin/users", "/admin/users", fields)).Status.ShouldBe(HttpStatusCode.BadRequest);

        fields["Role"] = "Staff";
        fields["OrgId"] = "濮阳县";
        (await admin.PostFormAsync("/admin/users", "/admin/users", fields)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/admin/users")).All("[data-testid=user-table] tbody tr").ShouldNotContain(r => r.TextContent.Contains("odd.one"));
    }

    [Fact]
    public async Task ADeactivatedUser_CannotLogIn()
    {
        await App.CreateUserAsync("leaver", Role.Staff, "濮阳县");
        var admin = await App.LoginAsync("admin");
        var users = await admin.GetAsync("/admin/users");
        var row = users.All("[data-testid=user-table] tbody tr").Single(r => r.TextContent.Contains("leaver"));
        var action = row.QuerySelector("form[action$='/active']")!.GetAttribute("action")!;
        var done = await admin.PostFormAsync("/admin/users", action, new Dictionary<string, string> { ["Active"] = "false" });
        done.Status.ShouldBe(HttpStatusCode.OK);

        var token = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "leaver", password = KeyProjectsApp.Password });
        token.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await token.JsonAsync()).Str("detail").ShouldBe("用户名或密码不正确。", "the same answer as for a wrong password: it tells nobody the account exists");
    }

    [Fact]
    public async Task ATokenIssuedByOneServer_IsAcceptedByAnotherOnTheSameDatabase()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var first = await App.ApiClientAsync("pyx");
        await using var second = App.WithWebHostBuilder(_ => { });
        var other = second.CreateClient();
        other.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;

        (await other.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApiDocument_AndHealth_AreServed()
    {
        var client = App.CreateClient();
        var doc = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/v1/auth/token", "/api/v1/orgs", "/api/v1/projects", "/api/v1/projects/{code}", "/api/v1/projects/export", "/api/v1/projects/import", "/api/v1/users", "/api/v1/audit" })
            paths.TryGetProperty(p, out _).ShouldBeTrue(p);
        doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _).ShouldBeTrue();
        (await client.GetStringAsync("/health/live")).ShouldBe("Healthy");
        // Ready once the in-memory indexes have loaded (in the background at start).
        var ready = "";
        for (var i = 0; i < 100 && ready != "Healthy"; i++)
        {
            ready = await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync();
            if (ready != "Healthy") await Task.Delay(100);
        }
        ready.ShouldBe("Healthy");
        (await client.GetStringAsync("/health")).ShouldBe("Healthy");
        var loading = new Web.Infrastructure.Changes.IndexWarmupCheck(new Web.Infrastructure.Changes.IndexWarmupState());
        (await loading.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext())).Status
            .ShouldBe(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, "not ready while the indexes load");
    }
}

public sealed class AuthAndUsersTestsSqlite : AuthAndUsersTests<SqliteTestDatabase>;

public sealed class AuthAndUsersTestsPostgres : AuthAndUsersTests<PostgresTestDatabase>;
