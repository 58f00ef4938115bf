using System.Collections.Frozen;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KeyProjects.Web.Data;

/// <summary>
/// The tables some server holds in memory, each with the counter its writers take (docs/decisions/016-change-numbers.md).
/// A table a new in-memory index reads goes here, or the index misses the writes other servers make.
/// </summary>
public static class CountedTables
{
    public static readonly FrozenDictionary<Type, Counter> ByType = new Dictionary<Type, Counter>
    {
        // ProjectIndex: the list's columns, plan years, lists and leaders; a write to any of them restamps its project.
        [typeof(Features.Projects.Project)] = Counter.Projects,
        [typeof(Features.Projects.ProjectYearPlan)] = Counter.Projects,
        [typeof(Features.Projects.ProjectListMembership)] = Counter.Projects,
        [typeof(Features.Projects.ProjectTeamMember)] = Counter.Projects,
        // ProjectIndex's tree (every scope, every path) and WorkingDays' calendar: reloaded whole when the number moves.
        [typeof(Features.Organisations.Organisation)] = Counter.Organisations,
        [typeof(Features.Calendar.CalendarEntry)] = Counter.Organisations,
        // ProgressIndex: approved revisions and monthly plans, each row stamped.
        [typeof(Features.Reports.ReportRevision)] = Counter.Progress,
        [typeof(Features.Milestones.ProjectMonthlyPlan)] = Counter.Progress,
        // OpenProblemIndex: the problems (their cooperating departments are a column), logged under their number.
        [typeof(Features.Problems.Problem)] = Counter.Problems,
    }.ToFrozenDictionary();

    /// <summary>The property a row carries its number in (rows of Projects and Progress), read back by "ChangeSeq &gt; held".</summary>
    public const string RowNumber = "ChangeSeq";

    /// <summary>
    /// Counters whose rows are read by their own number (or their project's): the number is taken before the rows are
    /// saved, so that they carry it. The others are taken any time before the commit (problems: last).
    /// </summary>
    public static bool NumberedBeforeSave(Counter counter) => counter is Counter.Projects or Counter.Progress;

    private static FrozenDictionary<string, Counter>? _byTable;

    /// <summary>Counted tables by their name in the database (the same on both providers).</summary>
    public static FrozenDictionary<string, Counter> ByTable(IModel model) =>
        _byTable ??= model.GetEntityTypes().Where(t => ByType.ContainsKey(t.ClrType))
            .ToFrozenDictionary(t => t.GetTableName()!, t => ByType[t.ClrType], StringComparer.Ordinal);
}
