using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Excel;

/// <summary>The ledgers on paper: how the written .xlsx asks to be printed (no LibreOffice needed).</summary>
public abstract class PrintSetupTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task RegistryExport_PrintsA4LandscapeOnePageWide_TitlesOnEveryPage_UnitLineOverTheWholeWidth_FilterOnTheHeader()
    {
        var org = await OrgAsync("濮阳县");
        await App.CreateProjectAsync(Builders.Project(org, name: "甲项目"));
        await App.CreateProjectAsync(Builders.Project(org, name: "乙项目"));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var client = await App.ApiClientAsync("pyx");

        var file = await (await client.GetAsync("/api/v1/projects/export?year=2023")).Content.ReadAsByteArrayAsync();

        var columns = Xlsx.Read(file)[2].Count;
        var last = Xlsx.Column(columns - 1);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        new OpenXmlValidator().Validate(doc).Select(e => e.Description).ShouldBeEmpty("Excel refuses a sheet whose elements are out of order");
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        sheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value.ShouldBeTrue("without fitToPage the fit to width is ignored");
        var setup = sheet.GetFirstChild<PageSetup>()!;
        setup.FitToWidth!.Value.ShouldBe(1u);
        setup.FitToHeight!.Value.ShouldBe(0u, "as many pages tall as the rows need");
        setup.Orientation!.Value.ShouldBe(OrientationValues.Landscape);
        setup.PaperSize!.Value.ShouldBe(9u, "A4");
        sheet.GetFirstChild<HeaderFooter>()!.OddFooter!.Text.ShouldBe("&C第 &P 页 共 &N 页");
        doc.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Single(n => n.Name == "_xlnm.Print_Titles").Text.ShouldBe("'重点项目台账'!$1:$3");
        sheet.GetFirstChild<AutoFilter>()!.Reference!.Value.ShouldBe($"A3:{last}5", "the header and the two projects, not the 合计 row");
        sheet.GetFirstChild<MergeCells>()!.Elements<MergeCell>().Select(m => m.Reference!.Value).ShouldBe([$"A1:{last}1", $"A2:{last}2"]);
        NumberFormatOf(doc, "A4").ShouldBe("0", "序号 is an integer");
        NumberFormatOf(doc, "G4").ShouldBe("#,##0.00", "money keeps 2 decimals");
    }

    [Fact]
    public async Task MonthlyLedger_HasTheSamePrintSetup_AndWorkersAsIntegers()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县"), name: "甲项目"));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var staff = await App.LoginAsync("pyx");

        var file = await (await staff.Http.GetAsync("/dashboard/ledger.xlsx?period=2023-05")).Content.ReadAsByteArrayAsync();

        var header = Xlsx.Read(file)[2];
        var last = Xlsx.Column(header.Count - 1);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        new OpenXmlValidator().Validate(doc).Select(e => e.Description).ShouldBeEmpty();
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        sheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value.ShouldBeTrue();
        sheet.GetFirstChild<PageSetup>()!.FitToHeight!.Value.ShouldBe(0u);
        sheet.GetFirstChild<MergeCells>()!.Elements<MergeCell>().Select(m => m.Reference!.Value).ShouldContain($"A2:{last}2", "单位：万元　　截至… is not clipped");
        sheet.GetFirstChild<AutoFilter>()!.Reference!.Value.ShouldBe($"A3:{last}4");
        NumberFormatOf(doc, Xlsx.Column(header.IndexOf("施工人数")) + "4").ShouldBe("0");
        NumberFormatOf(doc, Xlsx.Column(header.IndexOf("总投资（万元）")) + "4").ShouldBe("#,##0.00");
    }

    /// <summary>The number format code of a cell's style (built-in 1 is "0", 4 is "#,##0.00").</summary>
    private static string NumberFormatOf(SpreadsheetDocument doc, string reference)
    {
        var cell = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
        var styles = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet;
        var id = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value).NumberFormatId!.Value;
        return id switch
        {
            1 => "0",
            4 => "#,##0.00",
            _ => styles.NumberingFormats?.Elements<NumberingFormat>().SingleOrDefault(f => f.NumberFormatId! == id)?.FormatCode?.Value ?? $"built-in {id}",
        };
    }
}

public sealed class PrintSetupTestsSqlite : PrintSetupTests<SqliteTestDatabase>;

public sealed class PrintSetupTestsPostgres : PrintSetupTests<PostgresTestDatabase>;

/// <summary>PDF downloads where LibreOffice is not installed: a clear message, nothing else changes.</summary>
public abstract class PdfUnavailableTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["Documents:LibreOfficePath"] = "/nonexistent/soffice" };

    [Fact]
    public async Task WithoutLibreOffice_ThePdfAnswers503WithTheReason_ThePageShowsTheLinkDisabled_AndExcelStillDownloads()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县"), name: "甲项目"));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var api = await App.ApiClientAsync("pyx");
        var staff = await App.LoginAsync("pyx");

        var problem = await api.GetAsync("/api/v1/projects/export.pdf?year=2023");
        problem.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        problem.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await problem.JsonAsync();
        body.Str("title").ShouldBe("暂不能下载 PDF");
        body.Str("detail").ShouldContain("LibreOffice");

        var page = await staff.GetAsync("/dashboard/ledger.pdf?period=2023-05");
        page.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        page.Html.ShouldContain("本服务器未安装 LibreOffice");

        var dashboard = await staff.GetAsync("/dashboard?period=2023-05");
        dashboard.One("[data-testid=ledger-pdf]").ShouldBeNull();
        dashboard.One("[data-testid=ledger-pdf-unavailable]")!.GetAttribute("title")!.ShouldContain("LibreOffice");
        (await staff.Http.GetAsync("/dashboard/ledger.xlsx?period=2023-05")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/api/v1/projects/export?year=2023")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class PdfUnavailableTestsSqlite : PdfUnavailableTests<SqliteTestDatabase>;

public sealed class PdfUnavailableTestsPostgres : PdfUnavailableTests<PostgresTestDatabase>;

/// <summary>
/// The ledgers converted by the app's PDF endpoints and read page by page. SQLite only: the layout on paper does not
/// depend on the database, and each conversion costs LibreOffice 5–10 s of CPU that CI's 10 minutes cannot spare twice.
/// </summary>
public sealed class PdfLayoutTests : AppTest<SqliteTestDatabase>
{
    [Fact]
    public async Task RegistryAndMonthlyLedger_AsPdf_PrintOneA4LandscapePageWide_HeaderAndPageFooterOnEveryPage()
    {
        LibreOffice.EnsureAvailable();
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var org = await OrgAsync("濮阳县");
        for (var i = 1; i <= 60; i++) await App.CreateProjectAsync(Builders.Project(org, name: $"测试项目{i:00}号"));
        await App.CreateProjectAsync(Builders.Project(await OrgAsync("南乐县"), name: "外县项目"));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var api = await App.ApiClientAsync("pyx");
        var staff = await App.LoginAsync("pyx");

        var registry = await api.GetAsync("/api/v1/projects/export.pdf?year=2023");
        registry.StatusCode.ShouldBe(HttpStatusCode.OK, await registry.Content.ReadAsStringAsync());
        registry.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        registry.Content.Headers.ContentDisposition!.FileNameStar.ShouldEndWith(".pdf");
        await ShouldBeOnePageWideAsync(await registry.Content.ReadAsByteArrayAsync(), firstHeader: "序号", lastHeader: "备注", rows: 60, maxPages: 3);

        var ledger = await staff.Http.GetAsync("/dashboard/ledger.pdf?period=2023-05");
        ledger.StatusCode.ShouldBe(HttpStatusCode.OK);
        ledger.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        await ShouldBeOnePageWideAsync(await ledger.Content.ReadAsByteArrayAsync(), firstHeader: "序号", lastHeader: "备注", rows: 60, maxPages: 3);
    }

    /// <summary>
    /// One page wide: every page is A4 landscape and holds the first and the last column's header (the print titles)
    /// and its "第 i 页 共 n 页" footer; the rows take a few pages (printed 10 pages wide they took 10 times more).
    /// </summary>
    private static async Task ShouldBeOnePageWideAsync(byte[] pdf, string firstHeader, string lastHeader, int rows, int maxPages)
    {
        var (width, height) = await LibreOffice.PageSizeAsync(pdf);
        width.ShouldBe(842, 2, "A4 landscape is 842 × 595 points");
        height.ShouldBe(595, 2);
        var pages = await LibreOffice.PagesAsync(pdf);
        pages.Count.ShouldBeInRange(1, maxPages, $"{rows} rows one page wide");
        for (var i = 0; i < pages.Count; i++)
        {
            var text = pages[i];
            text.ShouldContain(firstHeader, customMessage: $"page {i + 1}");
            text.ShouldContain(lastHeader, customMessage: $"page {i + 1} holds the last column: the sheet is one page wide");
            Squeezed(text).ShouldContain($"第{i + 1}页共{pages.Count}页", customMessage: $"page {i + 1}'s footer");
        }
        var all = Squeezed(string.Concat(pages));
        for (var n = 1; n <= rows; n++) all.ShouldContain($"测试项目{n:00}号");
        all.ShouldNotContain("外县项目", customMessage: "the PDF is the export of the caller's scope");
    }

    private static string Squeezed(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
