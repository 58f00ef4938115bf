using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Security;

/// <summary>
/// Issue 12, point 4: the working calendar and the escalation sweep act on the whole installation, so only an
/// administrator at the root may use them; a county's administrator is refused, on the API and on the pages, and nothing
/// changes.
/// </summary>
public abstract class CalendarAndSweepScopeTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task ACountyAdministrator_CannotChangeTheCalendar_OrRunTheSweep_TheRootAdministratorCan()
    {
        await App.CreateUserAsync("county.admin", Role.Admin, "濮阳县");
        var county = await App.ApiClientAsync("county.admin");

        (await county.PutJsonAsync("/api/v1/calendar/2026-11-24", new { kind = "Holiday", name = "县里放假" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await county.PostJsonAsync("/api/v1/problems/escalation-sweep", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var year = await (await county.GetAsync("/api/v1/calendar/2026")).JsonAsync();
        year.GetRawText().ShouldNotContain("县里放假");

        var countyPages = await App.LoginAsync("county.admin");
        (await countyPages.GetAsync("/admin/calendar")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await countyPages.GetAsync("/problems")).All("[data-testid=run-sweep]").ShouldBeEmpty();
        (await countyPages.GetAsync("/admin/users")).Status.ShouldBe(HttpStatusCode.OK, "a county administrator still administers its county's users");

        var root = await App.ApiClientAsync("admin");
        (await root.PutJsonAsync("/api/v1/calendar/2026-11-24", new { kind = "Holiday", name = "省里放假" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await root.PostJsonAsync("/api/v1/problems/escalation-sweep", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class CalendarAndSweepScopeTestsSqlite : CalendarAndSweepScopeTests<SqliteTestDatabase>;

public sealed class CalendarAndSweepScopeTestsPostgres : CalendarAndSweepScopeTests<PostgresTestDatabase>;
