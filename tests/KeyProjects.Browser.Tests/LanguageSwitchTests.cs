using KeyProjects.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyProjects.Browser.Tests;

public sealed class LanguageSwitchTests : BrowserTest
{
    [Fact]
    public async Task LanguageSwitch_ShowsTheFilteredListInEnglish_AndBackInChinese()
    {
        var page = await NewPageAsync(Desktop);
        await page.LogInAsync("pyx.fgw", LiveApp.DemoPassword);
        await page.GoToAsync("/projects?year=2023&kind=Continuing"); // the 2023 ledger (the list opens on the live year)
        var title = page.Locator("h2.page-title");
        var summary = page.Locator("#project-results [data-testid=summary]");
        await Expect(title).ToHaveTextAsync("项目库");

        await SwitchLanguageAsync(page, "en");
        await Expect(title).ToHaveTextAsync("Project registry");
        await Expect(summary).ToContainTextAsync("20 projects (0 new, 20 continuing)");
        await Expect(page.Locator("#project-results thead")).ToContainTextAsync("Project name");
        await Expect(page.Locator("#filter-kind")).ToHaveValueAsync("Continuing");
        await ScreenshotAsync(page, "project-list-desktop-english");

        await SwitchLanguageAsync(page, "zh-CN");
        await Expect(title).ToHaveTextAsync("项目库");
        await Expect(summary).ToContainTextAsync("共 20 个项目（新建 0 个、续建 20 个）");
    }

    /// <summary>The switch reloads the same address in the other language; the new document is known by its lang.</summary>
    private static async Task SwitchLanguageAsync(IPage page, string lang)
    {
        await page.Locator("[data-testid=language-switch]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await page.ReadyAsync();
    }
}
