using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Visits;
using KeyProjects.Web.Infrastructure;
using static KeyProjects.Web.Features.Projects.LedgerWorkbook;

namespace KeyProjects.Web.Features.Visits;

/// <summary>
/// The compliance table as the page shows it — same title, note, columns, rows, 合计 and words, in the reader's
/// language — for the page and the .xlsx export alike, so the two cannot drift apart. Coverage below 100% is red.
/// </summary>
public static class VisitComplianceExcel
{
    public static string Title(ComplianceReport r, UiText t) => t.Format("Visits.ComplianceCaption", r.OrgName, r.Month.Year, r.Month.Month);

    public static string Note(ComplianceReport r, UiText t) => r.Result.MonthOver
        ? t.Format("Visits.NoteMonthOver", Display.Date(r.Month.LastDay))
        : t.Format("Visits.NoteInProgress", Display.Date(r.Today < r.Month.FirstDay ? r.Month.FirstDay : r.Today));

    public static IReadOnlyList<(string Text, bool Numeric, double Width)> Headers(UiText t) =>
    [
        (t.Get("Visits.Col.Seq"), false, 6), (t.Get("Visits.Col.Leader"), false, 14), (t.Get("Visits.Col.Held"), true, 12),
        (t.Get("Visits.Col.Covered"), true, 12), (t.Get("Visits.Col.Visits"), true, 12), (t.Get("Visits.Col.Shortfall"), true, 12),
        (t.Get("Visits.Col.CoverageRate"), true, 12), (t.Get("Visits.Col.Status"), false, 22),
    ];

    public static string StatusText(LeaderCompliance l, UiText t) => l.Status switch
    {
        ComplianceStatus.Compliant => t.Get("Visits.Status.Compliant"),
        ComplianceStatus.InProgress => t.Format("Visits.Status.InProgress", l.Shortfall),
        _ => t.Format("Visits.Status.NotCompliant", l.Shortfall),
    };

    public static string TotalStatusText(ComplianceReport r, UiText t) =>
        t.Format("Visits.TotalCompliant", r.Result.LeadersCompliant, r.Result.LeadersTotal, RateText.Percent(r.Result.ComplianceRate));

    public static IResult Export(ComplianceReport r, UiText t)
    {
        var c = r.Result;
        var seq = 0;
        var rows = c.Leaders.Select(l => (IReadOnlyList<(object?, CellKind)>)
        [
            (++seq, CellKind.Seq), (l.LeaderName, CellKind.Text), (l.ProjectsHeld, CellKind.Integer), (l.ProjectsCovered, CellKind.Integer),
            (l.Visits, CellKind.Integer), (l.Shortfall, CellKind.Integer), Percent(l.CoverageRate, l.Status != ComplianceStatus.Compliant, total: false),
            (StatusText(l, t), CellKind.Text),
        ]).ToList();
        IReadOnlyList<(object?, CellKind)> totals =
        [
            (null, CellKind.TotalLabel), (t.Format("Visits.Total", c.LeadersTotal), CellKind.TotalLabel), (c.ProjectsHeld, CellKind.TotalInteger),
            (c.ProjectsCovered, CellKind.TotalInteger), (c.Visits, CellKind.TotalInteger), (c.Shortfall, CellKind.TotalInteger),
            Percent(c.CoverageRate, c.ProjectsCovered < c.ProjectsHeld, total: true), (TotalStatusText(r, t), CellKind.TotalLabel),
        ];
        var stream = new MemoryStream();
        WriteTable(stream, t.Get("Visits.SheetName"), Title(r, t), Note(r, t), Headers(t).Select(h => (h.Text, h.Width)).ToList(), rows, totals, frozenColumns: 2);
        stream.Position = 0;
        return Results.File(stream, Reports.ReportLedger.ContentType, $"{Title(r, t)}.xlsx");
    }

    private static (object?, CellKind) Percent(Rate? rate, bool behind, bool total) =>
        (rate?.Printed, (total, behind) switch
        {
            (true, true) => CellKind.TotalPercentBehind,
            (true, false) => CellKind.TotalPercent,
            (false, true) => CellKind.PercentBehind,
            _ => CellKind.Percent,
        });
}
