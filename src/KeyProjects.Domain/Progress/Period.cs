using System.Globalization;

namespace KeyProjects.Domain.Progress;

/// <summary>A reporting month, "1至M月" of a year. Ordered; <see cref="Index"/> counts months from year 0.</summary>
public readonly record struct Period(int Year, int Month) : IComparable<Period>
{
    public int Index => Year * 12 + Month - 1;

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    public Period Next => Month == 12 ? new Period(Year + 1, 1) : new Period(Year, Month + 1);

    public Period Previous => Month == 1 ? new Period(Year - 1, 12) : new Period(Year, Month - 1);

    /// <summary>The same month a year earlier, for growth on the same period.</summary>
    public Period YearBefore => new(Year - 1, Month);

    public bool IsValid => Year is >= 2000 and <= 2100 && Month is >= 1 and <= 12;

    public int CompareTo(Period other) => Index.CompareTo(other.Index);

    public static bool operator <(Period a, Period b) => a.Index < b.Index;
    public static bool operator >(Period a, Period b) => a.Index > b.Index;
    public static bool operator <=(Period a, Period b) => a.Index <= b.Index;
    public static bool operator >=(Period a, Period b) => a.Index >= b.Index;

    public static Period Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>
    /// The latest month complete on a date: the date's own month on its last day, else the month before. Figures "as of
    /// 31 May" are "1至5月"; on 10 June they are still the May figures, whose reports are due now.
    /// </summary>
    public static Period LastCompleteOn(DateOnly date) =>
        date.Day == DateTime.DaysInMonth(date.Year, date.Month) ? Of(date) : Of(date).Previous;

    public override string ToString() => $"{Year.ToString(CultureInfo.InvariantCulture)}-{Month.ToString("00", CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        period = new Period(y, m);
        return period.IsValid;
    }
}
