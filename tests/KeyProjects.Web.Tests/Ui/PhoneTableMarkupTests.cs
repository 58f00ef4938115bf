using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Ui;

/// <summary>
/// The ledger tables that become cards on a phone (app.css table-cards) carry the class, and every body cell says which
/// column it is (data-label), so that a column added without a label fails here rather than on a leader's phone.
/// </summary>
public abstract class PhoneTableMarkupTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override bool DemoData => true;

    public static TheoryData<string, string> Ledgers => new()
    {
        { "/problems", "problem-table" },
        { "/dashboard", "children" },
        { "/dashboard", "slowest" },
        { "/dashboard", "fastest" },
        { "/visits/compliance", "compliance-table" },
        { "/daily/missing", "missing-table" },
        { "/meetings", "meeting-table" },
        { "/meetings", "series-table" },
        { "/meetings/tasks", "task-table" },
        { "/admin/users", "user-table" },
        { "/reports?period=2023-04", "report-list" },
        { "/projects", "project-ledger" },
    };

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task LedgerTable_IsMarkedForPhones_AndEveryBodyCellHasItsLabel(string path, string table)
    {
        using var admin = await App.LoginAsync("demo.admin", Features.Demo.DemoData.Password);

        var page = await admin.GetAsync(path);

        var ledger = page.One($"table[data-testid={table}]") ?? page.One($"[data-testid={table}] table")
            ?? throw new InvalidOperationException($"No table {table} on {path}.");
        ledger.ClassList.ShouldContain("table-cards");
        var cells = ledger.QuerySelectorAll("tbody td:not([colspan])").ToList();
        cells.ShouldNotBeEmpty($"{path} {table} shows no rows to check");
        var unlabelled = cells.Where(c => c.GetAttribute("data-card") != "action" && string.IsNullOrWhiteSpace(c.GetAttribute("data-label")))
            .Select(c => c.TextContent.Trim()).Distinct().Take(5).ToList();
        unlabelled.ShouldBeEmpty($"cells of {path} {table} without a data-label");
        ledger.QuerySelectorAll("tbody tr").ShouldAllBe(r => r.QuerySelectorAll("td[data-card=title]").Length == 1 || r.QuerySelector("td[colspan]") != null,
            $"every row of {path} {table} has one title cell");
    }

    [Fact]
    public async Task ProjectList_AtPageSizeAll_ShowsEveryProject_AndItsPrintButtonAsksForThem()
    {
        using var admin = await App.LoginAsync("demo.admin", Features.Demo.DemoData.Password);

        var paged = await admin.GetAsync("/projects");
        var all = await admin.GetAsync("/projects?size=all");

        var total = paged.All("table[data-testid=project-ledger] tbody tr[data-code]").Count;
        total.ShouldBe(20);
        paged.One("[data-testid=print]")!.GetAttribute("data-print-all").ShouldBe("/projects?size=all&print=1");
        all.All("table[data-testid=project-ledger] tbody tr[data-code]").Count.ShouldBeGreaterThan(total);
        all.Text("[data-testid=summary]").ShouldContain($"共 {all.All("table[data-testid=project-ledger] tbody tr[data-code]").Count} 个项目");
        all.One("[data-testid=print]")!.HasAttribute("data-print-all").ShouldBeFalse("one page already holds every row");
        all.One("[data-testid=page-sizes] .btn-primary")!.TextContent.Trim().ShouldBe("全部");
    }

    [Fact]
    public async Task ProblemList_AtASmallPageSize_PagesAndPrintsEveryRow()
    {
        using var admin = await App.LoginAsync("demo.admin", Features.Demo.DemoData.Password);

        var page = await admin.GetAsync("/problems?take=2");
        var all = await admin.GetAsync("/problems?take=all");

        page.All("[data-testid=problem-row]").Count.ShouldBe(2);
        page.One("[data-testid=print]")!.GetAttribute("data-print-all").ShouldBe("/problems?take=all&print=1");
        all.All("[data-testid=problem-row]").Count.ShouldBeGreaterThan(2);
        all.One("[data-testid=pager]").ShouldBeNull();
    }
}

public sealed class PhoneTableMarkupTestsSqlite : PhoneTableMarkupTests<SqliteTestDatabase>;

public sealed class PhoneTableMarkupTestsPostgres : PhoneTableMarkupTests<PostgresTestDatabase>;
