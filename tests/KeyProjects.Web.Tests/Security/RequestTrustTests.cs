using System.Net;
using System.Net.Http.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeyProjects.Web.Tests.Security;

/// <summary>
/// Issue 12, points 2 and 3: the audit trail's address and the cookie's Secure flag follow forwarded headers only from
/// the configured proxies; after login and the language switch only local paths are followed.
/// </summary>
public abstract class RequestTrustTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task WithoutAConfiguredProxy_ForwardedHeadersAreIgnored_InTheAuditAndTheCookie()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        await using var app = From(IPAddress.Parse("198.51.100.7"));
        var admin = await TokenClientAsync(app);
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { userName = "xff.test", displayName = "转发测试", password = "Good-pass-2026", role = "Viewer", orgId = await App.OrgIdAsync("濮阳县") }),
        };
        create.Headers.Add("X-Forwarded-For", "203.0.113.9");
        create.Headers.Add("X-Forwarded-Proto", "https");
        (await admin.SendAsync(create)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await AuditedAddressAsync(admin, "xff.test")).ShouldBe("198.51.100.7");

        var login = await LoginResponseAsync(app, ("X-Forwarded-Proto", "https"));
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kp.auth=", StringComparison.Ordinal)).ShouldNotContain("secure", Case.Insensitive);
    }

    [Fact]
    public async Task FromAConfiguredProxy_TheForwardedAddressIsAudited_AndFromAnyOtherSenderItIsNot()
    {
        await using var proxied = From(IPAddress.Loopback, ("ForwardedHeaders:KnownProxies:0", "127.0.0.1"));
        var viaProxy = await TokenClientAsync(proxied);
        await CreateUserAsync(viaProxy, "via.proxy", "203.0.113.9");
        (await AuditedAddressAsync(viaProxy, "via.proxy")).ShouldBe("203.0.113.9");

        await using var direct = From(IPAddress.Parse("198.51.100.7"), ("ForwardedHeaders:KnownProxies:0", "127.0.0.1"));
        var notProxy = await TokenClientAsync(direct);
        await CreateUserAsync(notProxy, "not.proxy", "203.0.113.9");
        (await AuditedAddressAsync(notProxy, "not.proxy")).ShouldBe("198.51.100.7");

        await using var network = From(IPAddress.Parse("10.1.2.3"), ("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"));
        var viaNetwork = await TokenClientAsync(network);
        await CreateUserAsync(viaNetwork, "via.network", "203.0.113.10");
        (await AuditedAddressAsync(viaNetwork, "via.network")).ShouldBe("203.0.113.10");
    }

    [Theory]
    [InlineData("/\t/evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/projects\r\nSet-Cookie: planted=1")]
    [InlineData(" /projects")]
    public async Task AfterLogin_AReturnUrlThatIsNotALocalPath_GoesHome_AndNeverAnswers500(string returnUrl)
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var form = await App.Browser().GetAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.One("input[name=ReturnUrl]")!.GetAttribute("value").ShouldBe("/");

        var login = await LoginResponseAsync(App, ("ReturnUrl", returnUrl));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.ShouldBe("/");
        login.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeTrue();
        cookies!.ShouldNotContain(c => c.StartsWith("planted", StringComparison.Ordinal));

        var noRedirect = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var culture = await noRedirect.GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl));
        culture.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        culture.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task ALocalReturnUrl_IsFollowed_WithChineseInItsQueryEncoded()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var login = await LoginResponseAsync(App, ("ReturnUrl", "/projects?q=濮阳"));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.ShouldBe("/projects?q=%E6%BF%AE%E9%98%B3");
    }

    private WebApplicationFactory<Program> From(IPAddress remote, params (string Key, string Value)[] settings) => RemoteAddress.From(App, remote, settings);

    private static async Task<HttpClient> TokenClientAsync(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = KeyProjectsApp.AdminPassword });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await token.JsonAsync()).Str("accessToken"));
        return client;
    }

    private async Task CreateUserAsync(HttpClient admin, string userName, string forwardedFor)
    {
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { userName, displayName = userName, password = "Good-pass-2026", role = "Viewer", orgId = await App.OrgIdAsync("濮阳县") }),
        };
        create.Headers.Add("X-Forwarded-For", forwardedFor);
        (await admin.SendAsync(create)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task<string?> AuditedAddressAsync(HttpClient admin, string userName) =>
        (await (await admin.GetAsync($"/api/v1/audit?entityType=User&entityKey={userName}")).JsonAsync()).GetProperty("items")[0].GetProperty("remoteAddress").GetString();

    /// <summary>Posts the login form as a browser would (its token and cookie), without following the redirect.</summary>
    private static async Task<HttpResponseMessage> LoginResponseAsync(WebApplicationFactory<Program> app, params (string Key, string Value)[] extra)
    {
        var jar = new CookieContainer();
        var client = app.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar));
        var page = await new BrowserClient(client).GetAsync("/login");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.One("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["UserName"] = "pyx",
            ["Password"] = KeyProjectsApp.Password,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/login");
        foreach (var (key, value) in extra)
            if (key.StartsWith("X-", StringComparison.Ordinal)) request.Headers.Add(key, value);
            else fields[key] = value;
        request.Content = new FormUrlEncodedContent(fields);
        return await client.SendAsync(request);
    }
}

public sealed class RequestTrustTestsSqlite : RequestTrustTests<SqliteTestDatabase>;

public sealed class RequestTrustTestsPostgres : RequestTrustTests<PostgresTestDatabase>;
