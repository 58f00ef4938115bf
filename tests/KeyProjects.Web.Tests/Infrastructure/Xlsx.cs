using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>Builds and reads .xlsx files in tests, independently of the app's own writer.</summary>
public static class Xlsx
{
    /// <summary>A cell holding a formula (with a cached value, as Excel saves it).</summary>
    public sealed record Formula(string Expression, double Cached);

    public static byte[] Build(params object?[][] rows)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = Column(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                    row.Append(rows[r][c] switch
                    {
                        null => new Cell { CellReference = reference },
                        string s => new Cell(new InlineString(new Text(s))) { CellReference = reference, DataType = CellValues.InlineString },
                        Formula f => new Cell(new CellFormula(f.Expression), new CellValue(f.Cached.ToString(CultureInfo.InvariantCulture))) { CellReference = reference },
                        DateOnly d => new Cell(new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture))) { CellReference = reference },
                        IFormattable n => new Cell(new CellValue(n.ToString(null, CultureInfo.InvariantCulture))) { CellReference = reference },
                        var other => throw new ArgumentException(other.GetType().Name),
                    });
                }
                data.Append(row);
            }
            ws.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "Sheet1" }));
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    /// <summary>The first sheet's cells as text (shared strings and inline strings resolved), row by row.</summary>
    public static List<List<string>> Read(byte[] file)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var wb = doc.WorkbookPart!;
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First();
        var ws = (WorksheetPart)wb.GetPartById(sheet.Id!);
        var result = new List<List<string>>();
        foreach (var row in ws.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var index = ColumnIndex(cell.CellReference!.Value!);
                while (cells.Count < index) cells.Add("");
                cells.Add(cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : cell.CellValue?.Text ?? "");
            }
            result.Add(cells);
        }
        return result;
    }

    public static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static int ColumnIndex(string reference)
    {
        var col = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter)) col = col * 26 + (ch - 'A' + 1);
        return col - 1;
    }

    public static MultipartFormDataContent Upload(byte[] file, string name = "ledger.xlsx")
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(file), "file", name);
        return content;
    }
}
