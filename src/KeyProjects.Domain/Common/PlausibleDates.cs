namespace KeyProjects.Domain.Common;

/// <summary>
/// The dates a key project's records can hold (issue 12): from 2000 — no ledger in use goes further back — to thirty
/// years after today, past any construction period. A date outside ("0001-01-01", a mistyped year 2206) is refused with
/// a message naming the range, instead of escalating a problem five levels at once or drawing a Gantt chart over two
/// millennia. Rules with a narrower window of their own (daily posts, visits) keep theirs.
/// </summary>
public static class PlausibleDates
{
    public const int FirstYear = 2000;
    public const int YearsAhead = 30;
    public const string OutOfRange = "Error.DateOutOfRange";

    public static readonly DateOnly Earliest = new(FirstYear, 1, 1);

    public static DateOnly Latest(DateOnly today) => new(today.Year + YearsAhead, 12, 31);

    public static bool Holds(DateOnly date, DateOnly today) => date >= Earliest && date <= Latest(today);

    /// <summary>The error for a date outside the range, or null (also for no date).</summary>
    public static FieldInvalid? Check(string field, DateOnly? date, DateOnly today) =>
        date is { } d && !Holds(d, today) ? new FieldInvalid(field, OutOfRange, FirstYear, Latest(today).Year) : null;

    /// <summary>Adds the errors of the dates outside the range to <paramref name="errors"/>.</summary>
    public static void Check(ICollection<DomainError> errors, DateOnly today, params (string Field, DateOnly? Date)[] dates)
    {
        foreach (var (field, date) in dates)
            if (Check(field, date, today) is { } error) errors.Add(error);
    }
}
