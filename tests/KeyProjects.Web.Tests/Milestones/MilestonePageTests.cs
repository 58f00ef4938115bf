using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Milestones;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Milestones;

/// <summary>The milestones page over HTTP, as a browser posts its forms. Today is 2026-11-22.</summary>
public abstract class MilestonePageTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private async Task<(BrowserClient Browser, string Code)> StaffWithProjectAsync(decimal? plan2023 = 1_200m)
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县"), plan2023: plan2023));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return (await App.LoginAsync("pyx"), code);
    }

    private static string Url(string code) => $"/projects/{code}/milestones";

    private static Task<Page> AddAsync(BrowserClient b, string code, string name, string planned, string? actual = null) =>
        b.PostPairsAsync(Url(code), Url(code), [new("Name", name), new("Owner", "县发改委"), new("PlannedDate", planned), new("ActualDate", actual ?? ""), new("SortOrder", "10"), new("Note", "")]);

    [Fact]
    public async Task TheProjectPage_LinksToTheMilestones()
    {
        var (browser, code) = await StaffWithProjectAsync();
        var detail = await browser.GetAsync($"/projects/{code}");
        detail.One("[data-testid=milestones-link]")!.GetAttribute("href").ShouldBe(Url(code));
        detail.Text("[data-testid=milestones-link]").ShouldBe("节点计划");
    }

    [Fact]
    public async Task AddingMilestones_ShowsThemInTheLedger_OverdueInRed_WithTheGanttData()
    {
        var (browser, code) = await StaffWithProjectAsync();
        (await AddAsync(browser, code, "完成施工许可", "2026-11-01")).Url.ShouldContain("done=saved");
        await AddAsync(browser, code, "主体封顶", "2026-12-31");
        await AddAsync(browser, code, "土地摘牌", "2026-10-01", actual: "2026-10-08");

        var page = await browser.GetAsync(Url(code));

        var rows = page.All("[data-testid=milestone-row]");
        rows.Count.ShouldBe(3);
        var overdue = rows.Single(r => r.TextContent.Contains("完成施工许可"));
        overdue.ClassList.ShouldContain("table-danger");
        overdue.QuerySelector("[data-testid=status]")!.TextContent.Trim().ShouldBe("逾期");
        overdue.QuerySelector("[data-testid=days-late]")!.TextContent.Trim().ShouldBe("滞后 21 天");
        rows.Single(r => r.TextContent.Contains("土地摘牌")).QuerySelector("[data-testid=days-late]")!.TextContent.Trim().ShouldBe("滞后 7 天");
        rows.Single(r => r.TextContent.Contains("主体封顶")).QuerySelector("[data-testid=status]")!.TextContent.Trim().ShouldBe("未到期");
        var gantt = page.One("[data-testid=gantt]")!.GetAttribute("data-gantt")!;
        gantt.ShouldContain("\"custom_class\":\"ms-overdue\"");
        gantt.ShouldContain("\"baseline\":\"2026-11-01\"");
        page.Html.ShouldContain("/lib/frappe-gantt/frappe-gantt.umd.js");
    }

    [Fact]
    public async Task EditingTheDate_WithoutAReason_ShowsTheMessageAtTheField_AndKeepsWhatWasTyped()
    {
        var (browser, code) = await StaffWithProjectAsync();
        await AddAsync(browser, code, "主体封顶", "2026-12-31");
        var id = (await browser.GetAsync(Url(code))).One("[data-testid=milestone-row]")!.GetAttribute("data-id");

        var page = await browser.PostPairsAsync(Url(code), $"{Url(code)}/{id}",
            [new("Name", "主体封顶"), new("PlannedDate", "2027-02-28"), new("SortOrder", "10"), new("Version", "1"), new("ReasonCode", ""), new("ReasonNote", "")]);

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Text("[data-field-error=ReasonCode]").ShouldBe("修改计划完成日期须选择调整原因。");
        page.One("[data-testid=edit-form] input[name=PlannedDate]")!.GetAttribute("value").ShouldBe("2027-02-28");
        (await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Milestones.SingleAsync())).PlannedDate.ShouldBe(new DateOnly(2026, 12, 31));
    }

    [Fact]
    public async Task EditingTheDate_WithAReason_OverHtmx_ReturnsTheSectionWithTheChangeHistory()
    {
        var (browser, code) = await StaffWithProjectAsync();
        await AddAsync(browser, code, "主体封顶", "2026-12-31");
        var id = (await browser.GetAsync(Url(code))).One("[data-testid=milestone-row]")!.GetAttribute("data-id");
        var form = await browser.GetAsync($"{Url(code)}?edit={id}");
        var token = form.One("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url(code)}/{id}")
        {
            Content = new FormUrlEncodedContent([new("Name", "主体封顶"), new("PlannedDate", "2027-01-31"), new("SortOrder", "10"), new("Version", "1"),
                new("ReasonCode", "Weather"), new("ReasonNote", "冬季停工"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Target", MilestonePages.SectionTarget);

        var response = await browser.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain("<html");
        var section = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        section.QuerySelector("[data-testid=milestone-saved]").ShouldNotBeNull();
        var change = section.QuerySelector("[data-testid=change-row]")!.TextContent;
        change.ShouldContain("2026-12-31");
        change.ShouldContain("2027-01-31");
        change.ShouldContain("天气季节");
        change.ShouldContain("冬季停工");
        section.QuerySelector("[data-testid=days-late]")!.TextContent.Trim().ShouldBe("滞后 31 天");
    }

    [Fact]
    public async Task RecordingTheActualDate_EndsOverdue()
    {
        var (browser, code) = await StaffWithProjectAsync();
        await AddAsync(browser, code, "完成施工许可", "2026-11-01");
        var row = (await browser.GetAsync(Url(code))).One("[data-testid=milestone-row]")!;

        var page = await browser.PostPairsAsync(Url(code), $"{Url(code)}/{row.GetAttribute("data-id")}/actual", [new("ActualDate", "2026-11-20"), new("Version", "1")]);

        page.Url.ShouldContain("done=saved");
        var done = page.One("[data-testid=milestone-row]")!;
        done.QuerySelector("[data-testid=actual]")!.TextContent.Trim().ShouldBe("2026-11-20");
        done.QuerySelector("[data-testid=status]")!.TextContent.Trim().ShouldBe("已完成");
    }

    [Fact]
    public async Task MonthlyPlan_SpreadEvenly_FillsTheForm_AndSavingItShowsCumulativeAndTotal()
    {
        var (browser, code) = await StaffWithProjectAsync(plan2023: 1_200m);

        var filled = await browser.GetAsync($"{Url(code)}?year=2023&fill=even");
        filled.One("input[name='Months[1]']")!.GetAttribute("value").ShouldBe("100");
        var fields = BrowserClient.FieldsOf(filled.One("[data-testid=plan-form]")!);
        var saved = await browser.PostPairsAsync($"{Url(code)}?year=2023", $"/projects/{code}/monthly-plans/2023", fields);

        saved.Url.ShouldContain("done=saved");
        saved.Text("[data-testid=plan-total]").ShouldBe("1,200");
        var june = saved.All("[data-testid=plan-row]")[5];
        june.QuerySelector(".plan-cum")!.TextContent.Trim().ShouldBe("600");
        june.QuerySelector(".plan-pct")!.TextContent.Trim().ShouldBe("50.0%");
    }

    [Fact]
    public async Task MonthlyPlan_BadCellsAndAWrongSum_AreShownInTheForm_AndNothingIsWritten()
    {
        var (browser, code) = await StaffWithProjectAsync(plan2023: 1_200m);
        var cells = Enumerable.Range(1, 12).Select(m => new KeyValuePair<string, string>($"Months[{m}]", "100")).ToList();
        cells[2] = new("Months[3]", "一百");
        cells.Add(new("Version", "0"));

        var bad = await browser.PostPairsAsync($"{Url(code)}?year=2023", $"/projects/{code}/monthly-plans/2023", cells);
        cells[2] = new("Months[3]", "50");
        var wrongSum = await browser.PostPairsAsync($"{Url(code)}?year=2023", $"/projects/{code}/monthly-plans/2023", cells);

        bad.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        bad.Text("[data-field-error='Months[3]']").ShouldBe("请输入数字（如 12345.67）。");
        bad.One("input[name='Months[3]']")!.GetAttribute("value").ShouldBe("一百");
        wrongSum.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        wrongSum.Text("[data-testid=plan-error]").ShouldBe("12 个月合计 1,150 万元，与年度计划投资 1,200 万元相差 -50 万元，请调整后再保存。");
        (await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().ProjectMonthlyPlans.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task MonthlyPlan_AStaleForm_SaysSomeoneElseSaved_AndKeepsTheTypedCells()
    {
        var (browser, code) = await StaffWithProjectAsync(plan2023: 1_200m);
        var even = Enumerable.Range(1, 12).Select(m => new KeyValuePair<string, string>($"Months[{m}]", "100")).Append(new("Version", "0")).ToList();
        (await browser.PostPairsAsync($"{Url(code)}?year=2023", $"/projects/{code}/monthly-plans/2023", even)).Url.ShouldContain("done=saved");
        var mine = Enumerable.Range(1, 12).Select(m => new KeyValuePair<string, string>($"Months[{m}]", m == 1 ? "1200" : "0")).Append(new("Version", "0")).ToList();

        var page = await browser.PostPairsAsync($"{Url(code)}?year=2023", $"/projects/{code}/monthly-plans/2023", mine);

        page.Status.ShouldBe(HttpStatusCode.Conflict);
        page.Text("[data-testid=plan-conflict]").ShouldStartWith("该记录已被他人修改");
        page.One("input[name='Months[1]']")!.GetAttribute("value").ShouldBe("1200");
        var rows = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().ProjectMonthlyPlans.ToListAsync());
        rows.ShouldAllBe(r => r.PlannedInvestment == 100m);
    }

    [Fact]
    public async Task AReadOnlyUser_SeesTheLedgerWithoutForms()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        await App.CreateUserAsync("leader", Role.Leader, "濮阳县");
        var browser = await App.LoginAsync("leader");

        var page = await browser.GetAsync(Url(code));

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.One("[data-testid=new-form]").ShouldBeNull();
        page.One("input[name='Months[1]']").ShouldBeNull();
        page.One("[data-testid=plan-table]").ShouldNotBeNull();
    }

    [Fact]
    public async Task AnotherCountysProject_IsNotFound()
    {
        var other = await App.CreateProjectAsync(Builders.Project(await OrgAsync("南乐县")));
        var (browser, _) = await StaffWithProjectAsync();
        (await browser.GetAsync(Url(other))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ThePage_InEnglish_UsesTheEnglishTexts()
    {
        var (browser, code) = await StaffWithProjectAsync();
        await browser.GetAsync($"/culture/en?returnUrl={Url(code)}");
        var page = await browser.GetAsync(Url(code));
        page.Html.ShouldContain("Milestone ledger");
        page.Html.ShouldContain("2023 monthly investment schedule");
    }
}

public sealed class MilestonePageTestsSqlite : MilestonePageTests<SqliteTestDatabase>;

public sealed class MilestonePageTestsPostgres : MilestonePageTests<PostgresTestDatabase>;
