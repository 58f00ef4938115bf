using KeyProjects.Web.Features.Visits;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static KeyProjects.Web.Tests.Visits.VisitFixture;

namespace KeyProjects.Web.Tests.Visits;

public abstract class VisitReminderTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private Task<int> RemindAsync() => App.WithServicesAsync(async sp =>
    {
        await using var scope = sp.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VisitService>().RemindShortfallsAsync();
    });

    [Fact]
    public async Task Reminders_FromThe20th_TellALeaderWhoStillOwesVisits_OnceAMonth_AndNotOneWhoIsDone()
    {
        var c = await SeedAsync(App);
        App.Clock.Set(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        (await RemindAsync()).ShouldBe(0); // too early in the month

        App.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(8)));
        var leader = await App.ApiClientAsync("zzh");
        (await leader.PostJsonAsync("/api/v1/visits", Visit(c.Park, date: "2026-11-20"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        (await RemindAsync()).ShouldBe(1); // the water plant still owes a visit
        (await RemindAsync()).ShouldBe(0);
        var inbox = await (await leader.GetAsync("/api/v1/notices")).JsonAsync();
        var notice = inbox.EnumerateArray().Single();
        notice.Str("kind").ShouldBe("VisitShortfall");
        notice.Str("link").ShouldBe("/visits/compliance?month=2026-11");

        (await leader.PostJsonAsync("/api/v1/visits", Visit(c.Water, date: "2026-11-21"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        App.Clock.Set(new DateTimeOffset(2026, 12, 21, 9, 0, 0, TimeSpan.FromHours(8)));
        (await RemindAsync()).ShouldBe(1); // a new month, nothing visited yet
    }
}

public sealed class VisitReminderTestsSqlite : VisitReminderTests<SqliteTestDatabase>;

public sealed class VisitReminderTestsPostgres : VisitReminderTests<PostgresTestDatabase>;
