using System.Globalization;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static KeyProjects.Web.Features.Projects.LedgerWorkbook;

namespace KeyProjects.Web.Features.Reports;

/// <summary>
/// 月报台账: a progress view's projects in the province's monthly-ledger columns, exactly as the dashboard lists them,
/// with title, 单位：万元 and a 合计 row. Percentages as printed; behind time progress in red.
/// </summary>
public static class ReportLedger
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<(string Header, double Width)> Columns =
    [
        ("序号", 6), ("项目代码", 24), ("项目名称", 36), ("所属地区", 14), ("建设性质", 8), ("总投资（万元）", 14), ("年度计划投资（万元）", 14),
        ("当月完成投资（万元）", 14), ("年初至报告期累计完成投资（万元）", 16), ("占年计划（%）", 10), ("开工至报告期累计完成投资（万元）", 16),
        ("占总投资（%）", 10), ("年初至报告期到位资金（万元）", 14), ("开复工状态", 10), ("施工人数", 10), ("主要形象进度", 36), ("备注", 18),
    ];

    public static string Title(ProgressView v) =>
        $"{v.Node.Name}重点项目{v.Period.Year.ToString(CultureInfo.InvariantCulture)}年1-{v.Period.Month.ToString(CultureInfo.InvariantCulture)}月投资完成情况台账";

    public static async Task<IResult> ExportAsync(ProgressView v, Data.AppDbContext db, CancellationToken ct)
    {
        var ids = v.Projects.Select(p => p.Project.Id).ToList();
        var details = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.Year == v.Period.Year && r.Month == v.Period.Month && ids.Contains(r.ProjectId))
            .Select(r => new { r.ProjectId, r.Workers, r.ImageProgress, r.StartStatus, r.Status })
            .ToDictionaryAsync(r => r.ProjectId, ct);
        var rows = new List<IReadOnlyList<(object?, CellKind)>>(v.Projects.Count);
        var seq = 0;
        foreach (var p in v.Projects)
        {
            var s = p.Standing;
            var plan = p.Project.PlanFor(v.Period.Year)!.Value;
            details.TryGetValue(p.Project.Id, out var d);
            var month = p.Revision is { } r && r.PeriodIndex == v.Period.Index ? ProgressTotals.ToWan(r.Month) : (decimal?)null;
            var notes = new List<string>();
            if (p.Revision is null) notes.Add("未报");
            else if (p.Revision.Value.PeriodIndex != v.Period.Index) notes.Add($"沿用{MonthOf(p.Revision.Value.PeriodIndex).ToString(CultureInfo.InvariantCulture)}月数据");
            if (p.Revision is { IsCorrection: true }) notes.Add("已更正");
            if (p.CorrectedLater) notes.Add("其后更正");
            if (p.Revision is { IsLoaded: true }) notes.Add("历史导入");
            rows.Add(
            [
                (++seq, CellKind.Seq), (p.Project.Code, CellKind.Text), (p.Project.Name, CellKind.Text), (v.NameOf(p.Project.OrgId), CellKind.Text),
                (plan.Kind == Domain.Projects.ConstructionKind.New ? "新建" : "续建", CellKind.Text),
                (p.Project.TotalInvestment, CellKind.Money), (plan.Plan, CellKind.Money), (month, CellKind.Money), (s.YtdCompleted, CellKind.Money),
                Percent(p.Metrics.CompletionRate, p.Metrics.IsBehind, total: false), (s.SinceStartCompleted, CellKind.Money),
                Percent(p.Metrics.SinceStartRate, false, total: false), (s.FundsYtd, CellKind.Money),
                (p.Revision is { } rv ? StartText(rv.StartStatus) : null, CellKind.Text), (d?.Workers, CellKind.Integer), (d?.ImageProgress, CellKind.Text),
                (string.Join("；", notes), CellKind.Text),
            ]);
        }
        var m = v.Metrics;
        var monthTotal = v.Projects.Sum(p => p.Revision is { } r && r.PeriodIndex == v.Period.Index ? ProgressTotals.ToWan(r.Month) : 0m);
        IReadOnlyList<(object?, CellKind)> totals =
        [
            (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), ($"合计（{v.Projects.Count.ToString(CultureInfo.InvariantCulture)}个）", CellKind.TotalLabel),
            (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (m.TotalInvestment, CellKind.TotalMoney), (m.AnnualPlan, CellKind.TotalMoney),
            (monthTotal, CellKind.TotalMoney), (m.YtdCompleted, CellKind.TotalMoney), Percent(m.CompletionRate, m.IsBehind, total: true),
            (m.SinceStartCompleted, CellKind.TotalMoney), Percent(m.SinceStartRate, false, total: true), (m.FundsYtd, CellKind.TotalMoney),
            (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (null, CellKind.TotalLabel), (null, CellKind.TotalLabel),
        ];
        var stream = new MemoryStream();
        var note = $"单位：万元　　截至{Display.Date(v.AsOf)}　序时进度{m.TimeProgress?.Printed.ToString(CultureInfo.InvariantCulture)}%";
        WriteTable(stream, "月报台账", Title(v), note, Columns, rows, totals);
        stream.Position = 0;
        var file = $"{Title(v)}.xlsx";
        return Results.File(stream, ContentType, file);
    }

    private static int MonthOf(int periodIndex) => periodIndex % 12 + 1;

    private static (object?, CellKind) Percent(Rate? r, bool behind, bool total) =>
        (r?.Printed, (total, behind) switch
        {
            (true, true) => CellKind.TotalPercentBehind,
            (true, false) => CellKind.TotalPercent,
            (false, true) => CellKind.PercentBehind,
            _ => CellKind.Percent,
        });

    /// <summary>开复工 status in the ledger's words (every UI language, decision 003), and the words an old ledger may use.</summary>
    public static readonly IReadOnlyDictionary<StartStatus, string> StatusWords = new Dictionary<StartStatus, string>
    {
        [StartStatus.NotStarted] = "未开工",
        [StartStatus.Started] = "已开工",
        [StartStatus.Stopped] = "停工",
        [StartStatus.Resumed] = "复工",
    };

    public static StartStatus? StatusOf(string word) => word switch
    {
        "" or "在建" or "开工" => StartStatus.Started,
        _ => StatusWords.FirstOrDefault(kv => kv.Value == word) is { Value: not null } found ? found.Key : null,
    };

    private static string StartText(StartStatus s) => StatusWords[s];
}
