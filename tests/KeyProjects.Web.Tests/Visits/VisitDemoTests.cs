using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Visits;

/// <summary>The demo's leaders and visits: the demo leader login holds projects, and last month has leaders on both sides.</summary>
public abstract class VisitDemoTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override bool DemoData => true;

    [Fact]
    public async Task Demo_LastMonthsCompliance_HasCompliantAndNonCompliantLeaders_AndTheDemoLeaderHoldsProjects()
    {
        using var leader = await App.LoginAsync("pyx.leader", Features.Demo.DemoData.Password);

        var form = await leader.GetAsync("/visits/new");
        var page = await leader.GetAsync("/visits/compliance?month=2026-10");

        form.Text("[data-testid=own-leader]").ShouldBe("张振华");
        form.All("#projectCode option[value]:not([value=''])").Count.ShouldBe(14); // 56 projects of 濮阳县 shared by four leaders
        var statuses = page.All("[data-testid=leader-row]").ToDictionary(r => r.GetAttribute("data-leader")!, r => r.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        statuses.Keys.Order().ShouldBe(["刘国强", "孙丽娟", "张振华", "马卫东"], ignoreOrder: true);
        statuses["张振华"].ShouldBe("已达标");
        statuses.Values.ShouldContain(s => s.StartsWith("未达标", StringComparison.Ordinal));
    }
}

public sealed class VisitDemoTestsSqlite : VisitDemoTests<SqliteTestDatabase>;

public sealed class VisitDemoTestsPostgres : VisitDemoTests<PostgresTestDatabase>;
