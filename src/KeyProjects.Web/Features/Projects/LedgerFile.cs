using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelDataReader;
using KeyProjects.Domain.Common;

namespace KeyProjects.Web.Features.Projects;

/// <summary>
/// A spreadsheet's rows of raw cell values, read as they are enumerated (once), and the cells that hold formulas.
/// <see cref="TooManyRows"/> says the rows stopped at the limit.
/// </summary>
public sealed class LedgerTable(IExcelDataReader reader, ISet<(int Row, int Column)> formulaCells, string format) : IDisposable
{
    public ISet<(int Row, int Column)> FormulaCells { get; } = formulaCells;
    public string Format { get; } = format;
    public bool TooManyRows { get; private set; }

    public IEnumerable<IReadOnlyList<object?>> Rows
    {
        get
        {
            var count = 0;
            while (reader.Read())
            {
                if (++count > LedgerFile.MaxRows)
                {
                    TooManyRows = true;
                    yield break;
                }
                var width = Math.Min(reader.FieldCount, LedgerFile.MaxColumns);
                var cells = new object?[width];
                for (var c = 0; c < width; c++) cells[c] = LedgerFile.Unquote(reader.GetValue(c));
                yield return cells;
            }
        }
    }

    public void Dispose() => reader.Dispose();
}

/// <summary>
/// Reads an uploaded ledger: .xlsx, old .xls or .csv (UTF-8 or GB18030, as Chinese Excel saves it), recognised by
/// content, not by the file name. Refuses files over 10 MB, files that are not spreadsheets, and workbooks whose
/// content would unpack to far more than any ledger (zip bombs).
/// </summary>
public static class LedgerFile
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const long MaxUnpackedBytes = 300L * 1024 * 1024;
    public const int MaxRows = 60_000;
    public const int MaxColumns = 120;

    static LedgerFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<Result<LedgerTable>> ReadAsync(Stream input, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await input.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxBytes) return Fail("Error.Import.TooLarge", MaxBytes / 1024 / 1024);
        }
        if (buffer.Length == 0) return Fail("Error.Import.Empty");
        buffer.Position = 0;
        try
        {
            return Sniff(buffer) switch
            {
                "xlsx" => ReadWorkbook(buffer, "xlsx"),
                "xls" => ReadWorkbook(buffer, "xls"),
                "csv" => ReadCsv(buffer),
                _ => Fail("Error.Import.NotSpreadsheet"),
            };
        }
        catch (Exception e) when (IsDamaged(e))
        {
            return Fail("Error.Import.Unreadable");
        }
    }

    /// <summary>
    /// What reading a damaged or hostile file throws — when it is opened or while its rows are read: a zip whose declared
    /// sizes lie, XML with a DOCTYPE (refused, never resolved), a broken package. Shown as "damaged file", never a 500.
    /// </summary>
    public static bool IsDamaged(Exception e) => e is InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or IOException
        or OpenXmlPackageException or FormatException or ArgumentException or InvalidOperationException or DecoderFallbackException
        or System.Xml.XmlException or OverflowException;

    private static Result<LedgerTable> Fail(string key, params object?[] args) => Result<LedgerTable>.Fail(new RuleBroken(key, args));

    private static string? Sniff(MemoryStream s)
    {
        var head = s.GetBuffer().AsSpan(0, (int)Math.Min(s.Length, 8192));
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            using var zip = new ZipArchive(new MemoryStream(s.GetBuffer(), 0, (int)s.Length, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("xl/workbook.xml") is null) return null;
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes) throw new InvalidDataException("Unpacks too large.");
            return "xlsx";
        }
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 })) return "xls";
        if (head.Contains((byte)0)) return null;
        // Text: printable UTF-8 or a Chinese code page; anything with control bytes is not a CSV.
        foreach (var b in head)
            if (b < 0x20 && b is not ((byte)'\r' or (byte)'\n' or (byte)'\t')) return null;
        return "csv";
    }

    private static Result<LedgerTable> ReadWorkbook(MemoryStream s, string format)
    {
        var formulas = format == "xlsx" ? FormulaCells(s) : new HashSet<(int, int)>();
        s.Position = 0;
        return new LedgerTable(ExcelReaderFactory.CreateReader(s), formulas, format);
    }

    private static Result<LedgerTable> ReadCsv(MemoryStream s) =>
        new LedgerTable(ExcelReaderFactory.CreateCsvReader(s, new ExcelReaderConfiguration
        {
            FallbackEncoding = Encoding.GetEncoding("GB18030"),
            AutodetectSeparators = [',', '\t', ';'],
        }), new HashSet<(int, int)>(), "csv");

    /// <summary>The export guards text against formula injection with a leading apostrophe; reading takes it off again.</summary>
    internal static object? Unquote(object? value) =>
        value is string { Length: > 1 } s && s[0] == '\'' && LedgerWorkbook.NeedsQuote(s[1..]) ? s[1..] : value;

    /// <summary>Cells of the first worksheet (the one ExcelDataReader reads) that hold a formula, as zero-based (row, column).</summary>
    private static HashSet<(int, int)> FormulaCells(MemoryStream s)
    {
        var result = new HashSet<(int, int)>();
        s.Position = 0;
        using var doc = SpreadsheetDocument.Open(s, false);
        var workbook = doc.WorkbookPart;
        var first = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (workbook is null || first?.Id?.Value is not { } id) return result;
        var part = (WorksheetPart)workbook.GetPartById(id);
        // A forward-only read of the sheet's XML: a cell's reference is its "r" attribute; a formula is an <f> element
        // inside it. Plain XmlReader: the Open XML SDK's reader allocates an object per element (a second per cell).
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var xml = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, IgnoreWhitespace = true });
        string? reference = null;
        while (xml.Read())
        {
            if (xml.NodeType != System.Xml.XmlNodeType.Element) continue;
            if (xml.LocalName == "c") reference = xml.GetAttribute("r");
            else if (xml.LocalName == "f" && reference is not null) result.Add(ParseReference(reference));
        }
        return result;
    }

    /// <summary>"C5" → (4, 2).</summary>
    internal static (int Row, int Column) ParseReference(string reference)
    {
        var col = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
            col = col * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        var row = int.Parse(reference.AsSpan(i), System.Globalization.CultureInfo.InvariantCulture);
        return (row - 1, col - 1);
    }
}
