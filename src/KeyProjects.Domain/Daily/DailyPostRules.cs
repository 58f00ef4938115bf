using KeyProjects.Domain.Common;
using KeyProjects.Domain.Progress;

namespace KeyProjects.Domain.Daily;

/// <summary>
/// 每天必传: what a daily progress post must hold, which days it may be for, and which days of a month a project
/// still owes one. Dates are China dates; "today" is passed in, never read.
/// </summary>
public static class DailyPostRules
{
    public const int MaxTextLength = 1000;

    /// <summary>Days back a post may be dated when the site had no signal or the phone no battery.</summary>
    public const int DefaultBackfillDays = 3;

    public static IReadOnlyList<DomainError> Validate(string? text, DateOnly date, DateOnly today, int backfillDays)
    {
        var errors = new List<DomainError>();
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) errors.Add(new FieldInvalid("Text", "Error.Daily.TextRequired"));
        else if (trimmed.Length > MaxTextLength) errors.Add(new FieldInvalid("Text", "Error.Daily.TextTooLong", MaxTextLength, trimmed.Length));
        if (date > today) errors.Add(new FieldInvalid("Date", "Error.Daily.DateInFuture"));
        else if (date < EarliestDate(today, backfillDays))
            errors.Add(new FieldInvalid("Date", "Error.Daily.DateTooOld", backfillDays, EarliestDate(today, backfillDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        return errors;
    }

    public static DateOnly EarliestDate(DateOnly today, int backfillDays) => today.AddDays(-Math.Max(0, backfillDays));

    /// <summary>
    /// The days of the month a post was due and none was made: from the project's actual start (or the first of the
    /// month, if later) to today (or the actual completion, or the month's end, whichever comes first). A project
    /// not yet started owes nothing; nor does a month not yet begun.
    /// </summary>
    public static IReadOnlyList<DateOnly> MissingDays(Period month, DateOnly? actualStart, DateOnly? actualCompletion, DateOnly today, IReadOnlySet<DateOnly> posted)
    {
        var (from, to) = DueRange(month, actualStart, actualCompletion, today);
        var missing = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
            if (!posted.Contains(d)) missing.Add(d);
        return missing;
    }

    /// <summary>The first and last day a post is due in the month; an empty range (from after to) when none is.</summary>
    public static (DateOnly From, DateOnly To) DueRange(Period month, DateOnly? actualStart, DateOnly? actualCompletion, DateOnly today)
    {
        if (actualStart is not { } start) return (month.LastDay, month.FirstDay.AddDays(-1));
        var from = start > month.FirstDay ? start : month.FirstDay;
        var to = month.LastDay;
        if (today < to) to = today;
        if (actualCompletion is { } done && done < to) to = done;
        return (from, to);
    }
}
