using System.Globalization;
using System.Text.RegularExpressions;
using KeyProjects.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace KeyProjects.Browser.Tests;

/// <summary>
/// Issue 4's scenario in Chromium: the project unit 君恒生物 (工业园区) raises a problem on its phone on Sunday 22 November
/// 2026, due in three working days; on Thursday (the test clock moves) it is overdue and the escalation sweep moves it
/// up to 工业园区's weekly meeting; the zone's land bureau answers; the zone's chief service officer verifies and closes it
/// (销号); the zone's statistics count one more problem solved.
/// </summary>
public sealed class ProblemJourneyTests : BrowserTest
{
    [Fact]
    public async Task UnitRaises_ItEscalatesWhenOverdue_DepartmentAnswers_OfficerCloses_AndTheStatisticsChange()
    {
        // 1. The unit, on its phone, raises the problem from its project's page.
        var phone = await NewPageAsync(Phone, phone: true);
        await phone.LogInAsync("junheng", LiveApp.DemoPassword);
        await phone.GoToAsync("/projects");
        var project = phone.Locator("#project-results tbody tr[data-code]").First;
        var code = await project.GetAttributeAsync("data-code");
        await phone.GoToAsync($"/projects/{code}");
        await phone.ClickToAsync(phone.Locator("[data-testid=raise-problem-link]"), new Regex("/problems/new"));
        await phone.Locator("#Title").FillAsync("二期用地指标未下达，影响储罐区开工");
        await phone.Locator("#Description").FillAsync("二期 85 亩用地已列入计划，指标尚未下达。");
        await phone.Locator("#Category").SelectOptionAsync("Land");
        await phone.Locator("#DepartmentOrgId").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "工业园区自然资源局" });
        await ScreenshotAsync(phone, "problem-raise-phone");
        await phone.ClickToAsync(phone.Locator("[data-testid=raise-submit]"), new Regex(@"/problems/\d+\?done=problem-raised"));
        var url = new Uri(phone.Url).AbsolutePath;
        await Expect(phone.Locator("[data-testid=problem-status]")).ToHaveTextAsync("待受理");
        await Expect(phone.Locator("[data-testid=problem-due]")).ToHaveTextAsync("2026-11-25"); // Sunday + 3 working days
        await Expect(phone.Locator("[data-testid=problem-level]")).ToContainTextAsync("第1级");

        // 2. Thursday: overdue. The administrator runs the sweep (the background does the same every 10 minutes).
        App.Clock.Current = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));
        var admin = await NewPageAsync(Desktop);
        await admin.LogInAsync("demo.admin", LiveApp.DemoPassword);
        await admin.GoToAsync("/problems");
        await admin.ClickToAsync(admin.Locator("[data-testid=run-sweep]"), new Regex("swept="));
        await Expect(admin.Locator("[data-testid=swept]")).ToBeVisibleAsync();
        await admin.GoToAsync(url);
        await Expect(admin.Locator("[data-testid=problem-level]")).ToContainTextAsync("第2级 县区周例会研究");
        await Expect(admin.Locator("[data-testid=problem-due]")).ToHaveClassAsync(new Regex("text-danger"));
        await Expect(admin.Locator("[data-testid=problem-history] li[data-action=AutoEscalated]")).ToHaveCountAsync(1);

        // 3. The zone's land bureau answers.
        var department = await NewPageAsync(Desktop);
        await department.LogInAsync("gyq.zrj", LiveApp.DemoPassword);
        await department.GoToAsync("/problems?overdue=true");
        await department.ClickToAsync(department.Locator($"[data-testid=problem-row] a[href='{url}']"), new Regex(Regex.Escape(url)));
        await department.Locator("#answer-text").FillAsync("已报请市局调剂用地指标 85 亩，12 月上旬下达。");
        await department.ClickToAsync(department.Locator("[data-testid=act-answer]"), new Regex("done=problem-updated"));
        await Expect(department.Locator("[data-testid=problem-status]")).ToHaveTextAsync("已办结待核实");

        // 4. The zone's chief service officer looks at the statistics, verifies and closes it; one more solved.
        var officer = await NewPageAsync(Desktop);
        await officer.LogInAsync("gyq.fuwu", LiveApp.DemoPassword);
        await officer.GoToAsync("/problems/stats");
        var solvedBefore = int.Parse(await officer.Locator("[data-testid=kpi-solved-value]").InnerTextAsync(), CultureInfo.InvariantCulture);
        var raised = int.Parse(await officer.Locator("[data-testid=kpi-raised-value]").InnerTextAsync(), CultureInfo.InvariantCulture);
        await officer.GoToAsync(url);
        await officer.Locator("#verify-sat").SelectOptionAsync("5");
        await officer.ClickToAsync(officer.Locator("[data-testid=act-verify]"), new Regex("done=problem-updated"));
        await Expect(officer.Locator("[data-testid=problem-status]")).ToHaveTextAsync("已销号");
        await officer.GoToAsync("/problems/stats");
        await Expect(officer.Locator("[data-testid=kpi-solved-value]")).ToHaveTextAsync((solvedBefore + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(officer.Locator("[data-testid=kpi-raised-value]")).ToHaveTextAsync(raised.ToString(CultureInfo.InvariantCulture));
        await ScreenshotAsync(officer, "problem-stats-after");
    }
}
