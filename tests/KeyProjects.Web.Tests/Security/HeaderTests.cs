using System.Net;
using System.Text.RegularExpressions;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Security;

/// <summary>
/// Issue 12, point 7: every response — pages, API, static files, errors, the login form — carries the
/// Content-Security-Policy, nosniff and anti-framing headers, and no page holds an inline script or event handler that
/// the policy would refuse (the browser suite fails on any violation it meets).
/// </summary>
public abstract partial class HeaderTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Theory]
    [InlineData("/login", false)]
    [InlineData("/projects", true)]
    [InlineData("/api/v1/orgs", true)]
    [InlineData("/api/v1/orgs", false)]
    [InlineData("/js/app.js", false)]
    [InlineData("/no-such-page", true)]
    [InlineData("/openapi/v1.json", false)]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path, bool loggedIn)
    {
        var client = loggedIn ? (path.StartsWith("/api", StringComparison.Ordinal) ? await App.ApiClientAsync("admin") : (await App.LoginAsync("admin")).Http) : App.CreateClient();

        var response = await client.GetAsync(path);

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self';");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["same-origin"]);
    }

    [Theory]
    [InlineData("/lib/htmx/htmx.min.js", "text/javascript")]
    [InlineData("/lib/tabler/css/tabler.min.css", "text/css")]
    [InlineData("/js/app.js", "text/javascript")]
    public async Task StaticFiles_AreServed_WithTheirTypeAndETag(string path, string type)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        var response = await App.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        response.Headers.ETag.ShouldNotBeNull(path);
    }

    [Fact]
    public async Task NoPage_HoldsAnInlineScriptOrEventHandler()
    {
        var admin = await App.LoginAsync("admin");
        foreach (var path in new[] { "/login", "/projects", "/projects/new", "/projects/import", "/dashboard", "/reports", "/reports/history", "/problems",
                     "/problems/new", "/problems/stats", "/admin/users", "/admin/orgs", "/admin/calendar", "/meetings", "/meetings/tasks", "/visits",
                     "/visits/compliance", "/notices", "/audit", "/account/password", "/daily/missing" })
        {
            var page = await admin.GetAsync(path);
            page.Status.ShouldBe(HttpStatusCode.OK, path);
            InlineHandler().Matches(page.Html).Select(m => m.Value).ShouldBeEmpty(path);
            page.All("script:not([src])").Where(s => s.GetAttribute("type") != "application/json").ShouldBeEmpty(path);
            page.Html.ShouldNotContain("javascript:", Case.Insensitive, path);
        }
    }

    [GeneratedRegex(@"\s(on[a-z]+|hx-on[:\-][a-z:\-]*)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}

public sealed class HeaderTestsSqlite : HeaderTests<SqliteTestDatabase>;

public sealed class HeaderTestsPostgres : HeaderTests<PostgresTestDatabase>;
