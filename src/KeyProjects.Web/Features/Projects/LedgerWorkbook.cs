using System.Globalization;
using DocumentFormat.OpenXml;
using System.IO.Compression;
using DocumentFormat.OpenXml.Spreadsheet;
using KeyProjects.Domain.Ledger;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Web.Features.Projects;

/// <summary>
/// Writes the key-project ledger (重点项目台账) as .xlsx in the province's columns: a title, "单位：万元", the header,
/// one row per project in the list's order, and a 合计 row. Streams rows (OpenXmlWriter) so 20,000 projects stay fast.
/// Numbers and dates are real numbers and dates, written without regard to the machine's culture.
/// </summary>
public static class LedgerWorkbook
{
    public static readonly IReadOnlyList<LedgerColumn> Columns = Enum.GetValues<LedgerColumn>();

    private const uint StyleTitle = 1, StyleHeader = 2, StyleText = 3, StyleMoney = 4, StyleDate = 5, StyleSeq = 6, StyleTotalLabel = 7, StyleTotalMoney = 8, StyleNote = 9;
    private const uint StylePercent = 10, StylePercentBehind = 11, StyleTotalPercent = 12, StyleTotalPercentBehind = 13;
    private const uint StyleInteger = 14, StyleTotalInteger = 15, StyleTotalIntegerBehind = 16;

    /// <summary>
    /// How a cell of a generic table is shown: the ledger's own styles. Money has 2 decimals; counts (施工人数, visits,
    /// projects) are <see cref="Integer"/>, printed without decimals.
    /// </summary>
    public enum CellKind { Text, Money, Date, Seq, Percent, PercentBehind, TotalLabel, TotalMoney, TotalPercent, TotalPercentBehind, Integer, TotalInteger, TotalIntegerBehind }

    private static uint StyleOf(CellKind k) => k switch
    {
        CellKind.Money => StyleMoney,
        CellKind.Date => StyleDate,
        CellKind.Seq => StyleSeq,
        CellKind.Percent => StylePercent,
        CellKind.PercentBehind => StylePercentBehind,
        CellKind.TotalLabel => StyleTotalLabel,
        CellKind.TotalMoney => StyleTotalMoney,
        CellKind.TotalPercent => StyleTotalPercent,
        CellKind.TotalPercentBehind => StyleTotalPercentBehind,
        CellKind.Integer => StyleInteger,
        CellKind.TotalInteger => StyleTotalInteger,
        CellKind.TotalIntegerBehind => StyleTotalIntegerBehind,
        _ => StyleText,
    };

    /// <summary>
    /// Any table as a ledger sheet: title over all columns, a note ("单位：万元"), headers repeated on every printed page,
    /// the first columns frozen, then the rows and a 合计 row. Percentages are written as numbers with their printed decimals.
    /// </summary>
    public static void WriteTable(Stream output, string sheetName, string title, string note, IReadOnlyList<(string Header, double Width)> columns,
        IEnumerable<IReadOnlyList<(object? Value, CellKind Kind)>> rows, IReadOnlyList<(object? Value, CellKind Kind)>? totals, int frozenColumns = 3)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Package(zip, sheetName);
        using var sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        using var w = OpenXmlWriter.Create(sheetStream);
        StartSheet(w, columns.Select(c => c.Width).ToList(), frozenColumns);
        WriteRow(w, 1, [(title, StyleTitle)]);
        WriteRow(w, 2, [(note, StyleNote)]);
        WriteRow(w, 3, columns.Select(c => ((object?)c.Header, StyleHeader)).ToList());
        var row = 3u;
        foreach (var cells in rows) WriteRow(w, ++row, cells.Select(c => (c.Value, StyleOf(c.Kind))).ToList());
        var lastDataRow = row;
        if (totals is not null) WriteRow(w, ++row, totals.Select(c => (c.Value, StyleOf(c.Kind))).ToList());
        EndSheet(w, columns.Count, lastDataRow);
    }

    /// <summary>A ledger row: the project as the ledger states it, and the name of its region.</summary>
    public sealed record Line(ProjectDraft Project, string OrgName);

    public static void Write(Stream output, string title, int planYear, IEnumerable<Line> lines) =>
        WriteAsync(output, title, planYear, lines.ToAsyncEnumerable(), CancellationToken.None).GetAwaiter().GetResult();

    public static async Task WriteAsync(Stream output, string title, int planYear, IAsyncEnumerable<Line> lines, CancellationToken ct)
    {
        // The package is zipped here, part by part as it is written, with the Open XML SDK writing each part's XML:
        // the SDK's own package would hold the whole sheet (tens of megabytes of XML for a province) in memory.
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Package(zip, SheetName);

        await using var sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        using (var w = OpenXmlWriter.Create(sheetStream))
        {
            StartSheet(w, Columns.Select(WidthOf).ToList(), frozenColumns: 3);

            WriteRow(w, 1, [(title, StyleTitle)]);
            WriteRow(w, 2, [("单位：万元", StyleNote)]);
            WriteRow(w, 3, Columns.Select(c => ((object?)LedgerVocabulary.HeaderOf(c, planYear), StyleHeader)).ToList());

            var row = 3u;
            var count = 0;
            decimal total = 0, plan = 0;
            var cells = new (object? Value, uint Style)[Columns.Count];
            await foreach (var line in lines.WithCancellation(ct))
            {
                row++;
                count++;
                var p = line.Project;
                var year = p.YearPlans.FirstOrDefault(y => y.Year == planYear);
                total += p.TotalInvestment;
                plan += year?.PlannedInvestment ?? 0;
                for (var c = 0; c < cells.Length; c++) cells[c] = CellOf(Columns[c], count, line, year);
                WriteRow(w, row, cells);
            }

            var totals = Columns.Select(c => c switch
            {
                LedgerColumn.Name => ((object?)$"合计（{count.ToString(CultureInfo.InvariantCulture)}个）", StyleTotalLabel),
                LedgerColumn.TotalInvestment => (total, StyleTotalMoney),
                LedgerColumn.AnnualPlan => (plan, StyleTotalMoney),
                _ => ((object?)null, StyleTotalLabel),
            }).ToList();
            WriteRow(w, row + 1, totals);
            EndSheet(w, Columns.Count, row);
        }
    }

    /// <summary>
    /// The package's fixed parts. The print titles repeat the title, the note and the header (rows 1–3) on every printed page.
    /// </summary>
    private static void Package(ZipArchive zip, string sheetName)
    {
        Part(zip, "[Content_Types].xml", ContentTypes);
        Part(zip, "_rels/.rels", PackageRelationships);
        Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships);
        Part(zip, "xl/workbook.xml", new Workbook(
            new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = sheetName }),
            new DefinedNames(new DefinedName($"'{sheetName.Replace("'", "''", StringComparison.Ordinal)}'!$1:$3") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 })).OuterXml);
        Part(zip, "xl/styles.xml", Stylesheet().OuterXml);
    }

    /// <summary>
    /// Everything before the rows: sheetPr (fitToPage — without it Excel and LibreOffice ignore fitToWidth and print the
    /// registry over 10 A4 pages wide), the frozen panes and the column widths, in the order the schema requires.
    /// </summary>
    private static void StartSheet(OpenXmlWriter w, IReadOnlyList<double> widths, int frozenColumns)
    {
        w.WriteStartElement(new Worksheet());
        w.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        w.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 3, HorizontalSplit = frozenColumns, TopLeftCell = ColumnName(frozenColumns) + "4", ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomRight })
        { WorkbookViewId = 0 }));
        w.WriteElement(new Columns(widths.Select((width, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true })));
        w.WriteStartElement(new SheetData());
    }

    /// <summary>
    /// Everything after the rows, for paper: a filter on the header over the data rows (not the 合计 row, which sorting
    /// would move), the title and the note merged over the whole width (the note was clipped in the narrow 序号 column),
    /// A4 landscape one page wide and as many tall as the rows need, and "第 n 页 共 m 页" at the foot of each page.
    /// </summary>
    private static void EndSheet(OpenXmlWriter w, int columnCount, uint lastDataRow)
    {
        var lastColumn = ColumnName(columnCount - 1);
        w.WriteEndElement(); // sheetData
        w.WriteElement(new AutoFilter { Reference = $"A3:{lastColumn}{Math.Max(lastDataRow, 3u).ToString(CultureInfo.InvariantCulture)}" });
        w.WriteElement(new MergeCells(new MergeCell { Reference = $"A1:{lastColumn}1" }, new MergeCell { Reference = $"A2:{lastColumn}2" }) { Count = 2 });
        w.WriteElement(new PrintOptions { HorizontalCentered = true });
        w.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        w.WriteElement(new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9, FitToWidth = 1, FitToHeight = 0 });
        w.WriteElement(new HeaderFooter(new OddFooter(PageFooter)));
        w.WriteEndElement(); // worksheet
    }

    /// <summary>The printed footer, centred: 第 &amp;P 页 共 &amp;N 页 (the page's number, the number of pages).</summary>
    public const string PageFooter = "&C第 &P 页 共 &N 页";

    private static (object? Value, uint Style) CellOf(LedgerColumn c, int seq, Line line, YearPlanDraft? year)
    {
        var p = line.Project;
        string Names(TeamRole role) => string.Join("、", p.Team.Where(t => t.Role == role).Select(t => t.Name));
        return c switch
        {
            LedgerColumn.Seq => (seq, StyleSeq),
            LedgerColumn.Code => (p.Code, StyleText),
            LedgerColumn.Name => (p.Name, StyleText),
            LedgerColumn.Org => (line.OrgName, StyleText),
            LedgerColumn.Location => (p.Location, StyleText),
            LedgerColumn.Content => (p.Content, StyleText),
            LedgerColumn.TotalInvestment => (p.TotalInvestment, StyleMoney),
            LedgerColumn.AnnualPlan => (year?.PlannedInvestment, StyleMoney),
            LedgerColumn.PlannedStart => (p.PlannedStart, StyleDate),
            LedgerColumn.PlannedCompletion => (p.PlannedCompletion, StyleDate),
            LedgerColumn.ResponsibleUnit => (p.ResponsibleUnit, StyleText),
            LedgerColumn.Leader => (Names(TeamRole.Leader), StyleText),
            LedgerColumn.UnitName => (p.UnitName, StyleText),
            LedgerColumn.Levels => (LedgerVocabulary.LevelsText(p.Levels), StyleText),
            LedgerColumn.ConstructionKind => (year?.Kind is { } k ? LedgerVocabulary.TextOf(k) : null, StyleText),
            LedgerColumn.InvestmentKind => (p.InvestmentKind is { } ik ? LedgerVocabulary.TextOf(ik) : null, StyleText),
            LedgerColumn.ManagementCategory => (p.ManagementCategory is { } mc ? LedgerVocabulary.TextOf(mc) : null, StyleText),
            LedgerColumn.Sector => (p.Sector is { } s ? LedgerVocabulary.TextOf(s) : null, StyleText),
            LedgerColumn.Stage => (LedgerVocabulary.TextOf(p.Stage), StyleText),
            LedgerColumn.Lists => (LedgerVocabulary.ListsText(p.Lists), StyleText),
            LedgerColumn.ActualStart => (p.ActualStart, StyleDate),
            LedgerColumn.ActualCompletion => (p.ActualCompletion, StyleDate),
            LedgerColumn.StatisticsEntry => (p.StatisticsEntry, StyleDate),
            LedgerColumn.ChiefServiceOfficer => (Names(TeamRole.ChiefServiceOfficer), StyleText),
            LedgerColumn.ApprovalHelper => (Names(TeamRole.ApprovalHelper), StyleText),
            LedgerColumn.SiteMonitor => (Names(TeamRole.SiteMonitor), StyleText),
            LedgerColumn.UnitHead => (Names(TeamRole.UnitHead), StyleText),
            LedgerColumn.ContactName => (p.ContactName, StyleText),
            LedgerColumn.ContactPhone => (p.ContactPhone, StyleText),
            LedgerColumn.Remarks => (p.Remarks, StyleText),
            _ => (null, StyleText),
        };
    }

    private const string SheetName = "重点项目台账";

    private const string ContentTypes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        + "</Types>";

    private const string PackageRelationships =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>";

    private const string WorkbookRelationships =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        + "</Relationships>";

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        if (!xml.StartsWith("<?xml", StringComparison.Ordinal)) writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        writer.Write(xml);
    }

    /// <summary>Text that a spreadsheet (or a CSV made from it) could take for a formula: = + - @ tab, carriage return.</summary>
    public static bool NeedsQuote(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    // Elements are written by name with their attributes (not built as objects per cell): 600,000 cells stay fast.
    private static readonly Row RowTag = new();
    private static readonly Cell CellTag = new();
    private static readonly InlineString InlineTag = new();
    private static readonly Text TextTag = new();
    private static readonly CellValue ValueTag = new();
    private static readonly string[] ColumnNames = Enumerable.Range(0, 64).Select(ColumnName).ToArray();

    private static void WriteRow(OpenXmlWriter w, uint row, IReadOnlyList<(object? Value, uint Style)> cells)
    {
        var rowText = row.ToString(CultureInfo.InvariantCulture);
        w.WriteStartElement(RowTag, [new OpenXmlAttribute("r", "", rowText)]);
        var attributes = new List<OpenXmlAttribute>(3);
        for (var i = 0; i < cells.Count; i++)
        {
            var (value, style) = cells[i];
            attributes.Clear();
            attributes.Add(new OpenXmlAttribute("r", "", ColumnNames[i] + rowText));
            attributes.Add(new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture)));
            string? number = value switch
            {
                decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
                int n => n.ToString(CultureInfo.InvariantCulture),
                DateOnly date => date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (value is string { Length: > 0 } text)
            {
                attributes.Add(new OpenXmlAttribute("t", "", "inlineStr"));
                w.WriteStartElement(CellTag, attributes);
                w.WriteStartElement(InlineTag);
                w.WriteStartElement(TextTag, text.Trim() == text ? [] : [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")]);
                w.WriteString(NeedsQuote(text) ? "'" + text : text);
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }
            else if (number is not null)
            {
                w.WriteStartElement(CellTag, attributes);
                w.WriteStartElement(ValueTag);
                w.WriteString(number);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            else if (value is null or "")
            {
                w.WriteStartElement(CellTag, attributes);
                w.WriteEndElement();
            }
            else throw new ArgumentOutOfRangeException(nameof(cells), value.GetType().Name);
        }
        w.WriteEndElement();
    }

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static double WidthOf(LedgerColumn c) => c switch
    {
        LedgerColumn.Seq => 6,
        LedgerColumn.Code => 26,
        LedgerColumn.Name => 36,
        LedgerColumn.Content => 48,
        LedgerColumn.Location or LedgerColumn.UnitName or LedgerColumn.ResponsibleUnit or LedgerColumn.Lists => 24,
        LedgerColumn.TotalInvestment or LedgerColumn.AnnualPlan => 16,
        LedgerColumn.Remarks => 30,
        _ => 13,
    };

    private static Stylesheet Stylesheet()
    {
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        Font F(bool bold = false, double size = 11, bool red = false)
        {
            var font = new Font();
            // The schema's order (b, sz, color, name): Excel repairs a file whose colour comes before the size.
            if (bold) font.Append(new Bold());
            font.Append(new FontSize { Val = size });
            if (red) font.Append(new Color { Rgb = "FFD63939" });
            font.Append(new FontName { Val = "宋体" });
            return font;
        }
        CellFormat Fmt(uint font, uint fill, uint border, uint numFmt, HorizontalAlignmentValues? h = null, bool wrap = false) => new(
            new Alignment { Horizontal = h, Vertical = VerticalAlignmentValues.Center, WrapText = wrap })
        {
            FontId = font, FillId = fill, BorderId = border, NumberFormatId = numFmt,
            ApplyFont = true, ApplyFill = fill > 0, ApplyBorder = border > 0, ApplyNumberFormat = numFmt > 0, ApplyAlignment = true,
        };
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0" }) { Count = 2 },
            new Fonts(F(), F(bold: true, size: 16), F(bold: true), F(red: true), F(bold: true, red: true)) { Count = 5 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7EEF7" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid })) { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 },
                Fmt(1, 0, 0, 0, HorizontalAlignmentValues.Center),
                Fmt(2, 2, 1, 0, HorizontalAlignmentValues.Center, wrap: true),
                Fmt(0, 0, 1, 0, HorizontalAlignmentValues.Left, wrap: true),
                Fmt(0, 0, 1, 4, HorizontalAlignmentValues.Right),
                Fmt(0, 0, 1, 164, HorizontalAlignmentValues.Center),
                Fmt(0, 0, 1, 1, HorizontalAlignmentValues.Center),
                Fmt(2, 0, 1, 0, HorizontalAlignmentValues.Center),
                Fmt(2, 0, 1, 4, HorizontalAlignmentValues.Right),
                Fmt(0, 0, 0, 0, HorizontalAlignmentValues.Right),
                Fmt(0, 0, 1, 165, HorizontalAlignmentValues.Right),
                Fmt(3, 0, 1, 165, HorizontalAlignmentValues.Right),
                Fmt(2, 0, 1, 165, HorizontalAlignmentValues.Right),
                Fmt(4, 0, 1, 165, HorizontalAlignmentValues.Right),
                Fmt(0, 0, 1, 1, HorizontalAlignmentValues.Right),
                Fmt(2, 0, 1, 1, HorizontalAlignmentValues.Right),
                Fmt(4, 0, 1, 1, HorizontalAlignmentValues.Right)) { Count = 17 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
