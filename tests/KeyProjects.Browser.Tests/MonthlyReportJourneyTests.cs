using System.Globalization;
using System.Text.RegularExpressions;
using KeyProjects.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace KeyProjects.Browser.Tests;

/// <summary>
/// Issue 3's scenario in Chromium: a project unit reports May 2023 from a phone with a photo of the site; the city's
/// staff open the dashboard, drill down to the unit's zone, approve the report, and the zone's dashboard shows the new
/// completion. Demo data: 君恒生物 is a project of 工业园区 (濮阳市); January to April 2023 are loaded history.
/// </summary>
public sealed class MonthlyReportJourneyTests : BrowserTest
{
    /// <summary>A 1×1 PNG, as small as a valid image gets.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task UnitSubmitsWithAPhoto_StaffApproves_AndTheZonesDashboardShowsTheNewCompletion()
    {
        // 1. The unit, on a phone, opens May's report of its project from the month's list.
        var phone = await NewPageAsync(Phone, phone: true);
        await phone.LogInAsync("junheng", LiveApp.DemoPassword);
        await phone.GoToAsync("/reports?period=2023-05");
        var row = phone.Locator("[data-testid=report-list] tbody tr[data-code]").First;
        var code = await row.GetAttributeAsync("data-code");
        await phone.ClickToAsync(row.Locator("a").First, new Regex($"/reports/{Regex.Escape(code!)}/2023-05"));
        await Expect(phone.Locator("[data-testid=report-status]")).ToHaveTextAsync("未报");

        // 2. Fills in the month, adds a photo (the browser makes its thumbnail) and submits.
        await phone.Locator("#MonthCompleted").FillAsync("10000");
        await phone.Locator("#Workers").FillAsync("260");
        await phone.Locator("#ImageProgress").FillAsync("主体钢结构吊装完成");
        await phone.Locator("[data-testid=photo-album]").SetInputFilesAsync(new Microsoft.Playwright.FilePayload { Name = "site.png", MimeType = "image/png", Buffer = Png });
        await Expect(phone.Locator("[data-photo-preview] img")).ToHaveCountAsync(1);
        await ScreenshotAsync(phone, "report-form-phone");
        await phone.ClickToAsync(phone.Locator("[data-testid=submit]"), new Regex("done=submitted"));
        await Expect(phone.Locator("[data-testid=report-status]")).ToHaveTextAsync("报送");
        await Expect(phone.Locator("img[src*='/thumb']")).ToHaveCountAsync(1);

        // 3. The city's staff open the city dashboard and drill down to 工业园区: the figure before approval.
        var desk = await NewPageAsync(Desktop);
        await desk.LogInAsync("py.fgw", LiveApp.DemoPassword);
        await desk.GoToAsync("/dashboard?period=2023-05");
        await Expect(desk.Locator(".page-title")).ToHaveTextAsync("濮阳市重点项目调度看板");
        await desk.ClickToAsync(desk.Locator("[data-testid=child-link]", new() { HasTextString = "工业园区" }), new Regex("/dashboard\\?org="));
        await Expect(desk.Locator(".page-title")).ToHaveTextAsync("工业园区重点项目调度看板");
        var zoneDashboard = desk.Url;
        var before = Number(await desk.Locator("[data-testid=kpi-ytd-value]").InnerTextAsync());
        var rateBefore = await desk.Locator("[data-testid=kpi-completion-value]").InnerTextAsync();

        // 4. They open the report, see the photo, and approve it.
        await desk.GoToAsync($"/reports/{code}/2023-05");
        await Expect(desk.Locator("img[src*='/thumb']")).ToHaveCountAsync(1);
        await desk.ClickToAsync(desk.Locator("[data-testid=approve]"), new Regex("done=approved"));
        await Expect(desk.Locator("[data-testid=report-status]")).ToHaveTextAsync("审核通过");

        // 5. The zone's dashboard now counts the month: 1亿 more, a higher completion rate.
        await desk.GoToAsync(zoneDashboard);
        var after = Number(await desk.Locator("[data-testid=kpi-ytd-value]").InnerTextAsync());
        after.ShouldBe(before + 1.00m);
        var rateAfter = await desk.Locator("[data-testid=kpi-completion-value]").InnerTextAsync();
        Number(rateAfter.TrimEnd('%')).ShouldBeGreaterThan(Number(rateBefore.TrimEnd('%')));
        await Expect(desk.Locator("html")).ToHaveAttributeAsync("data-charts", "ready");
        await ScreenshotAsync(desk, "dashboard-zone");
    }

    private static decimal Number(string text) => decimal.Parse(text.Replace(",", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
