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
}

public sealed class PhoneTableMarkupTestsSqlite : PhoneTableMarkupTests<SqliteTestDatabase>;

public sealed class PhoneTableMarkupTestsPostgres : PhoneTableMarkupTests<PostgresTestDatabase>;
