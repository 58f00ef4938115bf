using System.Text.RegularExpressions;
using KeyProjects.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace KeyProjects.Browser.Tests;

/// <summary>
/// Every page, as an administrator, in Chinese and in English: it renders (no error page), every text comes from the
/// catalogue (no "[Key]" placeholders), and the browser reports no script error. Screenshots are kept for people.
/// </summary>
public sealed partial class PageTourTests : BrowserTest
{
    [Fact]
    public async Task EveryPage_RendersInBothLanguages_WithoutMissingTextsOrScriptErrors()
    {
        var page = await NewPageAsync(Desktop);
        var scriptErrors = new List<string>();
        page.PageError += (_, e) => scriptErrors.Add(e);
        await page.LogInAsync("demo.admin", LiveApp.DemoPassword);
        await page.GoToAsync("/projects");
        var code = await page.Locator("#project-results tbody tr[data-code]").First.GetAttributeAsync("data-code");

        string[] paths = ["/", "/projects", $"/projects/{code}", $"/projects/{code}/edit", $"/projects/{code}/history", "/projects/new",
            "/projects/import", "/audit", "/admin/orgs", "/admin/users", "/account/password",
            "/dashboard", "/reports?period=2023-04", $"/reports/{code}/2023-04", "/reports/history", $"/projects/{code}/milestones", $"/projects/{code}/daily",
            "/daily/missing", "/problems", "/problems?overdue=true", "/problems/new", "/problems/1", "/problems/stats", "/admin/calendar",
            "/admin/calendar?year=2027", "/meetings", "/meetings/1", "/meetings/tasks", "/visits", "/visits/compliance", "/visits/new", "/notices"];
        foreach (var language in new[] { "zh", "en" })
        {
            if (language == "en")
            {
                await page.GoToAsync("/projects");
                await page.ClickToAsync(page.Locator("[data-testid=language-switch]").First, PageSteps.ProjectListUrl());
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            }
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                await page.ReadyAsync();
                response!.Status.ShouldBe(200, path);
                var text = await page.Locator("body").InnerTextAsync();
                MissingKey().Matches(text).Select(m => m.Value).ShouldBeEmpty($"{language} {path}");
                if (language == "en")
                    HanOutsideData().IsMatch(await page.Locator("h2.page-title, .card-title, thead, label").AllInnerTextsAsync() is var labels
                        ? string.Join(" ", labels) : "").ShouldBeFalse($"Chinese in English labels on {path}");
                await ScreenshotAsync(page, $"tour-{language}{path.Replace('/', '-')}");
            }
        }
        scriptErrors.ShouldBeEmpty();
        CspViolations.ShouldBeEmpty("every page passes the Content-Security-Policy");
    }

    [Fact]
    public async Task ThePrintedList_IsTheLedgerAlone_WithoutMenusFiltersOrButtons()
    {
        var page = await NewPageAsync(Desktop);
        await page.LogInAsync("pyx.fgw", LiveApp.DemoPassword);
        await page.GoToAsync("/projects");
        await page.EmulateMediaAsync(new Microsoft.Playwright.PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });

        await Expect(page.Locator("aside.navbar")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=filters]")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=export]")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=pager]")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=project-table] table")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=total-row]")).ToBeVisibleAsync();
        // Every column prints, including those a narrow screen hides.
        await Expect(page.Locator("[data-testid=project-table] thead th").Nth(1)).ToBeVisibleAsync();
        await ScreenshotAsync(page, "project-list-print");
    }

    [GeneratedRegex(@"\[[A-Z][A-Za-z]+\.[A-Za-z.]+\]")]
    private static partial Regex MissingKey();

    /// <summary>Labels in English must not be Chinese; project data (names, places) is Chinese in every language and is not checked.</summary>
    [GeneratedRegex(@"(项目代码|项目名称|计划总投资|所属地区|保存|取消|修改记录|导入|新建项目)")]
    private static partial Regex HanOutsideData();
}
