using System.Globalization;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Reports;

/// <summary>
/// The county dashboard says where the county stands (issue 13): its place among its peers by 完成率 with the movement,
/// the same place the city's ranked unit table gives it, its rate against the city's, and "最慢" apart from "未报", each
/// project opening its page rather than a blank report.
/// </summary>
public abstract class DashboardStandingTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override bool DemoData => true;

    private static decimal Number(string text) =>
        decimal.Parse(text.Replace("%", "", StringComparison.Ordinal).Replace("+", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheCounty_SeesItsPlaceAmongItsPeers_TheSamePlaceTheCityRanksIt_AndItsRateAgainstTheCitys()
    {
        using var county = await App.LoginAsync("pyx.fgw", Features.Demo.DemoData.Password);
        using var city = await App.LoginAsync("py.fgw", Features.Demo.DemoData.Password);
        var mine = await county.GetAsync("/dashboard?period=2023-05");
        var ours = await city.GetAsync("/dashboard?period=2023-05");

        var me = mine.One("[data-testid=peer-row].table-active")!;
        me.TextContent.ShouldContain("濮阳县");
        var place = me.QuerySelector("td")!.TextContent.Trim();
        var rows = mine.All("[data-testid=peer-row]");
        rows.Count.ShouldBeGreaterThan(1);
        mine.Text("[data-testid=standing-rank-value]").ShouldBe($"第 {place} / {rows.Count} 名");

        // The city's unit table ranks the same units by the same figure.
        var cityRow = ours.All("[data-testid=children] tbody tr").Single(r => r.TextContent.Contains("濮阳县"));
        cityRow.QuerySelector("[data-testid=child-rank]")!.TextContent.Trim().ShouldBe(place);

        // Points against the city: the county's rate less the city's, as the two dashboards print them.
        var countyRate = Number(mine.Text("[data-testid=kpi-completion-value]"));
        var cityRate = Number(ours.Text("[data-testid=kpi-completion-value]"));
        Number(mine.Text("[data-testid=standing-vs-owner-value]")).ShouldBe(countyRate - cityRate, 0.11m);
    }

    [Fact]
    public async Task Slowest_HoldsOnlyProjectsThatReported_TheUnreportedAreTheirOwnList_AndEveryProjectOpensItsPage()
    {
        using var county = await App.LoginAsync("pyx.fgw", Features.Demo.DemoData.Password);
        var page = await county.GetAsync("/dashboard?period=2023-05");
        page.All("[data-testid=slowest] tbody tr").Count.ShouldBeGreaterThan(0);
        page.One("[data-testid=slowest] .badge.bg-red-lt").ShouldBeNull();
        foreach (var link in page.All("[data-testid=slowest] [data-testid=rank-project], [data-testid=fastest] [data-testid=rank-project], [data-testid=unreported] [data-testid=rank-project]"))
            link.GetAttribute("href")!.ShouldStartWith("/projects/");
        page.One("a[href^='/reports/'][data-testid=rank-project]").ShouldBeNull();
    }
}

public sealed class DashboardStandingTestsSqlite : DashboardStandingTests<SqliteTestDatabase>;

public sealed class DashboardStandingTestsPostgres : DashboardStandingTests<PostgresTestDatabase>;
