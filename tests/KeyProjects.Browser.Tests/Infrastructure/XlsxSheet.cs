using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace KeyProjects.Browser.Tests.Infrastructure;

/// <summary>The first worksheet of an .xlsx as text, one array per row (cells placed by their column letters).</summary>
public sealed class XlsxSheet
{
    public required string Name { get; init; }
    public required IReadOnlyList<string?[]> Rows { get; init; }

    public static XlsxSheet Read(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, isEditable: false);
        var workbook = doc.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No worksheet.");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];

        var rows = new List<string?[]>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = row.Elements<Cell>().ToList();
            var values = new string?[cells.Count == 0 ? 0 : cells.Max(c => ColumnIndex(c.CellReference!.Value!)) + 1];
            foreach (var cell in cells)
                values[ColumnIndex(cell.CellReference!.Value!)] = TextOf(cell, shared);
            rows.Add(values);
        }
        return new XlsxSheet { Name = sheet.Name?.Value ?? "", Rows = rows };
    }

    private static string? TextOf(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText;
        var raw = cell.CellValue?.Text;
        if (cell.DataType?.Value == CellValues.SharedString && raw is not null) return shared[int.Parse(raw, System.Globalization.CultureInfo.InvariantCulture)];
        return raw;
    }

    /// <summary>"C12" → 2.</summary>
    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) n = n * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return n - 1;
    }
}
