using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Security;

/// <summary>
/// Issue 12, point 1: deactivation, a password reset, a change of role or organisation and logout end every login of the
/// account — its cookies and its bearer tokens — on every server within seconds; the refresh token works while the
/// account is unchanged.
/// </summary>
public abstract class SessionTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task Deactivation_EndsTheUsersTokenAndCookie_AtOnce_AndNothingIsWrittenUnderTheirName()
    {
        await App.CreateUserAsync("leaver", Role.Staff, "濮阳县");
        var code = await App.CreateProjectAsync(Builders.Project(await App.OrgIdAsync("濮阳县")));
        var api = await App.ApiClientAsync("leaver");
        var browser = await App.LoginAsync("leaver");
        var project = await (await api.GetAsync($"/api/v1/projects/{code}")).JsonAsync();
        (await browser.GetAsync("/projects")).Url.ShouldNotContain("/login");

        await SetActiveOnThePageAsync("leaver", false);

        var put = await api.PutJsonAsync($"/api/v1/projects/{code}", Renamed(project, "停用后改的名称"));
        put.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await browser.GetAsync("/projects");
        page.Url.ShouldContain("/login", customMessage: "the cookie no longer logs in");
        var admin = await App.ApiClientAsync("admin");
        (await (await admin.GetAsync($"/api/v1/projects/{code}")).JsonAsync()).Str("name").ShouldNotBe("停用后改的名称");
    }

    [Fact]
    public async Task APasswordReset_EndsTheOldToken_AndTheRefreshToken()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var tokens = await TokensAsync("pyx", KeyProjectsApp.Password);
        var api = Bearer(tokens.Str("accessToken"));
        (await api.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await App.LoginAsync("admin");
        var action = UserRow(await admin.GetAsync("/admin/users"), "pyx").QuerySelector("form[action$='/password']")!.GetAttribute("action")!;
        (await admin.PostFormAsync("/admin/users", action, new Dictionary<string, string> { ["Password"] = "Reset-pass-2026" })).Status.ShouldBe(HttpStatusCode.OK);

        (await api.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refresh = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.Str("refreshToken") });
        refresh.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refresh.JsonAsync()).Str("detail").ShouldBe("刷新令牌无效或已过期，或账号已变更，请重新登录。");
        (await (await App.ApiClientAsync("pyx", "Reset-pass-2026")).GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheRefreshToken_GivesANewAccessToken_WhileTheAccountIsUnchanged_AndNotAfterDeactivation()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var tokens = await TokensAsync("pyx", KeyProjectsApp.Password);

        var refreshed = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.Str("refreshToken") });
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK, await refreshed.Content.ReadAsStringAsync());
        var fresh = await refreshed.JsonAsync();
        fresh.Str("accessToken").ShouldNotBe(tokens.Str("accessToken"));
        (await Bearer(fresh.Str("accessToken")).GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await SetActiveOnThePageAsync("pyx", false);

        (await App.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = fresh.Str("refreshToken") })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Bearer(fresh.Str("accessToken")).GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_EndsTheCookie_EvenWhenReplayed_AndTheUsersOtherLogins()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var jar = new CookieContainer();
        var browser = await App.LoginAsync("pyx", null, jar);
        var copy = new CookieContainer();
        copy.Add(jar.GetAllCookies());
        var api = await App.ApiClientAsync("pyx");

        var logout = await browser.PostFormAsync("/projects", "/logout", new Dictionary<string, string>());
        logout.Url.ShouldContain("/login");

        using var replay = App.Browser(copy);
        (await replay.GetAsync("/projects")).Url.ShouldContain("/login", customMessage: "the cookie copied before logout no longer logs in");
        (await api.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AChangeOfRoleOrOrganisation_EndsTheLogins_AndTheNextLoginHasTheNewRights_AndIsAudited()
    {
        await App.CreateUserAsync("mover", Role.Staff, "濮阳县");
        var api = await App.ApiClientAsync("mover");
        (await api.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = await App.ApiClientAsync("admin");
        var id = await UserIdAsync("mover");
        var user = await (await admin.GetAsync($"/api/v1/users/{id}")).JsonAsync();

        var stale = await admin.PutJsonAsync($"/api/v1/users/{id}", new { displayName = "调任", role = "Viewer", orgId = await App.OrgIdAsync("南乐县"), version = user.GetProperty("version").GetInt32() + 1 });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await api.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.OK, "a refused change ends nothing");

        var put = await admin.PutJsonAsync($"/api/v1/users/{id}", new { displayName = "调任", role = "Viewer", orgId = await App.OrgIdAsync("南乐县"), version = user.GetProperty("version").GetInt32() });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        (await api.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var again = await App.ApiClientAsync("mover");
        (await (await again.GetAsync("/api/v1/orgs")).JsonAsync()).EnumerateArray().Select(o => o.Str("name")).ShouldBe(["南乐县"]);
        var audit = await (await admin.GetAsync("/api/v1/audit?entityType=User&entityKey=mover")).JsonAsync();
        var changes = audit.GetProperty("items")[0].GetProperty("changes").GetRawText();
        changes.ShouldContain("Role");
        changes.ShouldContain("Viewer");
    }

    [Fact]
    public async Task ChangingOnesOwnPassword_KeepsThisBrowserLoggedIn_AndEndsTheOtherLogins()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var api = await App.ApiClientAsync("pyx");
        var browser = await App.LoginAsync("pyx");

        var done = await browser.PostFormAsync("/account/password", "/account/password",
            new Dictionary<string, string> { ["CurrentPassword"] = KeyProjectsApp.Password, ["NewPassword"] = "New-pass-2026" });

        done.Url.ShouldContain("/projects");
        (await browser.GetAsync("/projects")).Url.ShouldNotContain("/login");
        (await api.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ADeactivationOnOneServer_EndsTheTokenOnAnother_WithinTheCheckInterval()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var token = (await App.ApiClientAsync("pyx")).DefaultRequestHeaders.Authorization;
        await using var second = App.WithWebHostBuilder(_ => { });
        var other = second.CreateClient();
        other.DefaultRequestHeaders.Authorization = token;
        (await other.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await SetActiveOnThePageAsync("pyx", false);
        App.Clock.Advance(TimeSpan.FromSeconds(5));

        (await other.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAdministratorsLogin_EndsAfter30IdleMinutes_AnyoneElsesAfter8Hours_AndActivityKeepsItAlive()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var admin = await App.LoginAsync("admin");
        var staff = await App.LoginAsync("pyx");

        App.Clock.Advance(TimeSpan.FromMinutes(20));
        (await admin.GetAsync("/projects")).Url.ShouldNotContain("/login");
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        (await admin.GetAsync("/projects")).Url.ShouldNotContain("/login", customMessage: "40 minutes after login, 20 idle");
        App.Clock.Advance(TimeSpan.FromMinutes(31));
        (await admin.GetAsync("/projects")).Url.ShouldContain("/login", customMessage: "31 idle minutes end an administrator's login");

        (await staff.GetAsync("/projects")).Url.ShouldNotContain("/login", customMessage: "71 idle minutes do not end a staff member's");
        App.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        (await staff.GetAsync("/projects")).Url.ShouldContain("/login");
    }

    private async Task SetActiveOnThePageAsync(string userName, bool active)
    {
        var admin = await App.LoginAsync("admin");
        var row = UserRow(await admin.GetAsync("/admin/users"), userName);
        var form = row.QuerySelector("form[action$='/active']")!;
        var fields = BrowserClient.FieldsOf(form).Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value);
        fields["Active"].ShouldBe(active ? "true" : "false");
        (await admin.PostFormAsync("/admin/users", form.GetAttribute("action")!, fields)).Status.ShouldBe(HttpStatusCode.OK);
    }

    private static AngleSharp.Dom.IElement UserRow(Page page, string userName) =>
        page.All("[data-testid=user-table] tbody tr").Single(r => r.Children[0].TextContent.Trim() == userName);

    private Task<string> UserIdAsync(string userName) => App.WithServicesAsync(sp =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            sp.GetRequiredService<Web.Data.AppDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id)));

    private async Task<JsonElement> TokensAsync(string userName, string password)
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    private HttpClient Bearer(string token)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Dictionary<string, object?> Renamed(JsonElement current, string name)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(current.GetRawText())!;
        body.Remove("orgName");
        body["name"] = name;
        return body;
    }
}

public sealed class SessionTestsSqlite : SessionTests<SqliteTestDatabase>;

public sealed class SessionTestsPostgres : SessionTests<PostgresTestDatabase>;
