using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Reports;

public abstract class ReportPageTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private const string Unit = "濮阳君恒生物科技有限公司";

    private async Task<string> SetUpAsync()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        await App.CreateOrgAsync("濮阳县", Unit, OrgKind.ProjectUnit);
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县"), plan2023: 20_000m, total: 50_000m, name: "君恒生物年产30万吨生物新能源项目") with { UnitName = Unit });
        await App.CreateUserAsync("junheng", Role.ProjectUnit, Unit);
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return code;
    }

    private static Dictionary<string, string> Fields(string month, string action = "submit", string version = "") => new()
    {
        ["MonthCompleted"] = month, ["FundsLocal"] = "1,000", ["StartStatus"] = "Started", ["Workers"] = "320", ["ImageProgress"] = "主体结构施工",
        ["Version"] = version, ["Action"] = action,
    };

    [Fact]
    public async Task Unit_FillsTheMonthOnTheForm_BadFiguresAreShownAtTheirFields_InChinese()
    {
        var code = await SetUpAsync();
        var unit = await App.LoginAsync("junheng");
        var url = $"/reports/{code}/2023-05";

        var form = await unit.GetAsync(url);
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Text("[data-testid=report-status]").ShouldBe("未报");

        var bad = await unit.PostFormAsync(url, url, Fields("一千"));
        bad.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        bad.Text("[data-field-error=MonthCompleted]").ShouldNotBeNullOrWhiteSpace();
        bad.One("#MonthCompleted")!.GetAttribute("value").ShouldBe("一千");

        var tooMuch = await unit.PostFormAsync(url, url, Fields("60000"));
        tooMuch.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        tooMuch.Text("[data-field-error=SinceStartCompleted]").ShouldContain("不能超过项目总投资");

        var done = await unit.PostFormAsync(url, url, Fields("9,091"));
        done.Status.ShouldBe(HttpStatusCode.OK);
        done.Url.ShouldContain("done=submitted");
        done.Text("[data-testid=report-status]").ShouldBe("报送");
        done.One("[data-testid=read-only]").ShouldNotBeNull();
        done.One("[data-testid=approve]").ShouldBeNull();

        var list = await unit.GetAsync("/reports?period=2023-05");
        list.Text($"tr[data-code='{code}'] [data-testid=status]").ShouldBe("报送");
    }

    [Fact]
    public async Task Staff_ApprovesOnThePage_TheDashboardShowsTheRate_AndTheLedgerExportsIt()
    {
        var code = await SetUpAsync();
        var unit = await App.LoginAsync("junheng");
        await unit.PostFormAsync($"/reports/{code}/2023-05", $"/reports/{code}/2023-05", Fields("9091"));
        var staff = await App.LoginAsync("pyx");

        var dashboardBefore = await staff.GetAsync("/dashboard?period=2023-05");
        dashboardBefore.Text("[data-testid=kpi-completion-value]").ShouldBe("0.0%");

        var returned = await staff.PostFormAsync($"/reports/{code}/2023-05", $"/reports/{code}/2023-05/review", new Dictionary<string, string> { ["Action"] = "return", ["Version"] = "1" });
        returned.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        returned.Text("[data-testid=review-error]").ShouldNotBeNullOrWhiteSpace();

        var approved = await staff.PostFormAsync($"/reports/{code}/2023-05", $"/reports/{code}/2023-05/review", new Dictionary<string, string> { ["Action"] = "approve", ["Version"] = "1" });
        approved.Url.ShouldContain("done=approved");
        approved.Text("[data-testid=report-status]").ShouldBe("审核通过");

        var dashboard = await staff.GetAsync("/dashboard?period=2023-05");
        dashboard.Text("[data-testid=kpi-completion-value]").ShouldBe("45.5%");
        dashboard.Text("[data-testid=kpi-points-value]").ShouldBe("+3.8");
        dashboard.Text("[data-testid=fastest]").ShouldContain("君恒生物");
        dashboard.One("#dashboard-data").ShouldNotBeNull();

        var ledger = await staff.Http.GetAsync("/dashboard/ledger.xlsx?period=2023-05");
        ledger.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Xlsx.Read(await ledger.Content.ReadAsByteArrayAsync());
        rows[0][0].ShouldBe("濮阳县重点项目2023年1-5月投资完成情况台账");
        rows[1][0].ShouldStartWith("单位：万元");
        rows[2].ShouldContain("当月完成投资（万元）");
        rows[2].ShouldContain("年初至报告期累计完成投资（万元）");
        rows[2].ShouldContain("占年计划（%）");
        rows[2].ShouldContain("开工至报告期累计完成投资（万元）");
        rows[2].ShouldContain("占总投资（%）");
        rows[2].ShouldContain("主要形象进度");
        var header = rows[2];
        var line = rows[3];
        line[header.IndexOf("项目代码")].ShouldBe(code);
        line[header.IndexOf("当月完成投资（万元）")].ShouldBe("9091");
        line[header.IndexOf("占年计划（%）")].ShouldBe("45.5");
        line[header.IndexOf("主要形象进度")].ShouldBe("主体结构施工");
        rows[4][header.IndexOf("项目名称")].ShouldBe("合计（1个）");
        rows[4][header.IndexOf("年初至报告期累计完成投资（万元）")].ShouldBe("9091");

        // Closing the month locks the report; the unit can no longer change it.
        var closed = await staff.PostFormAsync("/reports?period=2023-05", "/reports/close", new Dictionary<string, string> { ["period"] = "2023-05" });
        closed.Url.ShouldContain("done=closed");
        closed.One("[data-testid=closed-banner]").ShouldNotBeNull();
        (await unit.GetAsync($"/reports/{code}/2023-05")).Text("[data-testid=report-status]").ShouldBe("锁定");
        // The report's own trail says it was locked, from which state (issue 12), not only the closure's count.
        var admin = await App.ApiClientAsync("admin");
        var trail = await (await admin.GetAsync($"/api/v1/audit?entityType=MonthlyReport&entityKey={code}/2023-05")).JsonAsync();
        var locked = trail.GetProperty("items").EnumerateArray().First(i => i.Str("action") == "Locked");
        var change = locked.GetProperty("changes").EnumerateArray().Single();
        (change.Str("field"), change.Str("old"), change.Str("new")).ShouldBe(("Status", "Approved", "Locked"));
        locked.Str("userName").ShouldBe("pyx");
    }

    [Fact]
    public async Task Dashboard_OfANodeOutsideTheCallersSubtree_IsNotFound_AndAChildDrillsDown()
    {
        await SetUpAsync();
        var staff = await App.LoginAsync("pyx");
        (await staff.GetAsync($"/dashboard?org={await OrgAsync("南乐县")}")).Status.ShouldBe(HttpStatusCode.NotFound);
        await App.CreateUserAsync("pys", Role.Staff, "濮阳市");
        var city = await App.LoginAsync("pys");
        var page = await city.GetAsync("/dashboard?period=2023-05");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var link = page.All("[data-testid=child-link]").Single(a => a.TextContent == "濮阳县").GetAttribute("href")!;
        var child = await city.GetAsync(link);
        child.Text(".page-title").ShouldBe("濮阳县重点项目调度看板");
        child.One("[data-testid=up]").ShouldNotBeNull();
    }

    /// <summary>
    /// Month-end never jams (issue 13): a report that exists is on the list whatever its state or its project's plan, a
    /// refusal to close links to what holds it up, and from there the period can be closed.
    /// </summary>
    [Fact]
    public async Task MonthEnd_AReportInAnyState_IsListed_TheRefusalLinksToIt_AndThePeriodCloses()
    {
        var code = await SetUpAsync();
        var county = await OrgAsync("濮阳县");
        var others = new List<string>();
        foreach (var name in new[] { "草稿项目", "退回项目", "通过项目" })
            others.Add(await App.CreateProjectAsync(Builders.Project(county, plan2023: 10_000m, total: 30_000m, name: name) with { UnitName = Unit }));
        var noPlan = await App.CreateProjectAsync(Builders.Project(county, plan2023: null, total: 30_000m, name: "无计划项目") with { UnitName = Unit });
        var unit = await App.LoginAsync("junheng");
        var staff = await App.LoginAsync("pyx");

        // A project without the year's plan cannot be reported: the form says why and leads to the project; a post changes nothing.
        var form = await unit.GetAsync($"/reports/{noPlan}/2023-05");
        form.Text("[data-testid=read-only]").ShouldContain("没有 2023 年度计划投资");
        form.One("[data-testid=project-link]")!.GetAttribute("href").ShouldBe($"/projects/{noPlan}");
        var refused = await unit.PostFormAsync($"/reports/{noPlan}/2023-05", $"/reports/{noPlan}/2023-05", Fields("100"));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Text("[data-testid=form-errors]").ShouldContain("没有 2023 年度计划投资");
        (await unit.GetAsync("/reports?period=2023-05")).One($"tr[data-code='{noPlan}']").ShouldBeNull();

        // Reports in every state: submitted (then its plan removed from the registry), draft, returned, approved.
        (await unit.PostFormAsync($"/reports/{code}/2023-05", $"/reports/{code}/2023-05", Fields("9,091"))).Url.ShouldContain("done=submitted");
        (await unit.PostFormAsync($"/reports/{others[0]}/2023-05", $"/reports/{others[0]}/2023-05", Fields("100", action: "save"))).Status.ShouldBe(HttpStatusCode.OK);
        foreach (var other in others.Skip(1))
            (await unit.PostFormAsync($"/reports/{other}/2023-05", $"/reports/{other}/2023-05", Fields("200"))).Url.ShouldContain("done=submitted");
        (await staff.PostFormAsync($"/reports/{others[1]}/2023-05", $"/reports/{others[1]}/2023-05/review",
            new Dictionary<string, string> { ["Action"] = "return", ["Version"] = "1", ["Reason"] = "数字有误" })).Status.ShouldBe(HttpStatusCode.OK);
        (await staff.PostFormAsync($"/reports/{others[2]}/2023-05", $"/reports/{others[2]}/2023-05/review",
            new Dictionary<string, string> { ["Action"] = "approve", ["Version"] = "1" })).Url.ShouldContain("done=approved");
        await App.WithServicesAsync(async sp =>
        {
            var projects = sp.GetRequiredService<KeyProjects.Web.Features.Projects.ProjectService>();
            var project = (await projects.GetAsync(Actor.System("test"), code)).Value;
            var draft = Builders.Project(county, code: code, plan2023: null, total: 50_000m, name: project.Name) with { UnitName = Unit };
            (await projects.UpdateAsync(Actor.System("test"), code, project.Version, draft)).Succeeded.ShouldBeTrue();
        });

        var list = await staff.GetAsync("/reports?period=2023-05");
        list.Text($"tr[data-code='{code}'] [data-testid=status]").ShouldBe("报送");
        foreach (var other in others) list.One($"tr[data-code='{other}']").ShouldNotBeNull();

        var blocked = await staff.PostFormAsync("/reports?period=2023-05", "/reports/close", new Dictionary<string, string> { ["period"] = "2023-05" });
        blocked.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        blocked.Text("[data-testid=list-message]").ShouldContain("还有 1 份月报待审核");
        var waiting = await staff.GetAsync(blocked.One("[data-testid=blocking-link]")!.GetAttribute("href")!);
        var rows = waiting.All("table[data-testid=report-list] tbody tr[data-code]");
        rows.Select(r => r.GetAttribute("data-code")).ShouldBe([code]);

        // Follow the row to the report, approve it, close the month: every report is locked.
        var reportUrl = rows[0].QuerySelector("a")!.GetAttribute("href")!;
        var report = await staff.GetAsync(reportUrl);
        report.One("[data-testid=approve]").ShouldNotBeNull();
        (await staff.PostFormAsync(reportUrl, reportUrl + "/review", new Dictionary<string, string> { ["Action"] = "approve", ["Version"] = "1" }))
            .Url.ShouldContain("done=approved");
        var closed = await staff.PostFormAsync("/reports?period=2023-05", "/reports/close", new Dictionary<string, string> { ["period"] = "2023-05" });
        closed.Url.ShouldContain("done=closed");
        foreach (var c in others.Prepend(code)) closed.Text($"tr[data-code='{c}'] [data-testid=status]").ShouldBe("锁定");
    }

    /// <summary>Four eyes (issue 13): a staffer who typed and submitted a unit's figures cannot approve them; a colleague can.</summary>
    [Fact]
    public async Task AStaffer_CannotApproveTheReportTheyFilledIn_AColleagueCan()
    {
        var code = await SetUpAsync();
        await App.CreateUserAsync("pyx2", Role.Staff, "濮阳县");
        var staff = await App.LoginAsync("pyx");
        var url = $"/reports/{code}/2023-05";
        (await staff.PostFormAsync(url, url, Fields("9,091"))).Url.ShouldContain("done=submitted");

        var own = await staff.GetAsync(url);
        own.One("[data-testid=approve]").ShouldBeNull();
        own.One("[data-testid=own-report]").ShouldNotBeNull();
        own.Text("[data-testid=submitted-by]").ShouldStartWith("pyx");
        var refused = await staff.PostFormAsync(url, url + "/review", new Dictionary<string, string> { ["Action"] = "approve", ["Version"] = "1" });
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        (await staff.GetAsync(url)).Text("[data-testid=report-status]").ShouldBe("报送");

        var colleague = await App.LoginAsync("pyx2");
        (await colleague.PostFormAsync(url, url + "/review", new Dictionary<string, string> { ["Action"] = "approve", ["Version"] = "1" }))
            .Url.ShouldContain("done=approved");
    }
}

public sealed class ReportPageTestsSqlite : ReportPageTests<SqliteTestDatabase>;

public sealed class ReportPageTestsPostgres : ReportPageTests<PostgresTestDatabase>;
