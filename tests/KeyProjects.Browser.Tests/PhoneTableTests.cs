using KeyProjects.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyProjects.Browser.Tests;

/// <summary>
/// The ledger tables (table-cards) on a phone are cards whose name, key figure, status and action are on screen; on a
/// desk they are still tables with their header row.
/// </summary>
public sealed class PhoneTableTests : BrowserTest
{
    /// <summary>The pages of issue 13 point 3, each with its ledger table's test id.</summary>
    private static readonly (string Path, string Table)[] Ledgers =
    [
        ("/problems", "problem-table"),
        ("/dashboard", "children"),
        ("/dashboard", "slowest"),
        ("/visits/compliance", "compliance-table"),
        ("/daily/missing", "missing-table"),
        ("/meetings", "meeting-table"),
        ("/meetings/tasks", "task-table"),
        ("/admin/users", "user-table"),
        ("/reports?period=2023-04", "report-list"),
        ("/projects", "project-ledger"),
    ];

    [Fact]
    public async Task LedgerTables_OnAPhone_KeepNameKeyStatusAndActionOnScreen()
    {
        var page = await NewPageAsync(Phone, phone: true);
        await page.LogInAsync("demo.admin", LiveApp.DemoPassword);
        var problems = new List<string>();
        foreach (var (path, table) in Ledgers)
        {
            await page.GoToAsync(path);
            var cards = TableOf(page, table);
            await Expect(cards.Locator("tbody tr").First).ToBeVisibleAsync();
            await ScreenshotAsync(page, "phone-table-" + table);
            var found = await cards.EvaluateAsync<string[]>(CheckCardsScript, Phone.Width);
            problems.AddRange(found.Select(f => $"{path} {table}: {f}"));
            var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (pageWidth > Phone.Width + 1) problems.Add($"{path}: the page is {pageWidth} px wide");
        }
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task LedgerTables_OnADesk_AreTablesWithAHeaderRow()
    {
        var page = await NewPageAsync(Desktop);
        await page.LogInAsync("demo.admin", LiveApp.DemoPassword);
        foreach (var (path, table) in Ledgers.DistinctBy(l => l.Path))
        {
            await page.GoToAsync(path);
            var ledger = TableOf(page, table);
            await Expect(ledger.Locator("thead th").First).ToBeVisibleAsync();
            (await ledger.EvaluateAsync<string>("t => getComputedStyle(t).display")).ShouldBe("table", $"{path} {table}");
            (await ledger.EvaluateAsync<string>("t => getComputedStyle(t.querySelector('tbody tr')).display")).ShouldBe("table-row", $"{path} {table}");
        }
    }

    private static ILocator TableOf(IPage page, string testId) =>
        page.Locator($"table[data-testid={testId}], [data-testid={testId}] table").First;

    /// <summary>
    /// What is wrong with the table's cards at this width: a marked cell (or a button) whose right edge is off screen,
    /// a title narrower than eight characters, a header row still shown.
    /// </summary>
    private const string CheckCardsScript = """
        (table, width) => {
            const wrong = [];
            if (!table.classList.contains('table-cards')) wrong.push('no table-cards class');
            const head = table.querySelector('thead');
            if (head && head.getBoundingClientRect().height > 2) wrong.push('the header row is shown');
            const em = parseFloat(getComputedStyle(table).fontSize);
            for (const row of table.querySelectorAll('tbody tr, tfoot tr')) {
                for (const cell of row.querySelectorAll('td[data-card], td button, td .btn, td summary')) {
                    const box = cell.getBoundingClientRect();
                    if (box.width === 0 && box.height === 0) continue;
                    if (box.right > width + 1 || box.left < -1)
                        wrong.push(`${cell.getAttribute('data-card') ?? cell.tagName} "${cell.textContent.trim().slice(0, 20)}" spans ${Math.round(box.left)}–${Math.round(box.right)}`);
                }
                const title = row.querySelector('td[data-card=title]');
                if (title && title.getBoundingClientRect().width < 8 * em)
                    wrong.push(`title "${title.textContent.trim().slice(0, 20)}" is ${Math.round(title.getBoundingClientRect().width)} px wide`);
            }
            return wrong.slice(0, 10);
        }
        """;
}
