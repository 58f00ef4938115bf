using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Meetings;

/// <summary>What a meeting series (周调度/周例会) is: a name, the ladder level it serves, a weekday, the agenda's margin and deep dives.</summary>
public sealed record SeriesDraft
{
    public string Name { get; init; } = "";
    public int Level { get; init; }
    /// <summary>ISO weekday: 1 Monday … 7 Sunday.</summary>
    public int Weekday { get; init; }
    public TimeOnly? Time { get; init; }
    /// <summary>A project enters the agenda when it is at least this many percentage points behind 序时进度.</summary>
    public decimal MarginPoints { get; init; } = MeetingRules.DefaultMarginPoints;
    public int DeepDiveCount { get; init; } = MeetingRules.DefaultDeepDiveCount;
}

/// <summary>A 交办事项 as asked: its deadline is a date, or a number of working days counted from the meeting.</summary>
public sealed record TaskDraft
{
    public string Title { get; init; } = "";
    public int? OwnerOrgId { get; init; }
    public string? OwnerName { get; init; }
    public DateOnly? Deadline { get; init; }
    public int? WorkingDays { get; init; }
    public string? ProjectCode { get; init; }
}

/// <summary>The rules of meetings, their series and their 交办事项 that do not need the database.</summary>
public static class MeetingRules
{
    public const int NameMaxLength = 100;
    public const int TitleMaxLength = 150;
    public const int OwnerNameMaxLength = 100;
    public const int TextMaxLength = 8000;
    public const int AttendeesMaxLength = 2000;
    public const decimal DefaultMarginPoints = 5m;
    public const decimal MaxMarginPoints = 100m;
    public const int DefaultDeepDiveCount = 1;
    public const int MaxDeepDiveCount = 2;
    public const int MaxWorkingDays = 60;
    /// <summary>A project deep-dived in one of this many previous meetings of the series is not chosen again (rotation).</summary>
    public const int RotationMeetings = 3;
    /// <summary>A task is "due soon" this many days before its deadline (reminders).</summary>
    public const int DueSoonDays = 2;

    /// <summary>ISO weekday (1 Monday … 7 Sunday) of a date.</summary>
    public static int IsoWeekday(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;

    public static DayOfWeek DayOfWeekOf(int isoWeekday) => isoWeekday == 7 ? DayOfWeek.Sunday : (DayOfWeek)isoWeekday;

    /// <summary>
    /// The date of a series' next meeting on <paramref name="today"/>: today when today is its weekday (the meeting has not
    /// been passed yet: it is held today), otherwise the first such weekday after today.
    /// </summary>
    public static DateOnly NextDate(int isoWeekday, DateOnly today)
    {
        if (isoWeekday is < 1 or > 7) throw new ArgumentOutOfRangeException(nameof(isoWeekday), isoWeekday, "ISO weekday 1–7.");
        var days = (isoWeekday - IsoWeekday(today) + 7) % 7;
        return today.AddDays(days);
    }

    public static List<DomainError> ValidateSeries(SeriesDraft d, int ladderTop)
    {
        var errors = new List<DomainError>();
        var name = d.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new FieldInvalid("Name", "Error.Meeting.NameRequired"));
        else if (name.Length > NameMaxLength) errors.Add(new FieldInvalid("Name", "Error.Meeting.TooLong", NameMaxLength));
        if (d.Level < 1 || d.Level > ladderTop) errors.Add(new FieldInvalid("Level", "Error.Meeting.LevelRange", 1, ladderTop));
        if (d.Weekday is < 1 or > 7) errors.Add(new FieldInvalid("Weekday", "Error.Meeting.Weekday"));
        if (d.MarginPoints < 0 || d.MarginPoints > MaxMarginPoints) errors.Add(new FieldInvalid("MarginPoints", "Error.Meeting.Margin", 0, MaxMarginPoints));
        if (d.DeepDiveCount is < 1 or > MaxDeepDiveCount) errors.Add(new FieldInvalid("DeepDiveCount", "Error.Meeting.DeepDiveCount", 1, MaxDeepDiveCount));
        return errors;
    }

    /// <summary>An ad hoc meeting's title and date: a date in the past is allowed (recording a meeting already held).</summary>
    public static List<DomainError> ValidateMeeting(string? title, DateOnly? date, int level, int ladderTop, DateOnly today)
    {
        var errors = new List<DomainError>();
        var t = title?.Trim() ?? "";
        if (t.Length == 0) errors.Add(new FieldInvalid("Title", "Error.Meeting.TitleRequired"));
        else if (t.Length > TitleMaxLength) errors.Add(new FieldInvalid("Title", "Error.Meeting.TitleTooLong", TitleMaxLength, t.Length));
        if (date is null) errors.Add(new FieldInvalid("Date", "Error.Meeting.DateRequired"));
        else PlausibleDates.Check(errors, today, ("Date", date));
        if (level < 1 || level > ladderTop) errors.Add(new FieldInvalid("Level", "Error.Meeting.LevelRange", 1, ladderTop));
        return errors;
    }

    public static List<DomainError> ValidateMinutes(string? attendees, string? minutes, IReadOnlyDictionary<string, string>? notes)
    {
        var errors = new List<DomainError>();
        if ((attendees?.Length ?? 0) > AttendeesMaxLength) errors.Add(new FieldInvalid("Attendees", "Error.Meeting.TooLong", AttendeesMaxLength));
        if ((minutes?.Length ?? 0) > TextMaxLength) errors.Add(new FieldInvalid("Minutes", "Error.Meeting.TooLong", TextMaxLength));
        foreach (var (key, note) in notes ?? new Dictionary<string, string>())
            if (note.Length > TextMaxLength) errors.Add(new FieldInvalid("Note:" + key, "Error.Meeting.TooLong", TextMaxLength));
        return errors;
    }

    /// <summary>
    /// A task's title, owner and deadline. The deadline is either a date (not before <paramref name="today"/>) or 1–60 working
    /// days, never both; the working days are turned into a date by the caller with the working-day calendar.
    /// </summary>
    public static List<DomainError> ValidateTask(TaskDraft d, DateOnly today)
    {
        var errors = new List<DomainError>();
        var t = d.Title?.Trim() ?? "";
        if (t.Length == 0) errors.Add(new FieldInvalid("Title", "Error.Meeting.TitleRequired"));
        else if (t.Length > TitleMaxLength) errors.Add(new FieldInvalid("Title", "Error.Meeting.TitleTooLong", TitleMaxLength, t.Length));
        if (d.OwnerOrgId is null) errors.Add(new FieldInvalid("OwnerOrgId", "Error.Meeting.OwnerRequired"));
        if ((d.OwnerName?.Trim().Length ?? 0) > OwnerNameMaxLength) errors.Add(new FieldInvalid("OwnerName", "Error.Meeting.TooLong", OwnerNameMaxLength));
        switch (d.Deadline, d.WorkingDays)
        {
            case (null, null):
                errors.Add(new FieldInvalid("Deadline", "Error.Meeting.DeadlineRequired"));
                break;
            case ({ }, { }):
                errors.Add(new FieldInvalid("Deadline", "Error.Meeting.DeadlineEither"));
                break;
            case ({ } date, null) when date < today:
                errors.Add(new FieldInvalid("Deadline", "Error.Meeting.DeadlinePast", today));
                break;
            case ({ } date, null) when !PlausibleDates.Holds(date, today):
                errors.Add(PlausibleDates.Check("Deadline", date, today)!);
                break;
            case (null, { } n) when n is < 1 or > MaxWorkingDays:
                errors.Add(new FieldInvalid("WorkingDays", "Error.Meeting.WorkingDaysRange", 1, MaxWorkingDays));
                break;
        }
        return errors;
    }

    /// <summary>Open (someone's to do, so the deadline runs) until it is reported done.</summary>
    public static bool IsOpen(MeetingTaskStatus status) => status == MeetingTaskStatus.InProgress;

    public static bool IsOverdue(MeetingTaskStatus status, DateOnly deadline, DateOnly today) => IsOpen(status) && today > deadline;

    public static bool IsDueSoon(MeetingTaskStatus status, DateOnly deadline, DateOnly today) =>
        IsOpen(status) && today <= deadline && deadline.DayNumber - today.DayNumber <= DueSoonDays;

    /// <summary>The status after <paramref name="action"/>, or the error that forbids it.</summary>
    public static Result<MeetingTaskStatus> Next(MeetingTaskStatus status, MeetingTaskAction action) => (status, action) switch
    {
        (MeetingTaskStatus.InProgress, MeetingTaskAction.ReportDone) => MeetingTaskStatus.Reported,
        (MeetingTaskStatus.Reported, MeetingTaskAction.Verify) => MeetingTaskStatus.Closed,
        (MeetingTaskStatus.Reported, MeetingTaskAction.Reject) => MeetingTaskStatus.InProgress,
        (MeetingTaskStatus.Closed, MeetingTaskAction.Reopen) => MeetingTaskStatus.InProgress,
        _ => Result<MeetingTaskStatus>.Fail(new RuleBroken("Error.Meeting.TaskTransition", status, action)),
    };
}
