using System.Globalization;
using KeyProjects.Web.Infrastructure;
using static KeyProjects.Web.Features.Projects.LedgerWorkbook;

namespace KeyProjects.Web.Features.Problems;

/// <summary>
/// 问题台账: the list as shown (same filters, same order), with title, the date, a 合计 row, overdue deadlines in red.
/// Chinese headers and words in every UI language, like every ledger the system writes (decision 003).
/// </summary>
public static class ProblemLedger
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    public static readonly IReadOnlyList<(string Header, double Width)> Columns =
    [
        ("序号", 6), ("问题编号", 10), ("项目代码", 24), ("项目名称", 32), ("所属地区", 12), ("问题", 40), ("类别", 10), ("来源", 10),
        ("责任部门", 16), ("层级", 16), ("提出日期", 12), ("办理时限", 12), ("本级时限", 12), ("状态", 12), ("逾期", 6),
    ];

    public static byte[] Write(ProblemPage page, UiText t)
    {
        var seq = 0;
        var rows = page.Rows.Select(r => (IReadOnlyList<(object?, CellKind)>)
        [
            (++seq, CellKind.Seq), (r.Id.ToString(CultureInfo.InvariantCulture), CellKind.Text), (r.ProjectCode, CellKind.Text), (r.ProjectName, CellKind.Text),
            (r.OrgName, CellKind.Text), (r.Title, CellKind.Text), (t.Get($"Enum.ProblemCategory.{r.Category}", Zh), CellKind.Text),
            (t.Get($"Enum.ProblemSource.{r.Source}", Zh), CellKind.Text), (r.DepartmentName, CellKind.Text), (LevelText(t, r.Level, r.LevelName, Zh), CellKind.Text),
            (Display.Date(r.RaisedOn), CellKind.Text), (r.DueOn, CellKind.Date), (r.Deadline, CellKind.Date),
            (t.Get($"Enum.ProblemStatus.{r.Status}", Zh), CellKind.Text), (r.Overdue ? "是" : "", r.Overdue ? CellKind.PercentBehind : CellKind.Text),
        ]).ToList();
        var overdue = page.Rows.Count(r => r.Overdue);
        IReadOnlyList<(object?, CellKind)> totals =
        [
            (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (null, CellKind.TotalLabel),
            ($"合计（{page.Rows.Count.ToString(CultureInfo.InvariantCulture)}个）", CellKind.TotalLabel),
            (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (null, CellKind.TotalLabel),
            (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (null, CellKind.TotalLabel),
            (overdue, overdue > 0 ? CellKind.TotalIntegerBehind : CellKind.TotalInteger),
        ];
        using var stream = new MemoryStream();
        var note = $"截至{Display.Date(page.Today)}　共{page.Total.ToString(CultureInfo.InvariantCulture)}个，其中逾期{page.OverdueTotal.ToString(CultureInfo.InvariantCulture)}个"
            + (page.Total > page.Rows.Count ? $"（本表列出前{page.Rows.Count.ToString(CultureInfo.InvariantCulture)}个）" : "");
        WriteTable(stream, "问题台账", "重点项目问题台账", note, Columns, rows, totals);
        return stream.ToArray();
    }

    /// <summary>"第2级 县区周例会研究": the level's own name if the ladder names it, else the default name of that number.</summary>
    public static string LevelText(UiText t, int level, string? name, CultureInfo? culture = null)
    {
        var n = name ?? (level is >= 1 and <= 5 ? t.Get($"Problem.Level.{level.ToString(CultureInfo.InvariantCulture)}", culture) : "");
        return string.Format(culture ?? CultureInfo.CurrentCulture, t.Get("Problem.LevelText", culture), level, n);
    }
}
