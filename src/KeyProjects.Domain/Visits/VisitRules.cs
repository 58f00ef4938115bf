using System.Globalization;
using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Visits;

/// <summary>
/// 分包督导: what a visit record must hold and which days it may be for. "Today" is passed in, never read.
/// </summary>
public static class VisitRules
{
    public const int MaxFindingsLength = 2000;

    /// <summary>A problem raised on a visit is one short line; each becomes an item of the problem ledger.</summary>
    public const int MaxProblemLength = 150;

    public const int MaxProblems = 20;

    /// <summary>Days back a visit may be recorded: a month, so last month's visits can still be entered early in the next.</summary>
    public const int DefaultBackfillDays = 31;

    public const int MaxLeaderNameLength = 50;

    public static IReadOnlyList<DomainError> Validate(DateOnly date, DateOnly today, int backfillDays, string? findings, IReadOnlyList<string> problems)
    {
        var errors = new List<DomainError>();
        if (date > today) errors.Add(new FieldInvalid("Date", "Error.Visit.DateInFuture"));
        else if (date < EarliestDate(today, backfillDays))
            errors.Add(new FieldInvalid("Date", "Error.Visit.DateTooOld", backfillDays, EarliestDate(today, backfillDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var text = findings?.Trim() ?? "";
        if (text.Length == 0) errors.Add(new FieldInvalid("Findings", "Error.Visit.FindingsRequired"));
        else if (text.Length > MaxFindingsLength) errors.Add(new FieldInvalid("Findings", "Error.Visit.FindingsTooLong", MaxFindingsLength, text.Length));
        if (problems.Count > MaxProblems) errors.Add(new FieldInvalid("Problems", "Error.Visit.TooManyProblems", MaxProblems, problems.Count));
        for (var i = 0; i < problems.Count; i++)
            if (problems[i].Length > MaxProblemLength)
                errors.Add(new FieldInvalid("Problems", "Error.Visit.ProblemTooLong", i + 1, MaxProblemLength, problems[i].Length));
        return errors;
    }

    public static DateOnly EarliestDate(DateOnly today, int backfillDays) => today.AddDays(-Math.Max(0, backfillDays));

    /// <summary>The problems as lines: one per line of the text, trimmed, blank lines dropped.</summary>
    public static IReadOnlyList<string> ProblemLines(IEnumerable<string?>? lines) =>
        (lines ?? []).SelectMany(l => (l ?? "").Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
