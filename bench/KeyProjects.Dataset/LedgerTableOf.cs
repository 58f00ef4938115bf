using KeyProjects.Domain.Ledger;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Dataset;

/// <summary>
/// The generated projects as the rows a spreadsheet reader hands to <see cref="LedgerReader.Read"/>: a title, "单位：万元",
/// the export's header and one row per project, with the value types ExcelDataReader gives for the app's own .xlsx
/// export (text as string, numbers as double, dates as DateTime).
/// </summary>
public static class LedgerTableOf
{
    public static List<IReadOnlyList<object?>> Projects(IEnumerable<GeneratedProject> projects, int planYear)
    {
        var columns = Enum.GetValues<LedgerColumn>();
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { $"河南省{planYear}年重点项目台账" },
            new object?[] { "单位：万元" },
            columns.Select(c => (object?)LedgerVocabulary.HeaderOf(c, planYear)).ToArray(),
        };
        var seq = 0;
        foreach (var p in projects)
        {
            seq++;
            rows.Add(columns.Select(c => CellOf(c, seq, p, planYear)).ToArray());
        }
        return rows;
    }

    private static object? CellOf(LedgerColumn c, int seq, GeneratedProject line, int planYear)
    {
        var p = line.Draft;
        var year = p.YearPlans.FirstOrDefault(y => y.Year == planYear);
        string? Names(TeamRole role) => Text(string.Join("、", p.Team.Where(t => t.Role == role).Select(t => t.Name)));
        static object? Date(DateOnly? d) => d?.ToDateTime(TimeOnly.MinValue);
        static string? Text(string? s) => string.IsNullOrEmpty(s) ? null : s;
        return c switch
        {
            LedgerColumn.Seq => (double)seq,
            LedgerColumn.Code => p.Code,
            LedgerColumn.Name => p.Name,
            LedgerColumn.Org => line.Unit.Name,
            LedgerColumn.Location => p.Location,
            LedgerColumn.Content => p.Content,
            LedgerColumn.TotalInvestment => (double)p.TotalInvestment,
            LedgerColumn.AnnualPlan => year is null ? null : (double)year.PlannedInvestment,
            LedgerColumn.PlannedStart => Date(p.PlannedStart),
            LedgerColumn.PlannedCompletion => Date(p.PlannedCompletion),
            LedgerColumn.ResponsibleUnit => p.ResponsibleUnit,
            LedgerColumn.Leader => Names(TeamRole.Leader),
            LedgerColumn.UnitName => p.UnitName,
            LedgerColumn.Levels => Text(LedgerVocabulary.LevelsText(p.Levels)),
            LedgerColumn.ConstructionKind => year?.Kind is { } k ? LedgerVocabulary.TextOf(k) : null,
            LedgerColumn.InvestmentKind => p.InvestmentKind is { } ik ? LedgerVocabulary.TextOf(ik) : null,
            LedgerColumn.ManagementCategory => p.ManagementCategory is { } mc ? LedgerVocabulary.TextOf(mc) : null,
            LedgerColumn.Sector => p.Sector is { } s ? LedgerVocabulary.TextOf(s) : null,
            LedgerColumn.Stage => LedgerVocabulary.TextOf(p.Stage),
            LedgerColumn.Lists => Text(LedgerVocabulary.ListsText(p.Lists)),
            LedgerColumn.ActualStart => Date(p.ActualStart),
            LedgerColumn.ActualCompletion => Date(p.ActualCompletion),
            LedgerColumn.StatisticsEntry => Date(p.StatisticsEntry),
            LedgerColumn.ChiefServiceOfficer => Names(TeamRole.ChiefServiceOfficer),
            LedgerColumn.ApprovalHelper => Names(TeamRole.ApprovalHelper),
            LedgerColumn.SiteMonitor => Names(TeamRole.SiteMonitor),
            LedgerColumn.UnitHead => Names(TeamRole.UnitHead),
            LedgerColumn.ContactName => p.ContactName,
            LedgerColumn.ContactPhone => p.ContactPhone,
            LedgerColumn.Remarks => p.Remarks,
            _ => null,
        };
    }
}
