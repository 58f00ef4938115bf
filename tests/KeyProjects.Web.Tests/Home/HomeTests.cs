using System.Net;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Tests.Infrastructure;
using KeyProjects.Web.Tests.Problems;

namespace KeyProjects.Web.Tests.Home;

/// <summary>
/// The 工作台 (issue 13): each role lands on its work, every count leads to a list holding exactly what it counts, and
/// the page, the API and the menus follow the rights table. 濮阳县 on Monday 23 November 2026: the period being reported
/// is October (November's window opens on the 25th), whose deadline (5 November) has passed.
/// </summary>
public abstract class HomeTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private const string Unit = "测试项目单位有限公司";

    private async Task<(ProblemWorld World, string Reported, string Owed)> SeedAsync()
    {
        var world = await ProblemWorld.SeedAsync(App);
        var plan = new[] { new YearPlanDraft(2026, 10_000m, ConstructionKind.New) };
        var reported = await App.CreateProjectAsync(Builders.Project(world.County, name: "濮阳县新材料产业园") with { UnitName = Unit, YearPlans = plan });
        var owed = await App.CreateProjectAsync(Builders.Project(world.County, name: "濮阳县冷链物流中心") with { UnitName = Unit, YearPlans = plan });
        var unit = await App.LoginAsync("unit");
        var url = $"/reports/{reported}/2026-10";
        var done = await unit.PostFormAsync(url, url, new Dictionary<string, string>
        {
            ["MonthCompleted"] = "800", ["FundsLocal"] = "100", ["StartStatus"] = "Started", ["Workers"] = "40", ["ImageProgress"] = "基础施工",
            ["Version"] = "", ["Action"] = "submit",
        });
        done.Url.ShouldContain("done=submitted");
        await ProblemWorld.RaiseAsync(await App.ApiClientAsync("pyx"), world.Raise());
        return (world, reported, owed);
    }

    private static Dictionary<string, (int Count, string Href, string Css)> Items(Page home) =>
        home.All("[data-testid=work-item]").ToDictionary(a => a.GetAttribute("data-key")!,
            a => (int.Parse(a.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture), a.GetAttribute("href")!,
                a.QuerySelector(".badge")!.ClassName ?? ""));

    [Fact]
    public async Task Staff_LandsOnTheWorkbench_EachCountLeadsToTheListHoldingExactlyWhatItCounts()
    {
        var (_, reported, owed) = await SeedAsync();
        var staff = await App.LoginAsync("pyx");
        var home = await staff.GetAsync("/");
        home.Status.ShouldBe(HttpStatusCode.OK);
        home.Url.ShouldEndWith("/");
        var items = Items(home);

        items["Home.Item.ReportsToReview"].Count.ShouldBe(1);
        var review = await staff.GetAsync(items["Home.Item.ReportsToReview"].Href);
        review.All("table[data-testid=report-list] tbody tr[data-code]").Select(r => r.GetAttribute("data-code")).ShouldBe([reported]);

        // October's deadline has passed: what is still owed is late, in red, and the list holds those projects.
        var missing = items["Home.Item.ReportsMissing"];
        missing.Count.ShouldBe(1);
        missing.Css.ShouldContain("bg-red");
        (await staff.GetAsync(missing.Href)).All("table[data-testid=report-list] tbody tr[data-code]").Select(r => r.GetAttribute("data-code")).ShouldBe([owed]);

        // Staff handle, verify and dispatch problems (the rights table): the raised one waits to be accepted; the county's glance is there.
        items["Home.Item.ProblemsToAccept"].Count.ShouldBe(1);
        (await staff.GetAsync(items["Home.Item.ProblemsToAccept"].Href)).All("[data-testid=problem-row]").Count.ShouldBe(1);
        items["Home.Item.ProblemsToVerify"].Count.ShouldBe(0);
        items.ShouldNotContainKey("Home.Item.ProblemsOpen");
        home.One("[data-testid=glance]").ShouldNotBeNull();
        home.Text("[data-testid=glance] .card-title").ShouldContain("濮阳县");
    }

    [Fact]
    public async Task Department_SeesTheProblemToAccept_AndItsNotice_AndNoMeetingsOrVisitsInTheMenu()
    {
        await SeedAsync();
        var land = await App.LoginAsync("land");
        var home = await land.GetAsync("/");
        var items = Items(home);
        items["Home.Item.ProblemsToAccept"].Count.ShouldBe(1);
        var list = await land.GetAsync(items["Home.Item.ProblemsToAccept"].Href);
        list.All("[data-testid=problem-row]").Count.ShouldBe(1);
        items["Home.Item.Unread"].Count.ShouldBeGreaterThan(0);
        items.ShouldNotContainKey("Home.Item.ReportsToReview");
        items.ShouldNotContainKey("Home.Item.ReportsMissing");
        home.Url.ShouldEndWith("/");
        home.One("a.nav-link[href='/meetings']").ShouldBeNull();
        home.One("a.nav-link[href='/visits/compliance']").ShouldBeNull();
        home.One("a.nav-link[href='/meetings/tasks']").ShouldNotBeNull();
    }

    [Fact]
    public async Task ProjectUnit_SeesItsProjects_ThisMonthsReport_AndItsOpenProblems_ButNoMeetingsOrVisits()
    {
        var (_, reported, owed) = await SeedAsync();
        var unit = await App.LoginAsync("unit");
        var home = await unit.GetAsync("/");
        home.One("[data-testid=glance]").ShouldBeNull();
        home.Text($"[data-testid=project-card][data-code='{reported}'] [data-testid=card-report]").ShouldBe("报送");
        home.Text($"[data-testid=project-card][data-code='{owed}'] [data-testid=card-report]").ShouldBe("未报");
        home.One($"[data-testid=project-card][data-code='{owed}'] [data-testid=card-fill]")!.GetAttribute("href").ShouldBe($"/reports/{owed}/2026-10");
        var items = Items(home);
        items["Home.Item.ReportsMissing"].Count.ShouldBe(1);
        items["Home.Item.ProblemsOpen"].Count.ShouldBe(1);
        items.ShouldNotContainKey("Home.Item.TasksToReport");
        items.ShouldNotContainKey("Home.Item.VisitsOwed");
        home.One("a.nav-link[href='/meetings']").ShouldBeNull();
        home.One("a.nav-link[href='/visits/compliance']").ShouldBeNull();
        home.One("a.nav-link[href='/meetings/tasks']").ShouldBeNull();
    }

    [Fact]
    public async Task Login_LandsOnTheWorkbench_AndTheApiGivesTheSameCounts_InTheCallersLanguage()
    {
        await SeedAsync();
        var browser = App.Browser();
        var login = await browser.GetAsync("/login");
        var landed = await browser.PostFormAsync("/login", "/login", new Dictionary<string, string>
        {
            ["UserName"] = "pyx", ["Password"] = KeyProjectsApp.Password, ["ReturnUrl"] = "/",
        });
        landed.Url.ShouldEndWith("/");
        landed.One("[data-testid=todo]").ShouldNotBeNull();
        var page = Items(landed);

        var api = await App.ApiClientAsync("pyx");
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var json = await (await api.GetAsync("/api/v1/home")).JsonAsync();
        json.Str("period").ShouldBe("2026-10");
        var items = json.GetProperty("items").EnumerateArray().ToDictionary(i => i.Str("key")!, i => i);
        items.Keys.ShouldBe(page.Keys, ignoreOrder: true);
        foreach (var (key, (count, href, _)) in page)
        {
            items[key].GetProperty("count").GetInt32().ShouldBe(count, key);
            items[key].Str("href").ShouldBe(href);
        }
        items["Home.Item.ReportsToReview"].Str("text").ShouldBe("Reports awaiting review");
        items["Home.Item.ReportsMissing"].Str("tone").ShouldBe("Late");
        json.GetProperty("glance").GetProperty("orgName").GetString().ShouldBe("濮阳县");
        login.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheProjectPage_ShowsProgress_LatestReportAndItsState_OpenProblems_AndNothingOutsideTheCallersScope()
    {
        var (world, reported, owed) = await SeedAsync();
        var staff = await App.LoginAsync("pyx");
        var page = await staff.GetAsync($"/projects/{reported}");
        page.One("[data-testid=progress-slot]")!.GetAttribute("hx-get").ShouldBe($"/projects/{reported}/progress");

        var panel = await staff.GetAsync($"/projects/{reported}/progress");
        panel.Text("[data-testid=progress-status]").ShouldBe("报送");
        panel.Text("[data-testid=progress-ytd-value]").ShouldBe("800");
        panel.Text("[data-testid=progress-rate-value]").ShouldBe("8.0%");
        panel.One("[data-testid=progress-ytd-value]")!.GetAttribute("href").ShouldBe($"/reports/{reported}/2026-10");
        (await staff.GetAsync($"/projects/{owed}/progress")).Text("[data-testid=progress-status-value]").ShouldBe("未报");
        var withProblem = await staff.GetAsync($"/projects/{world.Project}/progress");
        withProblem.Text("[data-testid=progress-problems-value]").ShouldBe("1");

        var elsewhere = await App.LoginAsync("nl");
        (await elsewhere.GetAsync($"/projects/{reported}/progress")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class HomeTestsSqlite : HomeTests<SqliteTestDatabase>;

public sealed class HomeTestsPostgres : HomeTests<PostgresTestDatabase>;
