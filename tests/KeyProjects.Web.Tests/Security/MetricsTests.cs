using System.Net;
using KeyProjects.Web.Tests.Infrastructure;
using KeyProjects.Web.Tests.Problems;

namespace KeyProjects.Web.Tests.Security;

/// <summary>Issue 12, point 14: /metrics serves request durations and the app's own meters to this host, and nothing to others.</summary>
public abstract class MetricsTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task Metrics_HoldRequestDurationsAndTheAppsCounters_ForThisHostOnly()
    {
        var world = await ProblemWorld.SeedAsync(App);
        var staff = await App.ApiClientAsync("pyx");
        await ProblemWorld.RaiseAsync(staff, world.Raise());

        var scrape = await App.CreateClient().GetAsync("/metrics");

        scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await scrape.Content.ReadAsStringAsync();
        text.ShouldContain("http_server_request_duration_seconds");
        text.ShouldContain("keyprojects_problems_raised_total");
        await using var outside = RemoteAddress.From(App, IPAddress.Parse("203.0.113.5"));
        (await outside.CreateClient().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var local = RemoteAddress.From(App, IPAddress.Loopback);
        (await local.CreateClient().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class MetricsTestsSqlite : MetricsTests<SqliteTestDatabase>;

public sealed class MetricsTestsPostgres : MetricsTests<PostgresTestDatabase>;
