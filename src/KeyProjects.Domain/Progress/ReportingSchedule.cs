namespace KeyProjects.Domain.Progress;

public enum PeriodState
{
    /// <summary>Before the window opens: a report for it is a report for the future.</summary>
    NotOpen = 1,
    Open = 2,
    /// <summary>Past the deadline: still accepted until the period is locked, and shown as late.</summary>
    Overdue = 3,
}

/// <summary>
/// When a month is reported: the window opens on a day of the month itself (the last week's figures are known by
/// then) and the deadline is a day of the next month. An organisation may set its own; children use the nearest one.
/// </summary>
public sealed record ReportingSchedule(int OpensOnDay = 25, int DeadlineDay = 5)
{
    public static readonly ReportingSchedule Default = new();

    public DateOnly OpensOn(Period p) => new(p.Year, p.Month, Math.Min(OpensOnDay, DateTime.DaysInMonth(p.Year, p.Month)));

    public DateOnly Deadline(Period p)
    {
        var next = p.Next;
        return new DateOnly(next.Year, next.Month, Math.Min(DeadlineDay, DateTime.DaysInMonth(next.Year, next.Month)));
    }

    public PeriodState StateOn(Period p, DateOnly today) =>
        today < OpensOn(p) ? PeriodState.NotOpen : today <= Deadline(p) ? PeriodState.Open : PeriodState.Overdue;

    public bool IsValid => OpensOnDay is >= 1 and <= 31 && DeadlineDay is >= 1 and <= 28;
}
