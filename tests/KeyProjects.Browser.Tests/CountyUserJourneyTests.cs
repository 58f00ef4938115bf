using System.Globalization;
using System.Text.RegularExpressions;
using KeyProjects.Browser.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using static Microsoft.Playwright.Assertions;

namespace KeyProjects.Browser.Tests;

/// <summary>
/// The issue's scenario end to end in Chromium: a county user logs in, filters the list, opens a project, edits a field,
/// sees the change in its history, and downloads the Excel export of the filtered list. Demo data: 濮阳县 has 56
/// projects in 2023, 36 新建 and 20 续建 (the list opens on the live year, so the journey chooses 2023).
/// </summary>
public sealed class CountyUserJourneyTests : BrowserTest
{
    private const string CountyStaff = "pyx.fgw";
    private const string CountyStaffName = "濮阳县发改委 王海涛";

    [Fact]
    public async Task CountyStaff_FiltersOpensEditsSeesHistory_AndExportsTheFilteredListInItsOrder()
    {
        var page = await NewPageAsync(Desktop);
        var summary = page.Locator("#project-results [data-testid=summary]");
        var rows = page.Locator("#project-results tbody tr[data-code]");

        // 1. The site sends a stranger to the login form; the county's staff member lands on the county's list.
        await page.LogInAsync(CountyStaff, LiveApp.DemoPassword);
        await page.GoToAsync("/projects?year=2023");
        await Expect(page.Locator("[data-testid=project-table]")).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("共 56 个项目（新建 36 个、续建 20 个）");
        await ScreenshotAsync(page, "project-list-desktop");

        // 2. Filtering swaps the results in place (htmx) and puts the filter in the address bar.
        await page.Locator("#filter-kind").SelectOptionAsync("Continuing");
        await Expect(summary).ToContainTextAsync("共 20 个项目（新建 0 个、续建 20 个）");
        await Expect(page).ToHaveURLAsync(new Regex(@"/projects\?(.*&)?kind=Continuing(&|$)"));
        var continuingUrl = page.Url;
        var continuing = await page.ListedProjectsAsync();
        continuing.Count.ShouldBe(20);

        // Typing a keyword narrows the table as one types (htmx listens for keyup). Playwright's Fill puts Chinese text
        // in without key events, which a person typing through an IME does produce; the End key supplies one.
        var (code, name) = continuing[continuing.Count / 2];
        var search = page.Locator("#filter-q");
        await search.FillAsync(name);
        await search.PressAsync("End");
        await Expect(summary).Not.ToContainTextAsync("共 20 个项目");
        await page.WaitForURLAsync(url => Query(url, "q") == name && Query(url, "kind") == "Continuing");
        var narrowed = await page.ListedProjectsAsync();
        narrowed.ShouldContain((code, name));
        narrowed.Count.ShouldBeLessThan(continuing.Count);
        narrowed.ShouldAllBe(p => continuing.Contains(p));
        // Leaving the box fires its change event and htmx asks once more; let that finish before clicking a result.
        await search.BlurAsync();
        await Expect(page.Locator("[data-testid=filters]")).Not.ToHaveClassAsync(new Regex(@"\bhtmx-request\b"));

        // 3. The project's name opens its page.
        await page.ClickToAsync(rows.Locator("a.project-link", new() { HasTextString = name }).First, new Regex($"/projects/{Regex.Escape(code)}$"));
        await Expect(page.Locator("h2.page-title")).ToHaveTextAsync(name);

        // 4. Edit one field and save: back on the project, told it is saved, showing the new value.
        await page.ClickToAsync(page.Locator("[data-testid=edit-link]"), new Regex($"/projects/{Regex.Escape(code)}/edit$"));
        var phone = page.Locator("#ContactPhone");
        var oldPhone = await phone.InputValueAsync();
        var newPhone = oldPhone == "0393-8123456" ? "0393-8654321" : "0393-8123456";
        await phone.FillAsync(newPhone);
        await page.ClickToAsync(page.Locator("[data-testid=save]"), new Regex($"/projects/{Regex.Escape(code)}\\?done=saved$"));
        await Expect(page.Locator("[data-testid=flash]")).ToContainTextAsync("已保存");
        await Expect(page.Locator("dt:text-is('联系电话') + dd")).ToHaveTextAsync(newPhone);

        // 5. The history shows who changed the field — by their name, not their login (issue 13) — from what to what.
        await page.ClickToAsync(page.Locator("[data-testid=history-link]"), new Regex($"/projects/{Regex.Escape(code)}/history$"));
        var edit = page.Locator("[data-testid=audit-row]", new() { HasTextString = CountyStaffName });
        await Expect(edit).ToHaveCountAsync(1);
        await Expect(edit.Locator("td").Nth(1)).ToContainTextAsync(CountyStaffName);
        await Expect(edit.Locator("td").Nth(1)).Not.ToContainTextAsync(CountyStaff);
        await Expect(edit.Locator("td").Nth(2)).ToHaveTextAsync("修改");
        var change = edit.Locator("li");
        await Expect(change).ToHaveCountAsync(1); // the form round-trip changed nothing else
        await Expect(change).ToContainTextAsync("联系电话：");
        await Expect(change.Locator(".audit-old")).ToHaveTextAsync(string.IsNullOrEmpty(oldPhone) ? "—" : oldPhone);
        await Expect(change.Locator(".audit-new")).ToHaveTextAsync(newPhone);

        // 6. Back on the filtered list, sorted by total investment (largest first) and paged by 8: the export holds
        // exactly the listed projects, in the listed order, across all pages, and a 合计 row.
        await page.GoToAsync(QueryHelpers.AddQueryString(continuingUrl, "size", "8"));
        var byInvestment = page.Locator("#project-results th", new() { Has = page.Locator("a.sort-link", new() { HasTextString = "计划总投资" }) });
        await byInvestment.Locator("a").ClickAsync();
        await Expect(byInvestment.Locator(".ti-sort-ascending")).ToBeVisibleAsync();
        await byInvestment.Locator("a").ClickAsync();
        await Expect(byInvestment.Locator(".ti-sort-descending")).ToBeVisibleAsync();
        await page.WaitForURLAsync(url => Query(url, "sort") == "TotalInvestment" && Query(url, "desc") == "1" && Query(url, "size") == "8");
        await Expect(page.Locator("#project-results [data-testid=pager]")).ToBeVisibleAsync();
        var listed = await page.ListedProjectsAsync();
        listed.Select(p => p.Code).Order().ShouldBe(continuing.Select(p => p.Code).Order(), customMessage: "the same 20 projects, in another order");
        var pageTotal = decimal.Parse((await page.Locator("#project-results [data-testid=total-investment]").InnerTextAsync()).Replace(",", ""), CultureInfo.InvariantCulture);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#project-results [data-testid=export]").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        download.SuggestedFilename.ShouldContain("2023年重点项目台账");
        var file = Path.Combine(AppContext.BaseDirectory, "downloads", download.SuggestedFilename);
        await download.SaveAsAsync(file);

        var sheet = XlsxSheet.Read(file);
        var header = sheet.Rows.ToList().FindIndex(r => r.Contains("项目代码"));
        header.ShouldBeGreaterThanOrEqualTo(0, "a header row with 项目代码");
        var columns = sheet.Rows[header];
        columns.ShouldContain("项目名称");
        columns.ShouldContain("计划总投资(万元)");
        int Col(string title) => Array.IndexOf(columns, title);
        string? Cell(string?[] row, string title) => Col(title) < row.Length ? row[Col(title)] : null;

        var body = sheet.Rows.Skip(header + 1).ToList();
        var totalRow = body.FindIndex(r => Cell(r, "项目名称")?.StartsWith("合计", StringComparison.Ordinal) == true);
        totalRow.ShouldBeGreaterThanOrEqualTo(0, "a 合计 row after the projects");
        var data = body.Take(totalRow).ToList();
        data.Select(r => (Cell(r, "项目代码")!, Cell(r, "项目名称")!)).ShouldBe(listed, customMessage: "the export lists the page's projects in the page's order");

        var investments = data.Select(r => decimal.Parse(Cell(r, "计划总投资(万元)")!, CultureInfo.InvariantCulture)).ToList();
        investments.ShouldBe(investments.OrderDescending().ToList(), ignoreOrder: false, customMessage: "sorted by total investment, largest first, as on the page");
        Cell(body[totalRow], "项目名称").ShouldBe("合计（20个）");
        var sheetTotal = decimal.Parse(Cell(body[totalRow], "计划总投资(万元)")!, CultureInfo.InvariantCulture);
        sheetTotal.ShouldBe(investments.Sum());
        Math.Round(sheetTotal, 2, MidpointRounding.AwayFromZero).ShouldBe(pageTotal, "the 合计 row agrees with the list's total");
    }

    private static string? Query(string url, string key) =>
        QueryHelpers.ParseQuery(new Uri(url).Query).TryGetValue(key, out var v) ? v.ToString() : null;
}
