using KeyProjects.Domain.Common;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Domain.Ledger;

/// <summary>A cell that cannot be taken: its row as Excel numbers it, its column header as the file wrote it, and why.</summary>
public sealed record ImportError(int Row, string? Column, DomainError Error);

/// <summary>One data row of a ledger, read into typed values. A column absent from the file is absent here too.</summary>
public sealed class LedgerRow
{
    // One slot per column (an array, not a dictionary: a province's ledger has 20,000 rows); Absent marks a column
    // the file does not have, as distinct from a blank cell (null).
    private static readonly object Absent = new();
    private static readonly int ColumnCount = Enum.GetValues<LedgerColumn>().Max(c => (int)c) + 1;
    private readonly object?[] _values = Enumerable.Repeat(Absent, ColumnCount).ToArray();

    public required int RowNumber { get; init; }
    public required string Code { get; init; }

    public bool Has(LedgerColumn column) => !ReferenceEquals(_values[(int)column], Absent);

    public T? Get<T>(LedgerColumn column) => _values[(int)column] is T t ? t : default;

    internal void Set(LedgerColumn column, object? value) => _values[(int)column] = value;

    /// <summary>
    /// The project as this row states it, starting from what is already known (an existing project, or defaults for
    /// a new one): columns present in the file replace the known values — a blank cell clears — and columns the
    /// file does not have keep them.
    /// </summary>
    public ProjectDraft ApplyTo(ProjectDraft known, int planYear, int? orgId)
    {
        var d = known with { Code = Code };
        if (orgId is { } o) d = d with { OrgId = o };
        if (Has(LedgerColumn.Name)) d = d with { Name = Get<string>(LedgerColumn.Name) ?? "" };
        if (Has(LedgerColumn.Location)) d = d with { Location = Get<string>(LedgerColumn.Location) };
        if (Has(LedgerColumn.Content)) d = d with { Content = Get<string>(LedgerColumn.Content) };
        if (Has(LedgerColumn.UnitName)) d = d with { UnitName = Get<string>(LedgerColumn.UnitName) };
        if (Has(LedgerColumn.ResponsibleUnit)) d = d with { ResponsibleUnit = Get<string>(LedgerColumn.ResponsibleUnit) };
        if (Has(LedgerColumn.TotalInvestment)) d = d with { TotalInvestment = Get<decimal?>(LedgerColumn.TotalInvestment) ?? 0 };
        if (Has(LedgerColumn.PlannedStart)) d = d with { PlannedStart = Get<DateOnly?>(LedgerColumn.PlannedStart) };
        if (Has(LedgerColumn.PlannedCompletion)) d = d with { PlannedCompletion = Get<DateOnly?>(LedgerColumn.PlannedCompletion) };
        if (Has(LedgerColumn.ActualStart)) d = d with { ActualStart = Get<DateOnly?>(LedgerColumn.ActualStart) };
        if (Has(LedgerColumn.ActualCompletion)) d = d with { ActualCompletion = Get<DateOnly?>(LedgerColumn.ActualCompletion) };
        if (Has(LedgerColumn.StatisticsEntry)) d = d with { StatisticsEntry = Get<DateOnly?>(LedgerColumn.StatisticsEntry) };
        if (Has(LedgerColumn.Levels)) d = d with { Levels = Get<ProjectLevel?>(LedgerColumn.Levels) ?? ProjectLevel.None };
        if (Has(LedgerColumn.InvestmentKind)) d = d with { InvestmentKind = Get<InvestmentKind?>(LedgerColumn.InvestmentKind) };
        if (Has(LedgerColumn.ManagementCategory)) d = d with { ManagementCategory = Get<ManagementCategory?>(LedgerColumn.ManagementCategory) };
        if (Has(LedgerColumn.Sector)) d = d with { Sector = Get<Sector?>(LedgerColumn.Sector) };
        if (Has(LedgerColumn.Stage) && Get<ProjectStage?>(LedgerColumn.Stage) is { } stage) d = d with { Stage = stage };
        if (Has(LedgerColumn.Lists)) d = d with { Lists = Get<List<ListMembershipDraft>>(LedgerColumn.Lists) ?? [] };
        if (Has(LedgerColumn.ContactName)) d = d with { ContactName = Get<string>(LedgerColumn.ContactName) };
        if (Has(LedgerColumn.ContactPhone)) d = d with { ContactPhone = Get<string>(LedgerColumn.ContactPhone) };
        if (Has(LedgerColumn.Remarks)) d = d with { Remarks = Get<string>(LedgerColumn.Remarks) };

        if (Has(LedgerColumn.AnnualPlan) || Has(LedgerColumn.ConstructionKind))
        {
            var plans = d.YearPlans.ToList();
            var at = plans.FindIndex(p => p.Year == planYear);
            var current = at >= 0 ? plans[at] : null;
            var amount = Has(LedgerColumn.AnnualPlan) ? Get<decimal?>(LedgerColumn.AnnualPlan) : current?.PlannedInvestment;
            var kind = Has(LedgerColumn.ConstructionKind) ? Get<ConstructionKind?>(LedgerColumn.ConstructionKind) : current?.Kind;
            if (amount is { } a)
            {
                var plan = new YearPlanDraft(planYear, a, kind);
                if (at >= 0) plans[at] = plan; else plans.Add(plan);
            }
            else if (at >= 0) plans.RemoveAt(at);
            d = d with { YearPlans = plans };
        }

        var team = d.Team.ToList();
        foreach (var (column, role) in TeamColumns)
        {
            if (!Has(column)) continue;
            var names = Get<List<string>>(column) ?? [];
            var kept = team.Where(t => t.Role == role).ToList();
            team.RemoveAll(t => t.Role == role);
            team.AddRange(names.Select(n => kept.FirstOrDefault(k => k.Name == n) ?? new TeamMemberDraft(role, n)));
        }
        return d with { Team = team };
    }

    public static readonly (LedgerColumn Column, TeamRole Role)[] TeamColumns =
    [
        (LedgerColumn.Leader, TeamRole.Leader),
        (LedgerColumn.ChiefServiceOfficer, TeamRole.ChiefServiceOfficer),
        (LedgerColumn.ApprovalHelper, TeamRole.ApprovalHelper),
        (LedgerColumn.SiteMonitor, TeamRole.SiteMonitor),
        (LedgerColumn.UnitHead, TeamRole.UnitHead),
    ];

    /// <summary>The ledger column a validation error of the project draft belongs to, so it can be shown at its cell.</summary>
    public static LedgerColumn? ColumnOf(string? field, ProjectDraft draft)
    {
        if (field is null) return null;
        var head = field.Split('[', '.')[0];
        return head switch
        {
            nameof(ProjectDraft.Code) => LedgerColumn.Code,
            nameof(ProjectDraft.Name) => LedgerColumn.Name,
            nameof(ProjectDraft.Content) => LedgerColumn.Content,
            nameof(ProjectDraft.Location) => LedgerColumn.Location,
            nameof(ProjectDraft.OrgId) => LedgerColumn.Org,
            nameof(ProjectDraft.UnitName) => LedgerColumn.UnitName,
            nameof(ProjectDraft.ResponsibleUnit) => LedgerColumn.ResponsibleUnit,
            nameof(ProjectDraft.Levels) => LedgerColumn.Levels,
            nameof(ProjectDraft.InvestmentKind) => LedgerColumn.InvestmentKind,
            nameof(ProjectDraft.ManagementCategory) => LedgerColumn.ManagementCategory,
            nameof(ProjectDraft.Sector) => LedgerColumn.Sector,
            nameof(ProjectDraft.Stage) => LedgerColumn.Stage,
            nameof(ProjectDraft.TotalInvestment) => LedgerColumn.TotalInvestment,
            nameof(ProjectDraft.YearPlans) => field.EndsWith(".Kind", StringComparison.Ordinal) ? LedgerColumn.ConstructionKind : LedgerColumn.AnnualPlan,
            nameof(ProjectDraft.PlannedStart) => LedgerColumn.PlannedStart,
            nameof(ProjectDraft.PlannedCompletion) => LedgerColumn.PlannedCompletion,
            nameof(ProjectDraft.ActualStart) => LedgerColumn.ActualStart,
            nameof(ProjectDraft.ActualCompletion) => LedgerColumn.ActualCompletion,
            nameof(ProjectDraft.StatisticsEntry) => LedgerColumn.StatisticsEntry,
            nameof(ProjectDraft.Lists) => LedgerColumn.Lists,
            nameof(ProjectDraft.Team) => TeamColumnOf(field, draft),
            nameof(ProjectDraft.ContactName) => LedgerColumn.ContactName,
            nameof(ProjectDraft.ContactPhone) => LedgerColumn.ContactPhone,
            nameof(ProjectDraft.Remarks) => LedgerColumn.Remarks,
            _ => null,
        };
    }

    private static LedgerColumn? TeamColumnOf(string field, ProjectDraft draft)
    {
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        if (open < 0 || close < open || !int.TryParse(field.AsSpan(open + 1, close - open - 1), System.Globalization.CultureInfo.InvariantCulture, out var i) || i >= draft.Team.Count)
            return null;
        var role = draft.Team[i].Role;
        return TeamColumns.Where(t => t.Role == role).Select(t => (LedgerColumn?)t.Column).FirstOrDefault();
    }
}

/// <summary>What a ledger file holds once its header is found and every cell is read.</summary>
public sealed class LedgerSheet
{
    public required IReadOnlyDictionary<LedgerColumn, string> Headers { get; init; }
    public required IReadOnlyList<LedgerRow> Rows { get; init; }
    public required IReadOnlyList<ImportError> Errors { get; init; }
    public required int PlanYear { get; init; }
    /// <summary>The text of the 所属地区 cell per row number, for the host to resolve against the organisation tree.</summary>
    public required IReadOnlyDictionary<int, string> OrgNames { get; init; }

    public string HeaderText(LedgerColumn column) => Headers.TryGetValue(column, out var h) ? h : LedgerVocabulary.HeaderOf(column);
}

/// <summary>
/// A ledger read as it is enumerated: the header is found at once; the rows are read one by one as
/// <see cref="Rows"/> is enumerated (once), and <see cref="Errors"/> and <see cref="OrgNames"/> grow with them.
/// An import of a whole province holds its rows only as long as it needs each.
/// </summary>
public sealed class LedgerStream
{
    public required IReadOnlyDictionary<LedgerColumn, string> Headers { get; init; }
    public required IEnumerable<LedgerRow> Rows { get; init; }
    public required List<ImportError> Errors { get; init; }
    public required int PlanYear { get; init; }
    public required Dictionary<int, string> OrgNames { get; init; }

    public string HeaderText(LedgerColumn column) => Headers.TryGetValue(column, out var h) ? h : LedgerVocabulary.HeaderOf(column);
}

/// <summary>
/// Reads a ledger table (rows of raw cell values as the spreadsheet reader gives them). It finds the header row among
/// the first rows (ledgers put a title and "单位：万元" above it), reads every cell, and reports every bad one; it
/// never stops at the first error, and it writes nothing.
/// </summary>
public static class LedgerReader
{
    public const int HeaderSearchRows = 15;

    /// <summary>
    /// Reads the rows as they come (a reader's rows may be read once): only the first <see cref="HeaderSearchRows"/>
    /// are held while the header is looked for, so a province's ledger is never all in memory as raw cells.
    /// </summary>
    public static LedgerSheet Read(IEnumerable<IReadOnlyList<object?>> table, ISet<(int Row, int Column)> formulaCells, int defaultPlanYear)
    {
        var stream = Stream(table, formulaCells, defaultPlanYear);
        var rows = stream.Rows.ToList();
        return new LedgerSheet { Headers = stream.Headers, Rows = rows, Errors = stream.Errors, PlanYear = stream.PlanYear, OrgNames = stream.OrgNames };
    }

    /// <summary>Finds the header now and reads the rows as they are enumerated (see <see cref="LedgerStream"/>).</summary>
    public static LedgerStream Stream(IEnumerable<IReadOnlyList<object?>> table, ISet<(int Row, int Column)> formulaCells, int defaultPlanYear)
    {
        var errors = new List<ImportError>();
        var orgNames = new Dictionary<int, string>();

        var source = table.GetEnumerator();
        var head = new List<IReadOnlyList<object?>>(HeaderSearchRows);
        while (head.Count < HeaderSearchRows && source.MoveNext()) head.Add(source.Current);
        var (headerRow, columns, unitAbove) = FindHeader(head);
        if (headerRow < 0)
        {
            errors.Add(new ImportError(0, null, new RuleBroken("Error.Import.NoHeader",
                LedgerVocabulary.HeaderOf(LedgerColumn.Code), LedgerVocabulary.HeaderOf(LedgerColumn.Name))));
            source.Dispose();
            return new LedgerStream { Headers = new Dictionary<LedgerColumn, string>(), Rows = [], Errors = errors, PlanYear = defaultPlanYear, OrgNames = orgNames };
        }

        var headers = new Dictionary<LedgerColumn, string>();
        var byColumn = new Dictionary<LedgerColumn, (int Index, LedgerHeader Header)>();
        int? planYear = null;
        foreach (var (index, header, text) in columns)
        {
            if (header.Column == LedgerColumn.Seq) continue;
            if (byColumn.ContainsKey(header.Column))
            {
                errors.Add(new ImportError(headerRow + 1, text, new RuleBroken("Error.Import.DuplicateColumn", text, headers[header.Column])));
                continue;
            }
            byColumn[header.Column] = (index, header);
            headers[header.Column] = text;
            if (header.Column == LedgerColumn.AnnualPlan && header.Year is { } y) planYear = y;
        }
        var year = planYear ?? defaultPlanYear;

        IEnumerable<(int Index, IReadOnlyList<object?> Cells)> Body()
        {
            for (var i = headerRow + 1; i < head.Count; i++) yield return (i, head[i]);
            for (var i = head.Count; source.MoveNext(); i++) yield return (i, source.Current);
        }

        IEnumerable<LedgerRow> Rows()
        {
            using var _ = source;
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (r, cells) in Body())
            {
                if (cells.All(LedgerCell.IsBlank)) continue;
                var rowNumber = r + 1;
                object? Cell(LedgerColumn c) => byColumn.TryGetValue(c, out var at) && at.Index < cells.Count ? cells[at.Index] : null;

                var code = ProjectCode.Normalize(LedgerCell.Text(Cell(LedgerColumn.Code)));
                // Ledgers often write 合计 in their first column, which may be the code's.
                if (code.Length == 0 || (IsTotalRow(cells) && !ProjectCode.IsValid(code)))
                {
                    if (IsTotalRow(cells) || IsSectionRow(cells)) continue;
                    errors.Add(new ImportError(rowNumber, headers[LedgerColumn.Code], new FieldInvalid("Code", "Error.Project.CodeRequired")));
                    continue;
                }
                if (codes.TryGetValue(code, out var firstRow))
                {
                    errors.Add(new ImportError(rowNumber, headers[LedgerColumn.Code], new RuleBroken("Error.Import.DuplicateCode", code, firstRow)));
                    continue;
                }
                codes[code] = rowNumber;

                var row = new LedgerRow { RowNumber = rowNumber, Code = code };
                foreach (var (column, (index, header)) in byColumn)
                {
                    if (column == LedgerColumn.Code) continue;
                    var raw = index < cells.Count ? cells[index] : null;
                    var headerText = headers[column];
                    if (formulaCells.Contains((r, index)) && IsNumberOrDate(column))
                    {
                        errors.Add(new ImportError(rowNumber, headerText, new RuleBroken("Error.Import.Formula")));
                        continue;
                    }
                    if (ReadCell(column, raw, header.Unit ?? unitAbove ?? MoneyUnit.Wan, out var value) is { } error)
                        errors.Add(new ImportError(rowNumber, headerText, error));
                    else
                        row.Set(column, value);
                }
                if (byColumn.ContainsKey(LedgerColumn.Org) && LedgerCell.Text(Cell(LedgerColumn.Org)) is { } orgName)
                    orgNames[rowNumber] = orgName;
                yield return row;
            }
        }

        return new LedgerStream { Headers = headers, Rows = Rows(), Errors = errors, PlanYear = year, OrgNames = orgNames };
    }

    private static (int Row, List<(int Index, LedgerHeader Header, string Text)> Columns, MoneyUnit? UnitAbove) FindHeader(List<IReadOnlyList<object?>> table)
    {
        MoneyUnit? unit = null;
        for (var r = 0; r < Math.Min(HeaderSearchRows, table.Count); r++)
        {
            var found = new List<(int, LedgerHeader, string)>();
            for (var c = 0; c < table[r].Count; c++)
            {
                var text = LedgerCell.Text(table[r][c]);
                if (text is null) continue;
                if (LedgerVocabulary.MatchHeader(text) is { } h) found.Add((c, h, text));
            }
            if (found.Any(f => f.Item2.Column == LedgerColumn.Code) && found.Any(f => f.Item2.Column == LedgerColumn.Name))
                return (r, found, unit);
            foreach (var cell in table[r])
                if (LedgerVocabulary.UnitStatedIn(LedgerCell.Text(cell)) is { } u) unit = u;
        }
        return (-1, [], null);
    }

    /// <summary>合计/小计 rows and section rows ("一、濮阳县") carry no code and are not projects.</summary>
    /// <summary>"合计（56个）", "小计（36个）", "总计：" — the count often follows the word.</summary>
    private static bool IsTotalRow(IReadOnlyList<object?> cells) =>
        cells.Select(LedgerCell.Text).Any(t => t is not null && LedgerText.Normalize(t) is var n && TotalWords.Any(w => n.StartsWith(w, StringComparison.Ordinal)));

    /// <summary>A section title ("一、新建项目") stands alone in its row.</summary>
    private static bool IsSectionRow(IReadOnlyList<object?> cells) => cells.Count(c => !LedgerCell.IsBlank(c)) == 1;

    private static readonly string[] TotalWords = ["合计", "小计", "总计"];

    private static bool IsNumberOrDate(LedgerColumn c) => c is LedgerColumn.TotalInvestment or LedgerColumn.AnnualPlan
        or LedgerColumn.PlannedStart or LedgerColumn.PlannedCompletion or LedgerColumn.ActualStart or LedgerColumn.ActualCompletion or LedgerColumn.StatisticsEntry;

    /// <summary>Reads one cell; returns the reason when it cannot.</summary>
    private static DomainError? ReadCell(LedgerColumn column, object? raw, MoneyUnit unit, out object? value)
    {
        value = null;
        if (LedgerCell.IsBlank(raw)) return null;
        var text = LedgerCell.Text(raw);
        switch (column)
        {
            case LedgerColumn.TotalInvestment or LedgerColumn.AnnualPlan:
                if (!LedgerCell.TryParseMoney(raw, unit, out var wan))
                    return new RuleBroken(text?.TrimStart().StartsWith('=') == true ? "Error.Import.Formula" : "Error.Import.NotANumber", text);
                if (wan < 0) return new RuleBroken("Error.AmountNegative");
                value = (decimal?)decimal.Round(wan, Common.Money.MaxDecimals, MidpointRounding.AwayFromZero);
                return null;
            case LedgerColumn.PlannedStart or LedgerColumn.ActualStart or LedgerColumn.StatisticsEntry:
            case LedgerColumn.PlannedCompletion or LedgerColumn.ActualCompletion:
                var lastDay = column is LedgerColumn.PlannedCompletion or LedgerColumn.ActualCompletion;
                if (!LedgerCell.TryParseDate(raw, lastDay, out var date)) return new RuleBroken("Error.Import.NotADate", text);
                value = (DateOnly?)date;
                return null;
            case LedgerColumn.Levels:
                if (!LedgerVocabulary.TryParseLevels(text, out var levels)) return new RuleBroken("Error.Import.UnknownValue", text);
                value = (ProjectLevel?)levels;
                return null;
            case LedgerColumn.ConstructionKind:
                if (!LedgerVocabulary.TryParse(text, out ConstructionKind ck)) return new RuleBroken("Error.Import.UnknownValue", text);
                value = (ConstructionKind?)ck;
                return null;
            case LedgerColumn.InvestmentKind:
                if (!LedgerVocabulary.TryParse(text, out InvestmentKind ik)) return new RuleBroken("Error.Import.UnknownValue", text);
                value = (InvestmentKind?)ik;
                return null;
            case LedgerColumn.ManagementCategory:
                if (!LedgerVocabulary.TryParse(text, out ManagementCategory mc)) return new RuleBroken("Error.Import.UnknownValue", text);
                value = (ManagementCategory?)mc;
                return null;
            case LedgerColumn.Sector:
                if (!LedgerVocabulary.TryParse(text, out Sector sector)) return new RuleBroken("Error.Import.UnknownValue", text);
                value = (Sector?)sector;
                return null;
            case LedgerColumn.Stage:
                if (!LedgerVocabulary.TryParse(text, out ProjectStage stage)) return new RuleBroken("Error.Import.UnknownValue", text);
                value = (ProjectStage?)stage;
                return null;
            case LedgerColumn.Lists:
                if (!LedgerVocabulary.TryParseLists(text, out var lists, out var bad)) return new RuleBroken("Error.Import.UnknownValue", bad);
                value = lists;
                return null;
            case LedgerColumn.Leader or LedgerColumn.ChiefServiceOfficer or LedgerColumn.ApprovalHelper or LedgerColumn.SiteMonitor or LedgerColumn.UnitHead:
                value = LedgerText.SplitList(text).ToList();
                return null;
            default:
                value = text;
                return null;
        }
    }
}
