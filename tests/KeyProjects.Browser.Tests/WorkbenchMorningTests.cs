using System.Text.RegularExpressions;
using KeyProjects.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyProjects.Browser.Tests;

/// <summary>
/// Each role's morning (issue 13), in Chinese on the demo's living county: log in, land on the 工作台, follow its top
/// item, do the job — the county's staff on a desk approve a report waiting for review and see the count fall; the
/// project unit, a department and a leader on a 390 px phone each find their top item on screen and its list behind it.
/// </summary>
public sealed class WorkbenchMorningTests : BrowserTest
{
    private static ILocator ToDo(IPage page) => page.Locator("[data-testid=work-item]:not([data-count='0'])");

    private static async Task<int> CountAsync(IPage page, string key) =>
        int.Parse(await page.Locator($"[data-testid=work-item][data-key='{key}']").GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task CountyStaff_OnADesk_FollowsReportsToReview_ApprovesOne_AndTheCountFalls()
    {
        var page = await NewPageAsync(Desktop);
        await page.LogInAsync("pyx.fgw", LiveApp.DemoPassword);
        await Expect(page.Locator("[data-testid=glance]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "workbench-desktop");
        var before = await CountAsync(page, "Home.Item.ReportsToReview");
        before.ShouldBeGreaterThan(0, "the demo leaves reports of the current period waiting for review");

        await page.ClickToAsync(page.Locator("[data-testid=work-item][data-key='Home.Item.ReportsToReview']"), new Regex(@"/reports\?period=\d{4}-\d{2}&status=Submitted$"));
        var rows = page.Locator("[data-testid=report-list] tbody tr[data-code]");
        await Expect(rows).ToHaveCountAsync(before);
        await page.ClickToAsync(rows.First.Locator("a").First, new Regex(@"/reports/[^/]+/\d{4}-\d{2}$"));
        await page.ClickToAsync(page.Locator("[data-testid=approve]"), new Regex("done=approved"));
        await Expect(page.Locator("[data-testid=report-status]")).ToHaveTextAsync("审核通过");

        await page.GoToAsync("/");
        (await CountAsync(page, "Home.Item.ReportsToReview")).ShouldBe(before - 1);
    }

    [Fact]
    public async Task ProjectUnit_OnAPhone_SeesItsProjectsAsCards_WithTheirActionsOnScreen()
    {
        var page = await NewPageAsync(Phone, phone: true);
        await page.LogInAsync("junheng", LiveApp.DemoPassword);
        var card = page.Locator("[data-testid=project-card]").First;
        await Expect(card).ToBeVisibleAsync();
        await ScreenshotAsync(page, "workbench-phone");
        foreach (var part in new[] { "[data-testid=card-report]", "a.btn" })
        {
            var box = await card.Locator(part).First.BoundingBoxAsync();
            box.ShouldNotBeNull();
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(Phone.Width + 0.5f, $"{part} runs off a 390 px screen");
        }
        await page.ClickToAsync(card.Locator("a.fw-bold"), new Regex(@"/projects/[^/]+$"));
        await Expect(page.Locator("[data-testid=project-progress]")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("pyx.zrj", "todo")]
    [InlineData("pyx.leader", "glance")]
    public async Task OnAPhone_TheTopItemIsOnScreen_AndLeadsToItsList(string user, string section)
    {
        var page = await NewPageAsync(Phone, phone: true);
        await page.LogInAsync(user, LiveApp.DemoPassword);
        await Expect(page.Locator($"[data-testid={section}]")).ToBeVisibleAsync();
        var top = ToDo(page).First;
        await Expect(top).ToBeVisibleAsync();
        var box = await top.BoundingBoxAsync();
        box.ShouldNotBeNull();
        (box.X + box.Width).ShouldBeLessThanOrEqualTo(Phone.Width + 0.5f, $"{user}: the top item runs off a 390 px screen");

        var href = await top.GetAttributeAsync("href");
        await page.ClickToAsync(top, new Regex(Regex.Escape(href!) + "$"));
        var listed = page.Locator("[data-testid=report-list] tbody tr[data-code], [data-testid=problem-row], [data-testid=leader-row], table tbody tr");
        (await listed.CountAsync()).ShouldBeGreaterThan(0, $"{user}: {href} lists what the 工作台 counted");
        if (user == "pyx.zrj") await ScreenshotAsync(page, "phone-table", fullPage: false);
    }
}
