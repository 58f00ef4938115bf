using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using KeyProjects.Domain.Meetings;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>
/// The meeting record as a 会议纪要 (.docx) laid out as GB/T 9704-2012 lays out a 公文: A4 with the standard's margins, the
/// title in 小标宋 二号, the body in 仿宋 三号 on 22 lines a page, headings 一、(黑体) （一）(楷体) 1.(仿宋 bold), page numbers
/// "— n —" on the outer side. Then: 参会人员, 一、议定事项 (the minutes), 二、交办事项 (a table), 三、the agenda's sections.
/// Every word comes from the text catalogue in the caller's language; numbers and dates are written without the server's
/// culture (2026年12月7日).
/// </summary>
public static class MeetingDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // Font names as Word on a government PC knows them; the font table gives each the common font to fall back on.
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string Heading1Font = "黑体";
    private const string Heading2Font = "楷体_GB2312";
    private const string PageNumberFont = "宋体";
    private const string LatinFont = "Times New Roman";

    private const int TitleSize = 44;      // 二号 22 pt, in half-points
    private const int BodySize = 32;       // 三号 16 pt
    private const int PageNumberSize = 28; // 四号 14 pt
    private const int TableSize = 24;      // 小四 12 pt: six columns of 三号 do not fit the 156 mm line

    // GB/T 9704: 版心 156 × 225 mm, 22 lines of 28 characters. 225 mm / 22 lines = 28.95 pt = 579 twips, fixed.
    private const int LinePitch = 579;
    private const int BodyIndent = 2 * BodySize * 10; // two characters of 16 pt, in twips
    private static readonly uint PageWidth = 11906, PageHeight = 16838;
    private static readonly uint MarginLeft = Twips(28), MarginRight = Twips(26);
    private static readonly int MarginTop = (int)Twips(37), MarginBottom = (int)Twips(35);
    private static readonly int TextWidth = (int)(PageWidth - MarginLeft - MarginRight);

    public static byte[] Write(MeetingDetail detail, MeetingAgenda agenda, TaskList tasks, UiText t)
    {
        var m = detail.Meeting;
        var english = UiText.IsEnglish(CultureInfo.CurrentUICulture);
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            AddFonts(main);
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new EvenAndOddHeaders());
            var body = new Body();

            // The title is the meeting's own when it already says 纪要 (in either language: it was typed, not chosen).
            var title = UiText.Cultures.Any(c => m.Title.Contains(t.Get("Meetings.Doc.TitleMark", c), StringComparison.OrdinalIgnoreCase))
                ? m.Title
                : t.Format("Meetings.Doc.Title", detail.Org.Name);
            body.Append(Centred(title, TitleFont, TitleSize));
            var when = Date(m.Date, t) + (m.Time is { } time ? t.Format("Meetings.Doc.Time", Invariant(time.Hour), time.Minute.ToString("00", CultureInfo.InvariantCulture)) : "");
            body.Append(Centred(t.Format("Meetings.Doc.DateLine", when, detail.Org.Name), Heading2Font, BodySize));
            body.Append(Centred(t.Format("Meetings.Doc.Status", t.Enum(m.Status), agenda.Frozen ? t.Get("Meetings.AgendaFrozen") : t.Get("Meetings.AgendaLive")),
                Heading2Font, BodySize));

            body.Append(BodyPara(t.Format("Meetings.Doc.Opening", when, detail.Org.Name, m.Title)));
            body.Append(BodyPara(t.Format("Meetings.Doc.AttendeesLine", m.Attendees ?? t.Get("Common.NotSet"))));

            body.Append(Heading1(Numbered1(1, t.Get("Meetings.Doc.Decisions"), english)));
            foreach (var line in (m.Minutes ?? t.Get("Common.NotSet")).Split('\n'))
                body.Append(MinutesLine(line.TrimEnd('\r')));

            body.Append(Heading1(Numbered1(2, t.Get("Meetings.Tasks"), english)));
            if (tasks.Lines.Count == 0) body.Append(BodyPara(t.Get("Meetings.NoTasks")));
            else
                body.Append(Table(
                    [
                        new(t.Get("Meetings.Task.Number"), 3, Align.Centre), new(t.Get("Meetings.Doc.Col.Task"), 12, Align.Left),
                        new(t.Get("Meetings.Task.Owner"), 8, Align.Left), new(t.Get("Meetings.Task.Deadline"), 9, Align.Centre),
                        new(t.Get("Meetings.Task.Status"), 6, Align.Centre),
                    ],
                    tasks.Lines.Select((l, i) => new[]
                    {
                        Count(i + 1), l.Task.Title + (l.ProjectName is null ? "" : $"（{l.ProjectName}）"),
                        l.OwnerOrgName + (string.IsNullOrEmpty(l.Task.OwnerName) ? "" : "\n" + l.Task.OwnerName),
                        Date(l.Task.Deadline, t), t.Enum(l.Task.Status) + (l.Overdue ? " " + t.Get("Meetings.Task.OverdueMark") : ""),
                    })));

            body.Append(Heading1(Numbered1(3, t.Get("Meetings.Doc.Agenda"), english)));
            body.Append(BodyPara(t.Format("Meetings.AgendaBasis", Date(agenda.AsOf, t), Period(agenda.Period, t), Number(agenda.MarginPoints))));
            var notes = detail.ItemNotes;
            ProjectSection(body, t, Numbered2(1, t.Enum(AgendaSection.BehindSchedule), agenda.Behind.Count, english), agenda.Behind, notes);
            ProblemSection(body, t, Numbered2(2, t.Enum(AgendaSection.OverdueProblems), agenda.Overdue.Count, english), agenda.Overdue, notes);
            ProblemSection(body, t, Numbered2(3, t.Enum(AgendaSection.EscalatedProblems), agenda.Escalated.Count, english), agenda.Escalated, notes);
            ProjectSection(body, t, Numbered2(4, t.Enum(AgendaSection.DeepDive), agenda.DeepDive.Count, english), agenda.DeepDive, notes);

            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = AddFooter(main, odd: true) },
                new FooterReference { Type = HeaderFooterValues.Even, Id = AddFooter(main, odd: false) },
                new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait },
                // The page number's rule sits 7 mm below the text block (35 mm from the edge): its line ends about 22 mm up.
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = Twips(15), Footer = Twips(22), Gutter = 0U },
                new DocGrid { Type = DocGridValues.Lines, LinePitch = LinePitch }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Millimetres in twentieths of a point, as GB/T 9704 gives the margins: 1 mm = 56.7 twips.</summary>
    private static uint Twips(double mm) => (uint)Math.Round(mm * 56.7, MidpointRounding.AwayFromZero);

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Number(decimal? d) => d?.ToString("#,##0.#", CultureInfo.InvariantCulture) ?? "";

    /// <summary>2026年12月7日 (7 December 2026): no leading zeros, the same on any server.</summary>
    private static string Date(DateOnly d, UiText t) =>
        t.Format("Meetings.Doc.Date", Invariant(d.Year), MonthOf(d.Month), Invariant(d.Day));

    private static string MonthOf(int month) => UiText.IsEnglish(CultureInfo.CurrentUICulture)
        ? CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)
        : Invariant(month);

    /// <summary>The reporting period "2023-05" as 2023年5月; anything else as it is.</summary>
    private static string Period(string? period, UiText t) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? t.Format("Meetings.Doc.Month", Invariant(d.Year), MonthOf(d.Month))
            : period ?? "";

    private static readonly string[] ChineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>一、 in Chinese, 1. in English.</summary>
    private static string Numbered1(int n, string text, bool english) =>
        english ? $"{Invariant(n)}. {text}" : $"{ChineseNumerals[n - 1]}、{text}";

    /// <summary>（一） in Chinese, (a) in English; the section's count after its name.</summary>
    private static string Numbered2(int n, string text, int count, bool english) =>
        english ? $"({(char)('a' + n - 1)}) {text} ({Count(count)})" : $"（{ChineseNumerals[n - 1]}）{text}（{Count(count)}）";

    private static void ProjectSection(Body body, UiText t, string title, IReadOnlyList<AgendaProjectLine> lines, IReadOnlyDictionary<string, string> notes)
    {
        body.Append(Heading2(title));
        if (lines.Count == 0) { body.Append(BodyPara(t.Get("Meetings.SectionEmpty"))); return; }
        body.Append(Table(
            [
                new(t.Get("Meetings.Col.Project"), 10, Align.Left), new(t.Get("Meetings.Col.Org"), 5, Align.Left),
                new(t.Get("Meetings.Col.Completion"), 5, Align.Right), new(t.Get("Meetings.Col.TimeProgress"), 5, Align.Right),
                new(t.Get("Meetings.Col.PointsAhead"), 6, Align.Right), new(t.Get("Meetings.Col.Note"), 9, Align.Left),
            ],
            lines.Select(l => new[] { l.Name + "\n" + l.Code, l.OrgName, Number(l.CompletionRate), Number(l.TimeProgress), Number(l.PointsAhead), notes.GetValueOrDefault(l.Key) ?? "" })));
    }

    private static void ProblemSection(Body body, UiText t, string title, IReadOnlyList<AgendaProblemLine> lines, IReadOnlyDictionary<string, string> notes)
    {
        body.Append(Heading2(title));
        if (lines.Count == 0) { body.Append(BodyPara(t.Get("Meetings.SectionEmpty"))); return; }
        body.Append(Table(
            [
                new(t.Get("Meetings.Col.Problem"), 8, Align.Left), new(t.Get("Meetings.Col.Project"), 7, Align.Left),
                new(t.Get("Meetings.Col.Department"), 6, Align.Left), new(t.Get("Meetings.Col.Level"), 3, Align.Right),
                new(t.Get("Meetings.Col.Deadline"), 9, Align.Centre), new(t.Get("Meetings.Col.Note"), 8, Align.Left),
            ],
            lines.Select(l => new[] { l.Title, l.ProjectName, l.DepartmentName ?? "", Count(l.Level),
                Date(l.Deadline, t) + (l.Overdue ? " " + t.Get("Meetings.Task.OverdueMark") : ""), notes.GetValueOrDefault(l.Key) ?? "" })));
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                Fonts(BodyFont),
                new FontSize { Val = Invariant(BodySize) }, new FontSizeComplexScript { Val = Invariant(BodySize) },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = Invariant(LinePitch), LineRule = LineSpacingRuleValues.Exact },
                new Justification { Val = JustificationValues.Both }))));
        styles.Styles.Save();
    }

    /// <summary>Each font with the one most machines have (fontTable altName): 小标宋 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体.</summary>
    private static void AddFonts(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        part.Fonts = new Fonts(
            Font(TitleFont, "宋体"), Font(BodyFont, "仿宋"), Font(Heading2Font, "楷体"), Font(Heading1Font, null), Font(PageNumberFont, null));
        part.Fonts.Save();
    }

    private static Font Font(string name, string? alternative)
    {
        var font = new Font { Name = name };
        if (alternative is not null) font.Append(new AltName { Val = alternative });
        font.Append(new FontCharSet { Val = "86" }, new FontFamily { Val = FontFamilyValues.Auto });
        return font;
    }

    private static RunFonts Fonts(string eastAsia, string latin = LatinFont) =>
        new() { Ascii = latin, HighAnsi = latin, EastAsia = eastAsia, ComplexScript = latin };

    private static Run TextRun(string text, string font, int size, bool bold = false)
    {
        var props = new RunProperties(Fonts(font));
        if (bold) props.Append(new Bold(), new BoldComplexScript());
        props.Append(new FontSize { Val = Invariant(size) }, new FontSizeComplexScript { Val = Invariant(size) });
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Paragraph Centred(string text, string font, int size) =>
        new(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), TextRun(text, font, size));

    /// <summary>A body paragraph: 仿宋 三号, first line indented two characters.</summary>
    private static Paragraph BodyPara(string text, string font = BodyFont, bool bold = false, int? outline = null)
    {
        var indent = new Indentation { FirstLine = Invariant(BodyIndent), FirstLineChars = 200 };
        // A heading keeps with what follows it and shows in the navigation pane (its outline level).
        var props = outline is { } level
            ? new ParagraphProperties(new KeepNext(), indent, new OutlineLevel { Val = level })
            : new ParagraphProperties(indent);
        return new Paragraph(props, TextRun(text, font, BodySize, bold));
    }

    private static Paragraph Heading1(string text) => BodyPara(text, Heading1Font, outline: 0);

    private static Paragraph Heading2(string text) => BodyPara(text, Heading2Font, outline: 1);

    private static Paragraph Heading3(string text) => BodyPara(text, BodyFont, bold: true, outline: 2);

    /// <summary>A line of the minutes; one the secretary numbered （一） or 1. takes that heading's face.</summary>
    private static Paragraph MinutesLine(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('（') && trimmed.IndexOf('）') is > 1 and < 6 && ChineseNumerals.Contains(trimmed[1..2])) return Heading2(trimmed);
        var digits = trimmed.TakeWhile(char.IsAsciiDigit).Count();
        if (digits is > 0 and < 3 && trimmed.Length > digits && trimmed[digits] is '.' or '．' or '、') return Heading3(trimmed);
        return BodyPara(line);
    }

    /// <summary>The footer of odd pages (number on the right) or even pages (on the left), one character in from the edge.</summary>
    private static string AddFooter(MainDocumentPart main, bool odd)
    {
        var part = main.AddNewPart<FooterPart>();
        var indent = Invariant(PageNumberSize * 10);
        var props = new ParagraphProperties(
            new SnapToGrid { Val = false },
            new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
            odd ? new Indentation { Right = indent } : new Indentation { Left = indent },
            new Justification { Val = odd ? JustificationValues.Right : JustificationValues.Left });
        part.Footer = new Footer(new Paragraph(props,
            TextRun("— ", PageNumberFont, PageNumberSize),
            FieldRun(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            FieldRun(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            FieldRun(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            TextRun("1", PageNumberFont, PageNumberSize),
            FieldRun(new FieldChar { FieldCharType = FieldCharValues.End }),
            TextRun(" —", PageNumberFont, PageNumberSize)));
        part.Footer.Save();
        return main.GetIdOfPart(part);
    }

    private static Run FieldRun(OpenXmlElement content) =>
        new(new RunProperties(Fonts(PageNumberFont, PageNumberFont), new FontSize { Val = Invariant(PageNumberSize) }), content);

    private enum Align { Left, Centre, Right }

    /// <summary>
    /// A column: its header, its share of the line (widths follow the content: 序号 narrow, names wide) and alignment. A date
    /// column takes 9 shares of about 40: "2023年12月30日" in 小四 needs 84 pt with the cell's margins, and a broken date reads badly.
    /// </summary>
    private sealed record Column(string Header, int Weight, Align Align);

    private static Table Table(Column[] columns, IEnumerable<string[]> rows)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => TextWidth * c.Weight / total).ToArray();
        widths[^1] += TextWidth - widths.Sum();
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Invariant(TextWidth), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = Invariant(w) })));
        table.Append(Row(columns.Select(c => c.Header).ToArray(), columns, widths, header: true));
        foreach (var r in rows) table.Append(Row(r, columns, widths, header: false));
        return table;
    }

    /// <summary>A row never split over two pages; the header row repeats at the top of each page the table runs onto.</summary>
    private static TableRow Row(string[] cells, Column[] columns, int[] widths, bool header)
    {
        var props = new TableRowProperties(new CantSplit());
        if (header) props.Append(new TableHeader());
        var row = new TableRow(props);
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = new TableCell(new TableCellProperties(
                new TableCellWidth { Width = Invariant(widths[i]), Type = TableWidthUnitValues.Dxa },
                new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }));
            var align = header ? JustificationValues.Center : columns[i].Align switch
            {
                Align.Right => JustificationValues.Right,
                Align.Centre => JustificationValues.Center,
                _ => JustificationValues.Left,
            };
            foreach (var line in cells[i].Split('\n'))
                cell.Append(new Paragraph(
                    new ParagraphProperties(
                        new SnapToGrid { Val = false },
                        new SpacingBetweenLines { Line = "300", LineRule = LineSpacingRuleValues.Auto },
                        new Justification { Val = align }),
                    TextRun(line, header ? Heading1Font : BodyFont, TableSize)));
            row.Append(cell);
        }
        return row;
    }
}
