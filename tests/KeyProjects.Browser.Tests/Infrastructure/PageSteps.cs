using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyProjects.Browser.Tests.Infrastructure;

/// <summary>What a user does on the app's pages, each step waiting for the page it leads to.</summary>
public static partial class PageSteps
{
    /// <summary>
    /// Waits until the page's own script has run (app.js marks &lt;html data-ready="true"&gt;): htmx is wired and a click
    /// will not be lost. Call after every full navigation, once the new URL is reached.
    /// </summary>
    public static Task ReadyAsync(this IPage page) => Expect(page.Locator("html")).ToHaveAttributeAsync("data-ready", "true");

    public static async Task GoToAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.ReadyAsync();
    }

    /// <summary>
    /// Clicks something that loads another page, and waits for that page at a URL matching <paramref name="url"/>, with its
    /// script run. The URL is polled rather than awaited with WaitForURLAsync: that one also waits for the load event,
    /// and on a busy machine, when the click's navigation had already finished, it sometimes waited past its timeout for
    /// a load event that had come and gone (the page on screen, the network idle).
    /// </summary>
    public static async Task ClickToAsync(this IPage page, ILocator target, Regex url)
    {
        await target.ClickAsync();
        await Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = 15_000 });
        await page.ReadyAsync();
    }

    /// <summary>Opens the site, is sent to the login form, logs in, and lands on the 工作台 (issue 13).</summary>
    public static async Task LogInAsync(this IPage page, string userName, string password)
    {
        await page.GoToAsync("/");
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await page.Locator("input[name=UserName]").FillAsync(userName);
        await page.Locator("input[name=Password]").FillAsync(password);
        await page.ClickToAsync(page.Locator("[data-testid=login-submit]"), HomeUrl());
        await Expect(page.Locator("[data-testid=todo]")).ToBeVisibleAsync();
    }

    /// <summary>The code and name of each row of the list, following the pager through every page (htmx swaps).</summary>
    public static async Task<IReadOnlyList<(string Code, string Name)>> ListedProjectsAsync(this IPage page)
    {
        var listed = new List<(string, string)>();
        while (true)
        {
            var rows = page.Locator("#project-results tbody tr[data-code]");
            var codes = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
            var names = await rows.Locator("a.project-link").AllInnerTextsAsync();
            listed.AddRange(codes.Zip(names.Select(n => n.Trim())));

            var next = page.Locator("#project-results [data-testid=pager] li:last-child");
            if (await next.CountAsync() == 0 || await next.GetAttributeAsync("class") is { } css && css.Contains("disabled")) return listed;
            var first = codes[0];
            await next.Locator("a").ClickAsync();
            await Expect(rows.First).Not.ToHaveAttributeAsync("data-code", first);
        }
    }

    [GeneratedRegex(@"/login(\?|$)")]
    public static partial Regex LoginUrl();

    [GeneratedRegex(@"/projects(\?.*)?$")]
    public static partial Regex ProjectListUrl();

    [GeneratedRegex(@"^https?://[^/]+/$")]
    public static partial Regex HomeUrl();
}
