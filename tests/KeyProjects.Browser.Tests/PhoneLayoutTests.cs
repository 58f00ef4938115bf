using KeyProjects.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyProjects.Browser.Tests;

/// <summary>On a phone (390×844) pages fit the screen's width: wide tables scroll inside their own box, not the page.</summary>
public sealed class PhoneLayoutTests : BrowserTest
{
    [Fact]
    public async Task ProjectList_OnAPhone_HasNoSidewaysPageScroll()
    {
        var page = await NewPageAsync(Phone, phone: true);
        await page.LogInAsync("pyx.fgw", LiveApp.DemoPassword);
        await page.GoToAsync("/projects?year=2023"); // the 2023 ledger (the list opens on the live year)
        await Expect(page.Locator("#project-results [data-testid=summary]")).ToContainTextAsync("共 56 个项目");
        await Expect(page.Locator("#project-results a.project-link").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "project-list-phone");

        var (bodyWidth, documentWidth, windowWidth) = await PageWidthsAsync(page);
        windowWidth.ShouldBe(Phone.Width, "the page keeps the phone's width (no zooming out to fit something too wide)");
        bodyWidth.ShouldBeLessThanOrEqualTo(windowWidth + 1, "document.body.scrollWidth");
        documentWidth.ShouldBeLessThanOrEqualTo(windowWidth + 1, "document.documentElement.scrollWidth");
    }

    private static async Task<(int Body, int Document, int Window)> PageWidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.body.scrollWidth, document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1], widths[2]);
    }
}
