namespace KeyProjects.Domain.Calendar;

/// <summary>What a dated entry of the calendar says about its day.</summary>
public enum DayKind
{
    /// <summary>放假: no work, whatever the weekday.</summary>
    Holiday = 1,
    /// <summary>调休上班: a Saturday or Sunday worked in exchange for a holiday.</summary>
    MakeUpWorkday = 2,
    /// <summary>An administrator's correction back to the rule (Monday to Friday work), overriding a shipped entry.</summary>
    Ordinary = 3,
}

/// <summary>One dated exception to "Monday to Friday are working days".</summary>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, string Name);

/// <summary>
/// China's working days: Monday to Friday, except the statutory holidays, plus the weekend days worked in exchange
/// (调休). Deadlines "within N working days" count from the day after the start; 0 means the same day (当场办结).
/// </summary>
public sealed class WorkingCalendar
{
    readonly Dictionary<DateOnly, CalendarDay> _days;

    public WorkingCalendar(IEnumerable<CalendarDay> days)
    {
        _days = [];
        foreach (var d in days) _days[d.Date] = d; // the last word on a date wins (an administrator's correction)
    }

    public static WorkingCalendar Default { get; } = new(ChineseHolidays.All);

    public IReadOnlyCollection<CalendarDay> Days => _days.Values;

    public CalendarDay? Entry(DateOnly date) => _days.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date) => _days.TryGetValue(date, out var d)
        && d.Kind != DayKind.Ordinary
        ? d.Kind == DayKind.MakeUpWorkday
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly OnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date)) date = date.AddDays(1);
        return date;
    }

    /// <summary>
    /// The deadline of something started on <paramref name="start"/> and due within <paramref name="workingDays"/>
    /// working days: the n-th working day after the start; with 0, the start itself (or the next working day when the
    /// start is a day off).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        if (workingDays == 0) return OnOrAfter(start);
        var date = start;
        while (workingDays > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) workingDays--;
        }
        return date;
    }

    /// <summary>
    /// Working days from <paramref name="from"/> to <paramref name="to"/>: those after <paramref name="from"/> up to and
    /// including <paramref name="to"/> (0 when solved the same day; negative when <paramref name="to"/> is earlier).
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }
}
