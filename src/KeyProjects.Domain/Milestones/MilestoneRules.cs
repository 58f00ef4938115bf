using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Milestones;

/// <summary>倒排工期: the rules of a milestone plan — what a milestone must hold, when a date may move, how late it is.</summary>
public static class MilestoneRules
{
    public const int MaxNameLength = 100;
    public const int MaxOwnerLength = 50;
    public const int MaxNoteLength = 500;
    public const int MaxSortOrder = 9999;

    /// <summary>The fields of a new or edited milestone. An actual date is something that happened: not after <paramref name="asOf"/>.</summary>
    public static IEnumerable<DomainError> Validate(MilestoneDraft d, DateOnly asOf)
    {
        var name = d.Name?.Trim() ?? "";
        if (name.Length == 0) yield return new FieldInvalid(nameof(MilestoneDraft.Name), "Error.Required");
        else if (name.Length > MaxNameLength) yield return new FieldInvalid(nameof(MilestoneDraft.Name), "Error.TooLong", MaxNameLength);
        if ((d.Owner?.Trim().Length ?? 0) > MaxOwnerLength) yield return new FieldInvalid(nameof(MilestoneDraft.Owner), "Error.TooLong", MaxOwnerLength);
        if ((d.Note?.Trim().Length ?? 0) > MaxNoteLength) yield return new FieldInvalid(nameof(MilestoneDraft.Note), "Error.TooLong", MaxNoteLength);
        if (d.PlannedDate is null) yield return new FieldInvalid(nameof(MilestoneDraft.PlannedDate), "Error.Required");
        else if (PlausibleDates.Check(nameof(MilestoneDraft.PlannedDate), d.PlannedDate, asOf) is { } plannedOut) yield return plannedOut;
        if (PlausibleDates.Check(nameof(MilestoneDraft.ActualDate), d.ActualDate, asOf) is { } actualOut) yield return actualOut;
        if (d.ActualDate is { } a && a > asOf) yield return new FieldInvalid(nameof(MilestoneDraft.ActualDate), "Error.DateInFuture");
        if (d.SortOrder is < 0 or > MaxSortOrder) yield return new FieldInvalid(nameof(MilestoneDraft.SortOrder), "Error.Milestone.SortOrderRange", 0, MaxSortOrder);
    }

    /// <summary>
    /// A planned date that moves needs a coded reason, and 其他 needs a note saying what. A date that does not move
    /// needs nothing (a reason sent with it is ignored).
    /// </summary>
    public static IEnumerable<DomainError> ValidateDateChange(DateOnly current, DateOnly wanted, DateChangeReason? reason)
    {
        if (current == wanted) yield break;
        if (reason?.Code is not { } code || !Enum.IsDefined(code))
        {
            yield return new FieldInvalid("ReasonCode", "Error.Milestone.ReasonRequired");
            yield break;
        }
        var note = reason.Note?.Trim() ?? "";
        if (code == MilestoneChangeReason.Other && note.Length == 0)
            yield return new FieldInvalid("ReasonNote", "Error.Milestone.OtherNeedsNote");
        if (note.Length > MaxNoteLength) yield return new FieldInvalid("ReasonNote", "Error.TooLong", MaxNoteLength);
    }

    /// <summary>
    /// Days behind the baseline (negative: ahead). Done: actual − baseline. Not done: the date it can be done at the
    /// earliest — the planned date, or <paramref name="asOf"/> once the planned date has passed — minus the baseline.
    /// </summary>
    public static int DaysLate(DateOnly baseline, DateOnly planned, DateOnly? actual, DateOnly asOf)
    {
        var expected = actual ?? (planned < asOf ? asOf : planned);
        return expected.DayNumber - baseline.DayNumber;
    }

    /// <summary>Overdue (逾期): the planned date has passed and nothing was done. Due today is not yet overdue.</summary>
    public static bool IsOverdue(DateOnly planned, DateOnly? actual, DateOnly asOf) => actual is null && planned < asOf;
}
