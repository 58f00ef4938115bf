using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Ledger;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Projects;

namespace KeyProjects.Web.Features.Reports;

/// <summary>The outcome of loading a month's ledger: how many projects' months were loaded, or every problem found.</summary>
public sealed record HistoryOutcome(int Loaded, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Loads a month of an old monthly ledger (月报台账: the columns this system exports, or the province's own) as history:
/// every row through <see cref="ReportService.LoadHistoryAsync"/>, all rows or none. The month and the date from which
/// the figures count are given by the administrator, not guessed from a title.
/// </summary>
public sealed class ReportHistoryImport(AppDbContext db, ReportService reports)
{
    private enum Col { Code, Month, Ytd, SinceStart, FundsYtd, Status, Workers, ImageProgress }

    /// <summary>Header words, spaces and the 万元 unit left out; the first one found in a header names its column.</summary>
    private static readonly (Col Column, string[] Words)[] Headers =
    [
        (Col.Code, ["项目代码", "项目编码", "统一项目代码"]),
        (Col.Month, ["当月完成投资", "本月完成投资"]),
        (Col.Ytd, ["年初至报告期累计完成投资", "1-本月累计完成投资", "本年累计完成投资", "年度累计完成投资"]),
        (Col.SinceStart, ["开工至报告期累计完成投资", "开工累计完成投资", "自开工累计完成投资"]),
        (Col.FundsYtd, ["年初至报告期到位资金"]),
        (Col.Status, ["开复工状态", "开复工情况"]),
        (Col.Workers, ["施工人数", "用工人数"]),
        (Col.ImageProgress, ["主要形象进度", "形象进度"]),
    ];

    public async Task<HistoryOutcome> ImportAsync(Actor actor, Stream file, Period period, DateOnly? knownFrom, CancellationToken ct)
    {
        if (!actor.Can(Permission.LoadReportHistory)) return Fail(0, null, new Forbidden("Error.Report.CannotLoad"));
        if (!period.IsValid) return Fail(0, null, new FieldInvalid("Period", "Error.Report.PeriodInvalid"));
        var read = await LedgerFile.ReadAsync(file, ct);
        if (!read.Succeeded) return new HistoryOutcome(0, read.Errors.Select(e => new ImportError(0, null, e)).ToList());
        using var table = read.Value;

        var errors = new List<ImportError>();
        var lines = new List<(int Row, string Code, ReportInput Input)>();
        Dictionary<Col, int>? columns = null;
        var rowNo = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            foreach (var cells in table.Rows)
            {
                rowNo++;
                if (columns is null)
                {
                    if (rowNo > 15) break;
                    columns = HeaderOf(cells);
                    continue;
                }
                string Text(Col c) => columns.TryGetValue(c, out var i) && i < cells.Count ? Convert.ToString(cells[i], CultureInfo.InvariantCulture)?.Trim() ?? "" : "";
                var code = Domain.Projects.ProjectCode.Normalize(Text(Col.Code));
                if (code.Length == 0) continue; // blank lines and the 合计 row
                if (seen.TryGetValue(code, out var first))
                {
                    errors.Add(new ImportError(rowNo, "项目代码", new RuleBroken("Error.Import.DuplicateCode", code, first)));
                    continue;
                }
                seen[code] = rowNo;
                decimal? Number(Col c, string header)
                {
                    if (!columns.TryGetValue(c, out var i) || i >= cells.Count || cells[i] is null) return null;
                    if (table.FormulaCells.Contains((rowNo - 1, i))) { errors.Add(new ImportError(rowNo, header, new RuleBroken("Error.Import.Formula"))); return null; }
                    switch (cells[i])
                    {
                        case double d: return (decimal)d;
                        case decimal m: return m;
                        case int n: return n;
                    }
                    var t = Text(c);
                    if (t is "-" or "—") return null;
                    if (Infrastructure.FormValues.TryAmount(t, out var v)) return v;
                    errors.Add(new ImportError(rowNo, header, new RuleBroken("Error.Import.NotANumber", t)));
                    return null;
                }
                var statusWord = Text(Col.Status);
                var status = ReportLedger.StatusOf(statusWord) ?? StartStatus.Started;
                if (ReportLedger.StatusOf(statusWord) is null)
                    errors.Add(new ImportError(rowNo, "开复工状态", new RuleBroken("Error.Import.UnknownValue", statusWord)));
                var workers = Number(Col.Workers, "施工人数");
                lines.Add((rowNo, code, new ReportInput
                {
                    MonthCompleted = Number(Col.Month, "当月完成投资"),
                    YtdCompleted = Number(Col.Ytd, "年初至报告期累计完成投资"),
                    SinceStartCompleted = Number(Col.SinceStart, "开工至报告期累计完成投资"),
                    StartStatus = status,
                    StopReason = status == StartStatus.Stopped ? StopReason.Other : null,
                    Workers = workers is { } w ? (int)Math.Round(w) : null,
                    ImageProgress = Text(Col.ImageProgress) is { Length: > 0 } ip ? ip : null,
                }));
            }
        }
        catch (Exception e) when (LedgerFile.IsDamaged(e))
        {
            return Fail(0, null, new RuleBroken("Error.Import.Unreadable"));
        }
        if (table.TooManyRows) return Fail(0, null, new RuleBroken("Error.Import.TooManyRows", LedgerFile.MaxRows));
        if (columns is null || !columns.ContainsKey(Col.Code) || !(columns.ContainsKey(Col.Month) || columns.ContainsKey(Col.Ytd)))
            return Fail(0, null, new RuleBroken("Error.Import.NoHeader", "项目代码", "年初至报告期累计完成投资"));
        if (errors.Count > 0) return new HistoryOutcome(0, errors);
        if (lines.Count == 0) return Fail(0, null, new RuleBroken("Error.Import.NoRows"));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (row, code, input) in lines)
        {
            var result = await reports.LoadHistoryAsync(actor, code, period, input, knownFrom, ct);
            if (!result.Succeeded) errors.AddRange(result.Errors.Select(e => new ImportError(row, e.Field is { } f ? HeaderOfField(f) : null, e)));
        }
        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new HistoryOutcome(0, errors);
        }
        await tx.CommitAsync(ct);
        return new HistoryOutcome(lines.Count, []);

    }

    private static HistoryOutcome Fail(int row, string? column, DomainError error) => new(0, [new ImportError(row, column, error)]);

    private static string? HeaderOfField(string field) => field switch
    {
        nameof(ReportInput.MonthCompleted) => "当月完成投资",
        nameof(ReportInput.YtdCompleted) => "年初至报告期累计完成投资",
        nameof(ReportInput.SinceStartCompleted) => "开工至报告期累计完成投资",
        nameof(ReportInput.Workers) => "施工人数",
        nameof(ReportInput.ImageProgress) => "主要形象进度",
        _ => null,
    };

    private static Dictionary<Col, int>? HeaderOf(IReadOnlyList<object?> cells)
    {
        var found = new Dictionary<Col, int>();
        for (var i = 0; i < cells.Count; i++)
        {
            var text = Normalize(Convert.ToString(cells[i], CultureInfo.InvariantCulture));
            if (text.Length == 0) continue;
            foreach (var (col, words) in Headers)
                if (!found.ContainsKey(col) && words.Any(w => text.StartsWith(Normalize(w), StringComparison.Ordinal)))
                {
                    found[col] = i;
                    break;
                }
        }
        return found.ContainsKey(Col.Code) ? found : null;
    }

    private static string Normalize(string? header) =>
        new string((header ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray())
            .Replace("（万元）", "", StringComparison.Ordinal).Replace("(万元)", "", StringComparison.Ordinal).Replace("－", "-", StringComparison.Ordinal);
}
