using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using KeyProjects.Domain.Meetings;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>
/// The meeting record as a Word document (.docx): title, date, attendees, the agenda's sections as tables, the minutes and the
/// 交办事项 with owner and deadline. A4 portrait, 仿宋 body and 宋体 headings (the fonts of government documents), numbers
/// and dates formatted invariantly so the file does not depend on the server's culture.
/// </summary>
public static class MeetingDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string BodyFont = "仿宋";
    private const string HeadingFont = "宋体";

    public static byte[] Write(MeetingDetail detail, MeetingAgenda agenda, TaskList tasks, UiText t)
    {
        var m = detail.Meeting;
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            body.Append(Para(m.Title, bold: true, size: 36, center: true, font: HeadingFont));
            body.Append(Para(t.Format("Meetings.Doc.DateLine", Display.Date(m.Date), m.Time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "", detail.Org.Name), center: true));
            body.Append(Para(t.Format("Meetings.Doc.Status", t.Enum(m.Status), agenda.Frozen ? t.Get("Meetings.AgendaFrozen") : t.Get("Meetings.AgendaLive")), center: true, size: 20));

            body.Append(Heading(t.Get("Meetings.Field.Attendees")));
            body.Append(Para(m.Attendees ?? t.Get("Common.NotSet")));

            body.Append(Heading(t.Get("Meetings.Agenda")));
            body.Append(Para(t.Format("Meetings.AgendaBasis", Display.Date(agenda.AsOf), agenda.Period ?? "", Num(agenda.MarginPoints)), size: 20));
            var notes = detail.ItemNotes;
            ProjectSection(body, t, t.Enum(AgendaSection.BehindSchedule), agenda.Behind, notes);
            ProblemSection(body, t, t.Enum(AgendaSection.OverdueProblems), agenda.Overdue, notes);
            ProblemSection(body, t, t.Enum(AgendaSection.EscalatedProblems), agenda.Escalated, notes);
            ProjectSection(body, t, t.Enum(AgendaSection.DeepDive), agenda.DeepDive, notes);

            body.Append(Heading(t.Get("Meetings.Field.Minutes")));
            foreach (var line in (m.Minutes ?? t.Get("Common.NotSet")).Split('\n'))
                body.Append(Para(line.TrimEnd('\r')));

            body.Append(Heading(t.Get("Meetings.Tasks")));
            if (tasks.Lines.Count == 0) body.Append(Para(t.Get("Meetings.NoTasks")));
            else
                body.Append(Table(
                    [t.Get("Meetings.Task.Number"), t.Get("Meetings.Task.Title"), t.Get("Meetings.Task.Owner"), t.Get("Meetings.Task.OwnerName"),
                     t.Get("Meetings.Task.Deadline"), t.Get("Meetings.Task.Status")],
                    tasks.Lines.Select((l, i) => new[]
                    {
                        (i + 1).ToString(CultureInfo.InvariantCulture), l.Task.Title + (l.ProjectName is null ? "" : $"（{l.ProjectName}）"), l.OwnerOrgName,
                        l.Task.OwnerName ?? "", Display.Date(l.Task.Deadline), t.Enum(l.Task.Status) + (l.Overdue ? " " + t.Get("Meetings.Task.OverdueMark") : ""),
                    })));

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static string Num(decimal? d) => d?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";

    private static void ProjectSection(Body body, UiText t, string title, IReadOnlyList<AgendaProjectLine> lines, IReadOnlyDictionary<string, string> notes)
    {
        body.Append(SubHeading(title + $"（{lines.Count.ToString(CultureInfo.InvariantCulture)}）"));
        if (lines.Count == 0) { body.Append(Para(t.Get("Meetings.SectionEmpty"))); return; }
        body.Append(Table(
            [t.Get("Meetings.Col.Project"), t.Get("Meetings.Col.Org"), t.Get("Meetings.Col.Completion"), t.Get("Meetings.Col.TimeProgress"),
             t.Get("Meetings.Col.PointsAhead"), t.Get("Meetings.Col.Note")],
            lines.Select(l => new[] { l.Name + "\n" + l.Code, l.OrgName, Num(l.CompletionRate), Num(l.TimeProgress), Num(l.PointsAhead), notes.GetValueOrDefault(l.Key) ?? "" })));
    }

    private static void ProblemSection(Body body, UiText t, string title, IReadOnlyList<AgendaProblemLine> lines, IReadOnlyDictionary<string, string> notes)
    {
        body.Append(SubHeading(title + $"（{lines.Count.ToString(CultureInfo.InvariantCulture)}）"));
        if (lines.Count == 0) { body.Append(Para(t.Get("Meetings.SectionEmpty"))); return; }
        body.Append(Table(
            [t.Get("Meetings.Col.Problem"), t.Get("Meetings.Col.Project"), t.Get("Meetings.Col.Department"), t.Get("Meetings.Col.Level"),
             t.Get("Meetings.Col.Deadline"), t.Get("Meetings.Col.Note")],
            lines.Select(l => new[] { l.Title, l.ProjectName, l.DepartmentName ?? "", l.Level.ToString(CultureInfo.InvariantCulture),
                Display.Date(l.Deadline) + (l.Overdue ? " " + t.Get("Meetings.Task.OverdueMark") : ""), notes.GetValueOrDefault(l.Key) ?? "" })));
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = BodyFont },
                new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "80", Line = "360", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }

    private static Paragraph Heading(string text) => Para(text, bold: true, size: 30, font: HeadingFont);

    private static Paragraph SubHeading(string text) => Para(text, bold: true, size: 26, font: HeadingFont);

    private static Paragraph Para(string text, bool bold = false, int size = 0, bool center = false, string? font = null)
    {
        var props = new RunProperties();
        if (font is not null) props.Append(new RunFonts { EastAsia = font });
        if (bold) props.Append(new Bold());
        if (size > 0) props.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        var p = new Paragraph();
        if (center) p.Append(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        p.Append(new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return p;
    }

    private static Table Table(string[] header, IEnumerable<string[]> rows)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(Row(header, true));
        foreach (var r in rows) table.Append(Row(r, false));
        return table;
    }

    private static TableRow Row(string[] cells, bool header)
    {
        var row = new TableRow();
        if (header) row.Append(new TableRowProperties(new TableHeader()));
        foreach (var c in cells)
        {
            var cell = new TableCell();
            foreach (var line in c.Split('\n')) cell.Append(Para(line, bold: header, size: 21));
            row.Append(cell);
        }
        return row;
    }
}
